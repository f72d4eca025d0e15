import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, InputNumber, Table, Tag } from 'antd';
import { useState } from 'react';
import { STAFF_ROLES, type StaffRole } from '@assay/contracts';
import type { components } from '../../../api/schema';
import { useLocale, useText, type Texts } from '../../i18n';
import { staffApi } from '../../staff-api';
import { ACTIVE_COLOUR, EXPIRED_COLOUR, ROLE_LABELS } from '../labels';
import { call, showFieldErrors } from '../../ui/problems';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { SecretText, ShownOnceModal } from '../../ui/ShownOnceModal';
import { ConfirmButton, ErrorAlert, SearchBox, useListState } from '../ui';

type ApiKey = components['schemas']['ApiKeyResponse'];
type NewKey = components['schemas']['CreateApiKeyDto'];

const TEXT: Texts<{
  list: string;
  intro: string;
  create: string;
  name: string;
  nameHelp: string;
  prefix: string;
  scopes: string;
  scopesRule: string;
  expires: string;
  expiresHelp: string;
  days: string;
  never: string;
  lastUsed: string;
  created: string;
  status: string;
  active: string;
  revoked: string;
  expired: string;
  revoke: string;
  revokeQuestion: (name: string) => string;
  search: string;
  required: string;
  keyCreated: string;
  keyOnce: string;
}> = {
  'zh-CN': {
    list: 'API 密钥列表',
    intro: 'API 密钥供脚本和招聘系统(ATS)调用 Assay 的接口,按所选角色授权。',
    create: '创建密钥',
    name: '名称',
    nameHelp: '写明用途,如"北森 ATS 同步"',
    prefix: '前缀',
    scopes: '权限(角色)',
    scopesRule: '至少选择一个角色',
    expires: '有效期',
    expiresHelp: '留空表示永不过期',
    days: '天',
    never: '从未',
    lastUsed: '最近使用',
    created: '创建时间',
    status: '状态',
    active: '有效',
    revoked: '已吊销',
    expired: '已过期',
    revoke: '吊销',
    revokeQuestion: (name) => `吊销密钥"${name}"?使用它的脚本和集成将立即无法访问,此操作不能撤销。`,
    search: '搜索名称或前缀',
    required: '请填写此项',
    keyCreated: '密钥已创建',
    keyOnce: '密钥只显示这一次:请现在复制并保存到安全的地方(如密码管理器)。关闭后无法再查看,丢失只能吊销并重新创建。',
  },
  en: {
    list: 'API keys',
    intro: 'API keys let scripts and applicant tracking systems (ATS) call the Assay API, with the roles chosen.',
    create: 'Create key',
    name: 'Name',
    nameHelp: 'Say what it is for, e.g. "ATS sync"',
    prefix: 'Prefix',
    scopes: 'Scopes (roles)',
    scopesRule: 'Choose at least one role',
    expires: 'Valid for',
    expiresHelp: 'Leave empty for a key that never expires',
    days: 'days',
    never: 'Never',
    lastUsed: 'Last used',
    created: 'Created',
    status: 'Status',
    active: 'Active',
    revoked: 'Revoked',
    expired: 'Expired',
    revoke: 'Revoke',
    revokeQuestion: (name) => `Revoke the key "${name}"? Scripts and integrations using it lose access at once; this cannot be undone.`,
    search: 'Search name or prefix',
    required: 'Fill this in',
    keyCreated: 'Key created',
    keyOnce: 'The key is shown only this once: copy it now and keep it somewhere safe (a password manager). It cannot be shown again; if lost, revoke it and create another.',
  },
};

