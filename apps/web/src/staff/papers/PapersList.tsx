import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { bodyOf } from '../../api/client';
import { useLocale, useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import { useJobRoles, usePapers, type Paper, type PaperSummary } from './console-api';
import { formFieldsOf, ProblemNotice } from './ProblemNotice';
import { TableRegion } from './TableRegion';

const TEXT: Texts<{
  heading: string;
  search: string;
  showArchived: string;
  newPaper: string;
  importDocument: string;
  title: string;
  jobRole: string;
  status: string;
  duration: string;
  updated: string;
  minutes: (n: number) => string;
  draft: string;
  published: (version: number) => string;
  changed: string;
  archived: string;
  invite: string;
  empty: string;
  noMatch: (q: string) => string;
  create: string;
  titleMissing: string;
  roleMissing: string;
  noRoles: string;
  total: (n: number) => string;
}> = {
  'zh-CN': {
    heading: '试卷',
    search: '按标题搜索试卷',
    showArchived: '包括已归档',
    newPaper: '新建试卷',
    importDocument: '从文档导入',
    title: '标题',
    jobRole: '岗位',
    status: '状态',
    duration: '时长',
    updated: '更新时间',
    minutes: (n) => `${n} 分钟`,
    draft: '草稿',
    published: (v) => `已发布 v${v}`,
    changed: '有未发布的修改',
    archived: '已归档',
    invite: '邀请',
    empty: '还没有试卷:新建一份,或从 Word/文本文档导入。',
    noMatch: (q) => `没有标题包含“${q}”的试卷:换个关键词,或清空搜索。`,
    create: '创建',
    titleMissing: '请输入试卷标题',
    roleMissing: '请选择岗位',
    noRoles: '还没有岗位:请管理员先在“设置”中创建岗位,或先从文档导入(会放到“待分配岗位”)。',
    total: (n) => `共 ${n} 份`,
  },
  en: {
    heading: 'Papers',
    search: 'Search papers by title',
    showArchived: 'Include archived',
    newPaper: 'New paper',
    importDocument: 'Import a document',
    title: 'Title',
    jobRole: 'Job role',
    status: 'Status',
    duration: 'Duration',
    updated: 'Updated',
    minutes: (n) => `${n} min`,
    draft: 'Draft',
    published: (v) => `Published v${v}`,
    changed: 'Unpublished changes',
    archived: 'Archived',
    invite: 'Invite',
    empty: 'No papers yet: create one, or import a Word or text document.',
    noMatch: (q) => `No paper title contains “${q}”: try other words, or clear the search.`,
    create: 'Create',
    titleMissing: 'Enter the paper’s title',
    roleMissing: 'Choose a job role',
    noRoles: 'No job roles yet: ask an admin to create one in the set-up, or import a document first (it goes to “待分配岗位”).',
    total: (n) => `${n} papers`,
  },
};

/** The status of a paper as tags: draft or published version, unpublished changes, archived. */
export function PaperStatus({ paper }: { paper: Pick<PaperSummary, 'latestVersion' | 'unpublishedChanges' | 'archivedAt'> }) {
  const text = useText(TEXT);
  return (
    <Space size={4} wrap>
      {paper.latestVersion === null ? <Tag>{text.draft}</Tag> : <Tag color="#15803d">{text.published(paper.latestVersion)}</Tag>}
      {paper.latestVersion !== null && paper.unpublishedChanges && <Tag color="#b45309">{text.changed}</Tag>}
      {paper.archivedAt && <Tag color="#595959">{text.archived}</Tag>}
    </Space>
  );
}

/** Every paper of the company, searchable and paginated, with the way to a new one. */
export default function PapersList() {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const [archived, setArchived] = useState(false);
  const papers = usePapers(q, page, pageSize, archived);
  const roles = useJobRoles();
  const roleName = new Map((roles.data ?? []).map((role) => [role.id, role.name]));
  return (
    <section aria-labelledby="papers-heading">
      <div className="console-bar">
        <h1 id="papers-heading">{text.heading}</h1>
        <Space wrap>
          <Button onClick={() => void navigate('import')}>{text.importDocument}</Button>
          <Button type="primary" onClick={() => setCreating(true)}>
            {text.newPaper}
          </Button>
        </Space>
      </div>
      <Space wrap className="gap-bottom">
        <Input.Search
          className="papers-search"
          placeholder={text.search}
          aria-label={text.search}
          allowClear
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
        <Checkbox
          checked={archived}
          onChange={(e) => {
            setArchived(e.target.checked);
            setPage(1);
          }}
        >
          {text.showArchived}
        </Checkbox>
      </Space>
      <ProblemNotice error={papers.error} />
      <TableRegion label={text.heading} minWidth={720}>
        <Table<PaperSummary>
          rowKey="id"
          loading={papers.isFetching}
          dataSource={papers.data?.items ?? []}
          locale={{ emptyText: <span className="console-hint">{q ? text.noMatch(q) : text.empty}</span> }}
          pagination={{
            current: page,
            pageSize,
            total: papers.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: text.total,
            onChange: (next, size) => {
              setPage(size === pageSize ? next : 1);
              setPageSize(size);
            },
          }}
          columns={[
            { title: text.title, dataIndex: 'title', render: (title: string, paper) => <Link to={paper.id}>{title}</Link> },
            { title: text.jobRole, dataIndex: 'jobRoleId', render: (id: string) => roleName.get(id) ?? '…' },
            { title: text.status, key: 'status', render: (_, paper) => <PaperStatus paper={paper} /> },
            { title: text.duration, dataIndex: 'durationMinutes', render: (n: number) => text.minutes(n) },
            { title: text.updated, dataIndex: 'updatedAt', render: (at: string) => new Date(at).toLocaleString(locale) },
            {
              title: '',
              key: 'invite',
              render: (_, paper) => (paper.latestVersion !== null ? <Link to={`/staff/invitations?paperId=${paper.id}`}>{text.invite}</Link> : null),
            },
          ]}
        />
      </TableRegion>
      <NewPaperDialog open={creating} onClose={() => setCreating(false)} />
    </section>
  );
}

function NewPaperDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const text = useText(TEXT);
  const roles = useJobRoles();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<{ title: string; jobRoleId: string; durationMinutes: number }>();
  const create = useMutation({
    mutationFn: async (values: { title: string; jobRoleId: string; durationMinutes: number }) =>
      bodyOf<Paper>(await staffApi.POST('/api/v1/papers', { body: values })),
    onSuccess: (paper) => {
      void client.invalidateQueries({ queryKey: ['papers'] });
      void navigate(paper.id);
    },
    onError: (error) => form.setFields(formFieldsOf(error)),
  });
  const noRoles = roles.isSuccess && roles.data.length === 0;
  return (
    <Modal open={open} title={text.newPaper} okText={text.create} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ disabled: noRoles }}>
      {noRoles && <ProblemHint text={text.noRoles} />}
      <ProblemNotice error={create.error} />
      <Form form={form} layout="vertical" initialValues={{ durationMinutes: 60 }} onFinish={(values) => create.mutate(values)}>
        <Form.Item label={text.title} name="title" rules={[{ required: true, whitespace: true, message: text.titleMissing }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={text.jobRole} name="jobRoleId" rules={[{ required: true, message: text.roleMissing }]}>
          <Select showSearch optionFilterProp="label" options={(roles.data ?? []).map((role) => ({ value: role.id, label: role.name }))} />
        </Form.Item>
        <Form.Item label={text.duration} name="durationMinutes" rules={[{ required: true }]}>
          <InputNumber min={1} max={1440} suffix={text.minutes(0).replace(/\d+\s*/, '')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProblemHint({ text }: { text: string }) {
  return <p className="console-hint">{text}</p>;
}
