import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useText, type Texts } from '../../i18n';
import { showFieldErrors } from '../problems';
import { ConfirmButton, ErrorAlert, SearchBox, ScrollRegion, useListState } from '../ui';
import { catalogApi, setJobRoleArchived, type CatalogEntry, type CatalogFields, type CatalogKind } from './catalog-api';

interface KindText {
  list: string;
  search: string;
  add: string;
  edit: (name: string) => string;
  deleteQuestion: (name: string) => string;
}
const KIND_TEXT: Texts<Record<CatalogKind, KindText>> = {
  'zh-CN': {
    'job-roles': {
      list: '岗位列表',
      search: '搜索岗位名称',
      add: '新建岗位',
      edit: (name) => `编辑岗位:${name}`,
      deleteQuestion: (name) => `删除岗位"${name}"?只有没有题目和试卷使用的岗位能删除;在用的请改为归档。`,
    },
    competencies: {
      list: '考察点列表',
      search: '搜索考察点名称',
      add: '新建考察点',
      edit: (name) => `编辑考察点:${name}`,
      deleteQuestion: (name) => `删除考察点"${name}"?只有没有题目使用的考察点能删除。`,
    },
  },
  en: {
    'job-roles': {
      list: 'Job roles',
      search: 'Search job roles',
      add: 'New job role',
      edit: (name) => `Edit job role: ${name}`,
      deleteQuestion: (name) => `Delete the job role "${name}"? Only a role no question or paper uses can be deleted; archive one in use instead.`,
    },
    competencies: {
      list: 'Competencies',
      search: 'Search competencies',
      add: 'New competency',
      edit: (name) => `Edit competency: ${name}`,
      deleteQuestion: (name) => `Delete the competency "${name}"? Only one no question uses can be deleted.`,
    },
  },
};

const TEXT: Texts<{
  name: string;
  description: string;
  actions: string;
  edit: string;
  delete: string;
  archive: string;
  archiveQuestion: (name: string) => string;
  restore: string;
  archived: string;
  showArchived: string;
  save: string;
  cancel: string;
  required: string;
}> = {
  'zh-CN': {
    name: '名称',
    description: '说明',
    actions: '操作',
    edit: '编辑',
    delete: '删除',
    archive: '归档',
    archiveQuestion: (name) => `归档岗位"${name}"?它的试卷和结果都保留,但不再出现在选择列表中;之后可以恢复。`,
    restore: '恢复',
    archived: '已归档',
    showArchived: '显示已归档',
    save: '保存',
    cancel: '取消',
    required: '请填写此项',
  },
  en: {
    name: 'Name',
    description: 'Description',
    actions: 'Actions',
    edit: 'Edit',
    delete: 'Delete',
    archive: 'Archive',
    archiveQuestion: (name) => `Archive the job role "${name}"? Its papers and results stay, but it leaves the pickers; you can restore it later.`,
    restore: 'Restore',
    archived: 'Archived',
    showArchived: 'Show archived',
    save: 'Save',
    cancel: 'Cancel',
    required: 'Fill this in',
  },
};

/** A searchable, paginated list of job roles or competencies with create, edit, delete (and archive for roles). */
export function CatalogPanel({ kind }: { kind: CatalogKind }) {
  const text = useText(TEXT);
  const kindText = useText(KIND_TEXT)[kind];
  const client = useQueryClient();
  const list = useListState();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<CatalogEntry | 'new' | null>(null);
  const entries = useQuery({
    // The current page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
    queryKey: [kind, list.page, list.q, showArchived],
    queryFn: () => catalogApi[kind].list({ page: list.page, pageSize: list.pageSize, q: list.q || undefined, archived: showArchived }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: [kind] });
  const remove = useMutation({ mutationFn: (id: string) => catalogApi[kind].remove(id), onSuccess: refresh });
  const archive = useMutation({ mutationFn: ({ id, archived }: { id: string; archived: boolean }) => setJobRoleArchived(id, archived), onSuccess: refresh });
  const roles = kind === 'job-roles';

  return (
    <>
      <div className="console-toolbar">
        <SearchBox label={kindText.search} onSearch={list.search} />
        {roles && (
          <Checkbox checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)}>
            {text.showArchived}
          </Checkbox>
        )}
        <Button type="primary" onClick={() => setEditing('new')}>
          {kindText.add}
        </Button>
      </div>
      {[entries.error, remove.error, archive.error].map((error, i) => error && <ErrorAlert key={i} error={error} />)}
      <ScrollRegion label={kindText.list}>
        <Table<CatalogEntry>
          rowKey="id"
          loading={entries.isPending}
          dataSource={entries.data?.items}
          pagination={list.pagination(entries.data?.total)}
          columns={[
            {
              title: text.name,
              dataIndex: 'name',
              render: (name: string, entry) => (
                <>
                  {name} {entry.archivedAt && <Tag>{text.archived}</Tag>}
                </>
              ),
            },
            { title: text.description, dataIndex: 'description', className: 'console-wrap' },
            {
              title: text.actions,
              key: 'actions',
              render: (_, entry) => (
                <Space wrap>
                  <Button size="small" aria-label={`${text.edit}: ${entry.name}`} onClick={() => setEditing(entry)}>
                    {text.edit}
                  </Button>
                  {roles && !entry.archivedAt && (
                    <ConfirmButton
                      size="small"
                      aria-label={`${text.archive}: ${entry.name}`}
                      question={text.archiveQuestion(entry.name)}
                      okText={text.archive}
                      onConfirm={() => archive.mutate({ id: entry.id, archived: true })}
                    >
                      {text.archive}
                    </ConfirmButton>
                  )}
                  {roles && entry.archivedAt && (
                    <Button size="small" aria-label={`${text.restore}: ${entry.name}`} onClick={() => archive.mutate({ id: entry.id, archived: false })}>
                      {text.restore}
                    </Button>
                  )}
                  <ConfirmButton
                    size="small"
                    danger
                    aria-label={`${text.delete}: ${entry.name}`}
                    question={kindText.deleteQuestion(entry.name)}
                    okText={text.delete}
                    onConfirm={() => remove.mutate(entry.id)}
                  >
                    {text.delete}
                  </ConfirmButton>
                </Space>
              ),
            },
          ]}
        />
      </ScrollRegion>
      {editing && <EntryModal kind={kind} entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function EntryModal({ kind, entry, onClose }: { kind: CatalogKind; entry: CatalogEntry | null; onClose: () => void }) {
  const text = useText(TEXT);
  const kindText = useText(KIND_TEXT)[kind];
  const client = useQueryClient();
  const [form] = Form.useForm<CatalogFields>();
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const save = useMutation({
    mutationFn: (body: CatalogFields) => (entry ? catalogApi[kind].update(entry.id, body) : catalogApi[kind].create(body)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: [kind] });
      onClose();
    },
    onError: (error) => setUnplaced(showFieldErrors(form, error, ['name', 'description'])),
  });
  return (
    <Modal open title={entry ? kindText.edit(entry.name) : kindText.add} okText={text.save} cancelText={text.cancel} confirmLoading={save.isPending} onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: entry?.name, description: entry?.description ?? '' }}
        onFinish={(values) => save.mutate({ name: values.name.trim(), description: values.description?.trim() || null })}
      >
        <Form.Item label={text.name} name="name" rules={[{ required: true, whitespace: true, message: text.required }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={text.description} name="description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
        {save.error && <ErrorAlert error={save.error} fieldErrors={unplaced} />}
      </Form>
    </Modal>
  );
}
