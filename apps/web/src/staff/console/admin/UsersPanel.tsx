import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { STAFF_ROLES, type StaffRole } from '@assay/contracts';
import type { components } from '../../../api/schema';
import { useLocale, useText, type Texts } from '../../i18n';
import { staffApi } from '../../staff-api';
import { ACTIVE_COLOUR, ROLE_LABELS } from '../labels';
import { call, showFieldErrors } from '../problems';
import { ConfirmButton, ErrorAlert, SearchBox, ScrollRegion, useListState } from '../ui';

type User = components['schemas']['UserResponse'];
type NewUser = components['schemas']['CreateUserDto'];

const TEXT: Texts<{
  list: string;
  search: string;
  add: string;
  name: string;
  email: string;
  roles: string;
  status: string;
  active: string;
  disabled: string;
  lastLogin: string;
  never: string;
  actions: string;
  changeRoles: string;
  disable: string;
  disableQuestion: (name: string) => string;
  enable: string;
  save: string;
  cancel: string;
  required: string;
  emailRule: string;
  rolesRule: string;
  created: string;
  temporaryPassword: string;
  passwordOnce: string;
  done: string;
  rolesOf: (name: string) => string;
}> = {
  'zh-CN': {
    list: '员工列表',
    search: '搜索姓名或邮箱',
    add: '添加员工',
    name: '姓名',
    email: '邮箱',
    roles: '角色',
    status: '状态',
    active: '在用',
    disabled: '已停用',
    lastLogin: '最近登录',
    never: '从未',
    actions: '操作',
    changeRoles: '修改角色',
    disable: '停用',
    disableQuestion: (name) => `停用 ${name}?TA 将立即退出登录且无法再登录,之后可以重新启用。`,
    enable: '启用',
    save: '保存',
    cancel: '取消',
    required: '请填写此项',
    emailRule: '请输入有效的邮箱地址',
    rolesRule: '至少选择一个角色',
    created: '员工已添加',
    temporaryPassword: '临时密码',
    passwordOnce: '临时密码只显示这一次:请现在复制并安全地交给对方,TA 登录后应立即修改密码。',
    done: '我已复制,关闭',
    rolesOf: (name) => `${name} 的角色`,
  },
  en: {
    list: 'Staff members',
    search: 'Search name or email',
    add: 'Add staff member',
    name: 'Name',
    email: 'Email',
    roles: 'Roles',
    status: 'Status',
    active: 'Active',
    disabled: 'Disabled',
    lastLogin: 'Last sign-in',
    never: 'Never',
    actions: 'Actions',
    changeRoles: 'Change roles',
    disable: 'Disable',
    disableQuestion: (name) => `Disable ${name}? They are signed out at once and cannot sign in; you can enable them again later.`,
    enable: 'Enable',
    save: 'Save',
    cancel: 'Cancel',
    required: 'Fill this in',
    emailRule: 'Enter a valid email address',
    rolesRule: 'Choose at least one role',
    created: 'Staff member added',
    temporaryPassword: 'Temporary password',
    passwordOnce: 'The temporary password is shown only this once: copy it now and give it to them safely; they should change it after signing in.',
    done: 'I have copied it, close',
    rolesOf: (name) => `Roles of ${name}`,
  },
};

