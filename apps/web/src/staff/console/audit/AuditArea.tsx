import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Descriptions, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { components, paths } from '../../../api/schema';
import { bodyOf } from '../../../api/client';
import { useLocale, useText, type Texts } from '../../i18n';
import { attachmentName } from '../../results/format';
import { staffApi } from '../../staff-api';
import { CursorPager, useCursorPages } from '../../ui/CursorPager';
import { call, showFieldErrors } from '../../ui/problems';
import { saveFile } from '../../ui/save-file';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { ACTIVE_COLOUR, MISSING_COLOUR } from '../labels';
import { ErrorAlert } from '../ui';
import { diffJson, leafText, type ChangeKind, type Json } from './audit-diff';
import './audit.css';

type Entry = components['schemas']['AuditEntryResponse'];
type Query = NonNullable<paths['/api/v1/audit-log']['get']['parameters']['query']>;
type Method = NonNullable<Query['method']>;
/** The filter form: the API's filters, with the time range as the `datetime-local` inputs give it (local time, no zone). */
type Filters = Omit<Query, 'cursor' | 'limit'>;

const METHODS: Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const PAGE_SIZE = 20;
const FILTER_FIELDS = ['actorUserId', 'apiKeyId', 'action', 'method', 'resourceType', 'resourceId', 'from', 'to'];
/** The value the API puts in place of secrets and candidates' personal data (docs/audit.md). */
const REDACTED = '[redacted]';

/** The resource types domains record (docs/audit.md); other entries carry the route's collection (`job-roles`) as it is. */
type ResourceType = 'user' | 'tenant' | 'api_key' | 'paper' | 'grading_settings' | 'grader_assignments' | 'grader_assignment' | 'grading_answer' | 'webhook_endpoint';
const RESOURCE_TYPES: Texts<Record<ResourceType, string>> = {
  'zh-CN': {
    user: '员工',
    tenant: '公司设置',
    api_key: 'API 密钥',
    paper: '试卷',
    grading_settings: '阅卷设置',
    grader_assignments: '阅卷分配',
    grader_assignment: '阅卷分配(单条)',
    grading_answer: '改分',
    webhook_endpoint: 'Webhook 端点',
  },
  en: {
    user: 'Staff member',
    tenant: 'Company settings',
    api_key: 'API key',
    paper: 'Paper',
    grading_settings: 'Marking settings',
    grader_assignments: 'Grader assignments',
    grader_assignment: 'Grader assignment',
    grading_answer: 'Re-grade',
    webhook_endpoint: 'Webhook endpoint',
  },
};