/** API keys: create (the key shown once, with a copy button), list, revoke (confirmed). */
export function ApiKeysPanel() {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const list = useListState();
  const client = useQueryClient();
  const keys = useQuery({
    // The current page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
    queryKey: ['api-keys', list.page, list.q],
    queryFn: () => call(staffApi.GET('/api/v1/api-keys', { params: { query: { page: list.page, pageSize: list.pageSize, q: list.q || undefined } } })),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(staffApi.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const [creating, setCreating] = useState(false);
  const date = (at: string | null) => (at ? new Date(at).toLocaleString(locale) : text.never);
  const statusOf = (key: ApiKey) => {
    if (key.revokedAt) return <Tag>{text.revoked}</Tag>;
    if (key.expiresAt && new Date(key.expiresAt) < new Date()) return <Tag color={EXPIRED_COLOUR}>{text.expired}</Tag>;
    return <Tag color={ACTIVE_COLOUR}>{text.active}</Tag>;
  };

  return (
    <>
      <p>{text.intro}</p>
      <div className="console-toolbar">
        <SearchBox label={text.search} onSearch={list.search} />
        <Button type="primary" onClick={() => setCreating(true)}>
          {text.create}
        </Button>
      </div>
      {keys.error && <ErrorAlert error={keys.error} />}
      {revoke.error && <ErrorAlert error={revoke.error} />}
      <ScrollRegion className="console-table" label={text.list}>
        <Table<ApiKey>
          rowKey="id"
          loading={keys.isPending}
          dataSource={keys.data?.items}
          pagination={list.pagination(keys.data?.total)}
          columns={[
            { title: text.name, dataIndex: 'name' },
            { title: text.prefix, dataIndex: 'prefix', render: (prefix: string) => <code>{prefix}…</code> },
            { title: text.scopes, dataIndex: 'scopes', render: (scopes: StaffRole[]) => scopes.map((role) => <Tag key={role}>{ROLE_LABELS[locale][role]}</Tag>) },
            { title: text.status, key: 'status', render: (_, key) => statusOf(key) },
            { title: text.created, dataIndex: 'createdAt', render: date },
            { title: text.lastUsed, dataIndex: 'lastUsedAt', render: date },
            {
              title: text.revoke,
              key: 'revoke',
              render: (_, key) =>
                !key.revokedAt && (
                  <ConfirmButton size="small" danger aria-label={`${text.revoke}: ${key.name}`} question={text.revokeQuestion(key.name)} okText={text.revoke} onConfirm={() => revoke.mutate(key.id)}>
                    {text.revoke}
                  </ConfirmButton>
                ),
            },
          ]}
        />
      </ScrollRegion>
      {creating && <CreateKeyModal onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateKeyModal({ onClose }: { onClose: () => void }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const client = useQueryClient();
  const [form] = Form.useForm<NewKey>();
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const create = useMutation({
    mutationFn: (body: NewKey) => call(staffApi.POST('/api/v1/api-keys', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
    onError: (error) => setUnplaced(showFieldErrors(form, error, ['name', 'scopes', 'expiresInDays'])),
  });
  const created = create.data;
  return (
    <ShownOnceModal
      title={{ form: text.create, shown: text.keyCreated }}
      form={form}
      pending={create.isPending}
      onClose={onClose}
      shown={created && <SecretText warning={text.keyOnce} label={created.name} value={created.key} testId="api-key" />}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ scopes: ['recruiter'] }}
        onFinish={(values) => create.mutate({ ...values, expiresInDays: values.expiresInDays ?? undefined })}
      >
        <Form.Item label={text.name} name="name" extra={text.nameHelp} rules={[{ required: true, whitespace: true, message: text.required }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={text.scopes} name="scopes" rules={[{ required: true, type: 'array', min: 1, message: text.scopesRule }]}>
          <Checkbox.Group options={STAFF_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[locale][role] }))} />
        </Form.Item>
        <Form.Item label={text.expires} name="expiresInDays" extra={text.expiresHelp}>
          <InputNumber min={1} max={3650} precision={0} suffix={text.days} />
        </Form.Item>
        {create.error && <ErrorAlert error={create.error} fieldErrors={unplaced} />}
      </Form>
    </ShownOnceModal>
  );
}