/** Staff members: search, add (temporary password shown once), change roles, disable/enable. */
export function UsersPanel() {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const list = useListState();
  const client = useQueryClient();
  const users = useQuery({
    // The current page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
    queryKey: ['users', list.page, list.q],
    queryFn: () => call(staffApi.GET('/api/v1/users', { params: { query: { page: list.page, pageSize: list.pageSize, q: list.q || undefined } } })),
  });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: components['schemas']['UpdateUserDto'] }) => call(staffApi.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => {
      setEditing(null);
      return client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const roleOptions = STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[locale][role] }));

  return (
    <>
      <div className="console-toolbar">
        <SearchBox label={text.search} onSearch={list.search} />
        <Button type="primary" onClick={() => setAdding(true)}>
          {text.add}
        </Button>
      </div>
      {users.error && <ErrorAlert error={users.error} />}
      {update.error && !editing && <ErrorAlert error={update.error} />}
      <ScrollRegion label={text.list}>
        <Table<User>
          rowKey="id"
          loading={users.isPending}
          dataSource={users.data?.items}
          pagination={list.pagination(users.data?.total)}
          columns={[
            { title: text.name, dataIndex: 'name' },
            { title: text.email, dataIndex: 'email' },
            { title: text.roles, dataIndex: 'roles', render: (roles: StaffRole[]) => roles.map((role) => <Tag key={role}>{ROLE_LABELS[locale][role]}</Tag>) },
            {
              title: text.status,
              dataIndex: 'status',
              render: (status: User['status']) => (status === 'active' ? <Tag color={ACTIVE_COLOUR}>{text.active}</Tag> : <Tag>{text.disabled}</Tag>),
            },
            { title: text.lastLogin, dataIndex: 'lastLoginAt', render: (at: string | null) => (at ? new Date(at).toLocaleString(locale) : text.never) },
            {
              title: text.actions,
              key: 'actions',
              render: (_, user) => (
                <Space wrap>
                  <Button size="small" onClick={() => setEditing(user)} aria-label={`${text.changeRoles}: ${user.name}`}>
                    {text.changeRoles}
                  </Button>
                  {user.status === 'active' ? (
                    <ConfirmButton
                      size="small"
                      danger
                      aria-label={`${text.disable}: ${user.name}`}
                      question={text.disableQuestion(user.name)}
                      okText={text.disable}
                      onConfirm={() => update.mutate({ id: user.id, body: { status: 'disabled' } })}
                    >
                      {text.disable}
                    </ConfirmButton>
                  ) : (
                    <Button size="small" aria-label={`${text.enable}: ${user.name}`} onClick={() => update.mutate({ id: user.id, body: { status: 'active' } })}>
                      {text.enable}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </ScrollRegion>
      {adding && <AddUserModal roleOptions={roleOptions} onClose={() => setAdding(false)} />}
      {editing && (
        <RolesModal
          user={editing}
          roleOptions={roleOptions}
          saving={update.isPending}
          error={update.error}
          onSave={(roles) => update.mutate({ id: editing.id, body: { roles } })}
          onClose={() => {
            update.reset();
            setEditing(null);
          }}
        />
      )}
    </>
  );
}

function AddUserModal({ roleOptions, onClose }: { roleOptions: { value: StaffRole; label: string }[]; onClose: () => void }) {
  const text = useText(TEXT);
  const client = useQueryClient();
  const [form] = Form.useForm<NewUser>();
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const create = useMutation({
    mutationFn: (body: NewUser) => call(staffApi.POST('/api/v1/users', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
    onError: (error) => setUnplaced(showFieldErrors(form, error, ['name', 'email', 'roles'])),
  });
  const created = create.data;
  return (
    <Modal
      open
      title={created ? text.created : text.add}
      onCancel={onClose}
      footer={
        created ? (
          <Button type="primary" onClick={onClose}>
            {text.done}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{text.cancel}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {text.add}
            </Button>
          </Space>
        )
      }
    >
      {created ? (
        <>
          <p>
            {created.name} ({created.email})
          </p>
          <Alert className="gap-bottom" type="warning" showIcon title={text.passwordOnce} />
          <div>{text.temporaryPassword}:</div>
          <Typography.Text code copyable className="console-secret" data-testid="temporary-password">
            {created.temporaryPassword}
          </Typography.Text>
        </>
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ roles: ['grader'] }} onFinish={(values) => create.mutate({ ...values, email: values.email.trim() })}>
          <Form.Item label={text.name} name="name" rules={[{ required: true, whitespace: true, message: text.required }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={text.email} name="email" rules={[{ required: true, type: 'email', message: text.emailRule }]}>
            <Input />
          </Form.Item>
          <Form.Item label={text.roles} name="roles" rules={[{ required: true, type: 'array', min: 1, message: text.rolesRule }]}>
            <Checkbox.Group options={roleOptions} />
          </Form.Item>
          {create.error && <ErrorAlert error={create.error} fieldErrors={unplaced} />}
        </Form>
      )}
    </Modal>
  );
}

function RolesModal({ user, roleOptions, saving, error, onSave, onClose }: {
  user: User;
  roleOptions: { value: StaffRole; label: string }[];
  saving: boolean;
  error: unknown;
  onSave: (roles: StaffRole[]) => void;
  onClose: () => void;
}) {
  const text = useText(TEXT);
  const [form] = Form.useForm<{ roles: StaffRole[] }>();
  return (
    <Modal open title={text.rolesOf(user.name)} okText={text.save} cancelText={text.cancel} confirmLoading={saving} onCancel={onClose} onOk={() => form.submit()}>
      <Form form={form} layout="vertical" initialValues={{ roles: user.roles }} onFinish={({ roles }) => onSave(roles)}>
        <Form.Item label={text.roles} name="roles" rules={[{ required: true, type: 'array', min: 1, message: text.rolesRule }]}>
          <Checkbox.Group options={roleOptions} />
        </Form.Item>
        {error ? <ErrorAlert error={error} /> : null}
      </Form>
    </Modal>
  );
}