const TEXT: Texts<{
  title: string;
  intro: string;
  filters: string;
  actor: string;
  anyActor: string;
  apiKey: string;
  anyKey: string;
  action: string;
  actionHelp: string;
  method: string;
  anyMethod: string;
  resourceType: string;
  resourceId: string;
  from: string;
  to: string;
  apply: string;
  clear: string;
  exportCsv: string;
  list: string;
  pages: string;
  at: string;
  who: string;
  what: string;
  resource: string;
  status: string;
  address: string;
  details: string;
  detailsOf: (action: string, at: string) => string;
  keyActor: string;
  keyRevoked: string;
  empty: string;
  noMatch: string;
  requestId: string;
  pathParams: string;
  body: string;
  none: string;
  change: string;
  kind: string;
  field: string;
  before: string;
  after: string;
  kinds: Record<ChangeKind, string>;
  noChange: string;
  redacted: string;
}> = {
  'zh-CN': {
    title: '审计日志',
    intro: '员工和 API 密钥每一次修改数据的操作(谁、何时、做了什么、结果如何、来自哪个地址),最新的在前。日志只能追加,不能修改或删除;密码、密钥和候选人的个人信息在记录前已隐去。',
    filters: '筛选审计日志',
    actor: '操作员工',
    anyActor: '全部员工(输入姓名或邮箱搜索)',
    apiKey: 'API 密钥',
    anyKey: '全部密钥(输入名称搜索)',
    action: '操作包含',
    actionHelp: '如 publish、/webhooks、PATCH /api/v1/users',
    method: '方式',
    anyMethod: '全部方式',
    resourceType: '对象类型',
    resourceId: '对象编号',
    from: '开始时间(含)',
    to: '结束时间(不含)',
    apply: '筛选',
    clear: '清除条件',
    exportCsv: '导出 CSV(当前条件)',
    list: '审计日志列表',
    pages: '审计日志翻页',
    at: '时间',
    who: '操作者',
    what: '操作',
    resource: '对象',
    status: '结果',
    address: '来源地址',
    details: '详情',
    detailsOf: (action, at) => `详情: ${action} ${at}`,
    keyActor: 'API 密钥',
    keyRevoked: '已吊销',
    empty: '还没有记录:员工或 API 密钥修改数据后,操作会出现在这里。',
    noMatch: '没有符合条件的记录:放宽时间范围,或清除部分条件。',
    requestId: '请求编号',
    pathParams: '路径中的编号',
    body: '请求内容',
    none: '无',
    change: '变更前后',
    kind: '变化',
    field: '字段',
    before: '变更前',
    after: '变更后',
    kinds: { added: '新增', removed: '移除', changed: '修改', same: '未变' },
    noChange: '这类操作不记录变更前后,请看请求内容。',
    redacted: '已隐去',
  },
  en: {
    title: 'Audit log',
    intro: 'Every action of staff and API keys that changed data (who, when, what, how it ended, from which address), newest first. The log is append-only: nothing in it can be changed or deleted; passwords, keys and candidates’ personal data are removed before it is written.',
    filters: 'Filter the audit log',
    actor: 'Staff member',
    anyActor: 'Anyone (type a name or email)',
    apiKey: 'API key',
    anyKey: 'Any key (type a name)',
    action: 'Action contains',
    actionHelp: 'e.g. publish, /webhooks, PATCH /api/v1/users',
    method: 'Method',
    anyMethod: 'Any method',
    resourceType: 'Resource type',
    resourceId: 'Resource id',
    from: 'From (inclusive)',
    to: 'To (exclusive)',
    apply: 'Filter',
    clear: 'Clear',
    exportCsv: 'Export CSV (these filters)',
    list: 'Audit log entries',
    pages: 'Audit log pages',
    at: 'Time',
    who: 'Actor',
    what: 'Action',
    resource: 'Resource',
    status: 'Result',
    address: 'Address',
    details: 'Details',
    detailsOf: (action, at) => `Details: ${action} ${at}`,
    keyActor: 'API key',
    keyRevoked: 'Revoked',
    empty: 'Nothing recorded yet: changes made by staff or API keys appear here.',
    noMatch: 'No entry matches: widen the time range or clear some filters.',
    requestId: 'Request id',
    pathParams: 'Ids in the path',
    body: 'Request body',
    none: 'none',
    change: 'Before and after',
    kind: 'Change',
    field: 'Field',
    before: 'Before',
    after: 'After',
    kinds: { added: 'added', removed: 'removed', changed: 'changed', same: 'same' },
    noChange: 'This kind of action records no before and after: see the request body.',
    redacted: 'redacted',
  },
};

/** The form's values as the API's query: empty fields left out, the local times as instants. */
function queryOf(values: Filters): Filters {
  const query: Filters = {};
  for (const [key, value] of Object.entries(values) as [keyof Filters, string | undefined][]) {
    const trimmed = value?.trim();
    if (!trimmed) continue;
    // A datetime-local value that is not a date is sent as typed: the API names the field.
    const instant = new Date(trimmed);
    (query as Record<string, string>)[key] = (key === 'from' || key === 'to') && !Number.isNaN(instant.getTime()) ? instant.toISOString() : trimmed;
  }
  return query;
}

/** /staff/audit: the company's audit log (admins), filtered, each entry's before/after as a diff, and the CSV export (docs/audit.md). */
export default function AuditArea() {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const [open, setOpen] = useState<string[]>([]);
  const pages = useCursorPages();
  const entries = useQuery({
    placeholderData: keepPreviousData,
    queryKey: ['audit-log', filters, pages.cursor],
    queryFn: () => call(staffApi.GET('/api/v1/audit-log', { params: { query: { ...filters, cursor: pages.cursor, limit: PAGE_SIZE } } })),
    retry: false,
  });
  // A filter the API refuses (a time out of range) goes under its field; the rest into the alert.
  useEffect(() => {
    if (entries.error) setUnplaced(showFieldErrors(form, entries.error, FILTER_FIELDS));
  }, [entries.error, form]);
  const download = useMutation({
    mutationFn: async () => {
      const result = await staffApi.GET('/api/v1/audit-log/export', { params: { query: filters }, parseAs: 'blob' });
      saveFile(bodyOf<Blob>(result), attachmentName(result.response.headers.get('content-disposition'), 'audit-log.csv'));
    },
  });
  const apply = (values: Filters) => {
    setUnplaced([]);
    setOpen([]);
    setFilters(queryOf(values));
    pages.reset();
  };
  const filtered = Object.keys(filters).length > 0;
  const time = (at: string) => new Date(at).toLocaleString(locale);

  return (
    <section className="console">
      <h1 className="console-title">{text.title}</h1>
      <p>{text.intro}</p>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={apply} aria-label={text.filters} className="audit-filters">
        <div className="console-filters">
          <Form.Item label={text.actor} name="actorUserId">
            <StaffPicker placeholder={text.anyActor} />
          </Form.Item>
          <Form.Item label={text.apiKey} name="apiKeyId">
            <KeyPicker placeholder={text.anyKey} />
          </Form.Item>
          <Form.Item label={text.action} name="action" extra={text.actionHelp}>
            <Input maxLength={200} allowClear />
          </Form.Item>
          <Form.Item label={text.method} name="method">
            <Select allowClear placeholder={text.anyMethod} options={METHODS.map((method) => ({ value: method, label: method }))} />
          </Form.Item>
          <Form.Item label={text.resourceType} name="resourceType">
            <AutoComplete allowClear maxLength={100} options={(Object.keys(RESOURCE_TYPES[locale]) as ResourceType[]).map((type) => ({ value: type, label: `${RESOURCE_TYPES[locale][type]} (${type})` }))} />
          </Form.Item>
          <Form.Item label={text.resourceId} name="resourceId">
            <Input maxLength={200} allowClear />
          </Form.Item>
          <Form.Item label={text.from} name="from">
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item label={text.to} name="to">
            <Input type="datetime-local" />
          </Form.Item>
        </div>
        <Space wrap className="gap-bottom">
          <Button type="primary" htmlType="submit">
            {text.apply}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              apply({});
            }}
          >
            {text.clear}
          </Button>
          <Button loading={download.isPending} onClick={() => download.mutate()}>
            {text.exportCsv}
          </Button>
        </Space>
      </Form>
      {entries.error && <ErrorAlert error={entries.error} fieldErrors={unplaced} />}
      {download.error && <ErrorAlert error={download.error} />}
      <ScrollRegion className="console-table" label={text.list}>
        <Table<Entry>
          rowKey="id"
          loading={entries.isFetching}
          dataSource={entries.data?.items}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="console-empty">{filtered ? text.noMatch : text.empty}</span>} /> }}
          expandable={{ expandedRowKeys: open, showExpandColumn: false, expandedRowRender: (entry) => <EntryDetails entry={entry} /> }}
          columns={[
            { title: text.at, dataIndex: 'at', render: time },
            { title: text.who, key: 'who', render: (_, entry) => <Actor entry={entry} /> },
            {
              title: text.what,
              key: 'what',
              render: (_, entry) => (
                <>
                  <Tag>{entry.method}</Tag>
                  <code>{entry.route}</code>
                </>
              ),
            },
            {
              title: text.resource,
              key: 'resource',
              render: (_, entry) =>
                entry.resourceType && (
                  <>
                    {RESOURCE_TYPES[locale][entry.resourceType as ResourceType] ?? entry.resourceType}
                    {entry.resourceId && <div className="console-help audit-id">{entry.resourceId}</div>}
                  </>
                ),
            },
            { title: text.status, dataIndex: 'status', render: (status: number) => <Tag color={status < 400 ? ACTIVE_COLOUR : MISSING_COLOUR}>{status}</Tag> },
            { title: text.address, dataIndex: 'clientAddress', render: (address: string | null) => address ?? '–' },
            {
              title: text.details,
              key: 'details',
              render: (_, entry) => (
                <Button
                  size="small"
                  aria-expanded={open.includes(entry.id)}
                  aria-label={text.detailsOf(entry.action, time(String(entry.at)))}
                  onClick={() => setOpen(open.includes(entry.id) ? open.filter((id) => id !== entry.id) : [...open, entry.id])}
                >
                  {text.details}
                </Button>
              ),
            },
          ]}
        />
      </ScrollRegion>
      <CursorPager pages={pages} next={entries.data?.next} label={text.pages} />
    </section>
  );
}

/** Who acted: the staff member's name, or the API key's (revoked keys too), each looked up once per id. */
function Actor({ entry }: { entry: Entry }) {
  const text = useText(TEXT);
  const userId = entry.actorUserId;
  const keyId = userId === null ? entry.actorApiKeyId : null;
  const user = useQuery({
    queryKey: ['user', userId],
    enabled: userId !== null,
    staleTime: Infinity,
    retry: false,
    queryFn: () => call(staffApi.GET('/api/v1/users/{id}', { params: { path: { id: userId ?? '' } } })),
  });
  const key = useQuery({
    queryKey: ['api-key', keyId],
    enabled: keyId !== null,
    staleTime: Infinity,
    retry: false,
    queryFn: () => call(staffApi.GET('/api/v1/api-keys/{id}', { params: { path: { id: keyId ?? '' } } })),
  });
  if (userId === null) {
    if (!key.data) return <Tag>{`${text.keyActor} ${keyId?.slice(0, 8) ?? ''}`}</Tag>;
    return (
      <>
        <Tag>{text.keyActor}</Tag>
        {key.data.name}
        {key.data.revokedAt !== null && <Tag>{text.keyRevoked}</Tag>}
        <div className="console-help">{`${key.data.prefix}…`}</div>
      </>
    );
  }
  return user.data ? <>{user.data.name}<div className="console-help">{user.data.email}</div></> : <span className="audit-id">{userId}</span>;
}

/** A value of the log: the API's "[redacted]" as a tag saying so, the rest as text. */
function Value({ value }: { value: Json | undefined }) {
  const text = useText(TEXT);
  if (value === REDACTED) return <Tag>{text.redacted}</Tag>;
  return <code className="audit-value">{leafText(value)}</code>;
}

/** One entry opened: request id, path ids, the before/after as a field-by-field diff, the (redacted) body. */
function EntryDetails({ entry }: { entry: Entry }) {
  const text = useText(TEXT);
  const recorded = entry.before !== null || entry.after !== null;
  const changes = diffJson(entry.before as Json, entry.after as Json);
  const params = Object.entries(entry.pathParams);
  return (
    <section aria-label={text.detailsOf(entry.action, new Date(entry.at).toLocaleString())} className="audit-details">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={text.requestId}>{entry.requestId ? <code>{entry.requestId}</code> : text.none}</Descriptions.Item>
        <Descriptions.Item label={text.pathParams}>{params.length > 0 ? params.map(([name, id]) => <div key={name}><code>{`${name}: ${id}`}</code></div>) : text.none}</Descriptions.Item>
      </Descriptions>
      <h3 className="audit-subtitle">{text.change}</h3>
      {recorded ? (
        <Table
          size="small"
          rowKey="path"
          pagination={false}
          dataSource={changes}
          rowClassName={(change) => `audit-${change.kind}`}
          columns={[
            { title: text.field, dataIndex: 'path', render: (path: string) => <code>{path}</code> },
            { title: text.before, key: 'before', render: (_, change) => change.kind !== 'added' && <Value value={change.before} /> },
            { title: text.after, key: 'after', render: (_, change) => change.kind !== 'removed' && <Value value={change.after} /> },
            { title: text.kind, dataIndex: 'kind', render: (kind: ChangeKind) => (kind === 'same' ? text.kinds.same : <strong>{text.kinds[kind]}</strong>) },
          ]}
        />
      ) : (
        <p>{text.noChange}</p>
      )}
      <h3 className="audit-subtitle">{text.body}</h3>
      {entry.body ? <pre className="audit-json">{JSON.stringify(entry.body, null, 2)}</pre> : <p>{text.none}</p>}
    </section>
  );
}

/** A searchable picker of the company's staff (GET /users?q=), its value the member's id. */
function StaffPicker({ placeholder, ...field }: { placeholder: string; value?: string; onChange?: (id: string | undefined) => void; id?: string }) {
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'picker', q],
    placeholderData: keepPreviousData,
    queryFn: () => call(staffApi.GET('/api/v1/users', { params: { query: { page: 1, pageSize: 20, q: q || undefined } } })),
  });
  return <Select {...field} showSearch allowClear filterOption={false} onSearch={setQ} placeholder={placeholder} options={users.data?.items.map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))} />;
}

/** A searchable picker of the company's API keys (GET /api-keys?q=), its value the key's id. */
function KeyPicker({ placeholder, ...field }: { placeholder: string; value?: string; onChange?: (id: string | undefined) => void; id?: string }) {
  const [q, setQ] = useState('');
  const keys = useQuery({
    queryKey: ['api-keys', 'picker', q],
    placeholderData: keepPreviousData,
    queryFn: () => call(staffApi.GET('/api/v1/api-keys', { params: { query: { page: 1, pageSize: 20, q: q || undefined } } })),
  });
  return <Select {...field} showSearch allowClear filterOption={false} onSearch={setQ} placeholder={placeholder} options={keys.data?.items.map((key) => ({ value: key.id, label: `${key.name} (${key.prefix}…)` }))} />;
}
