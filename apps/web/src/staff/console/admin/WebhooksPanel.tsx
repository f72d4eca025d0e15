import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { components } from '../../../api/schema';
import { useLocale, useText, type Texts } from '../../i18n';
import { staffApi } from '../../staff-api';
import { ACTIVE_COLOUR, EXPIRED_COLOUR } from '../labels';
import { call, showFieldErrors } from '../../ui/problems';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { SecretText, ShownOnceModal } from '../../ui/ShownOnceModal';
import { ConfirmButton, ErrorAlert, SearchBox, useListState } from '../ui';

type Webhook = components['schemas']['WebhookResponse'];
type NewWebhook = components['schemas']['CreateWebhookDto'];
type Delivery = components['schemas']['WebhookDeliveryResponse'];
type EventType = NewWebhook['events'][number];

/** Every event an endpoint may subscribe to (docs/integrations.md), in both languages: a new event without a label fails the type check. */
const EVENTS: Record<'zh-CN' | 'en', Record<EventType, string>> = {
  'zh-CN': {
    'invitation.sent': '邀请已发送',
    'invitation.opened': '候选人打开链接',
    'invitation.started': '候选人开始答题',
    'invitation.submitted': '候选人交卷',
    'invitation.graded': '成绩已评定',
    'invitation.passed': '通过',
    'invitation.failed': '未通过',
    'paper.published': '试卷发布',
    'paper.marking_finished': '试卷阅卷完成',
  },
  en: {
    'invitation.sent': 'Invitation sent',
    'invitation.opened': 'Link opened',
    'invitation.started': 'Test started',
    'invitation.submitted': 'Test submitted',
    'invitation.graded': 'Result final',
    'invitation.passed': 'Passed',
    'invitation.failed': 'Not passed',
    'paper.published': 'Paper published',
    'paper.marking_finished': 'Paper marking finished',
  },
};

const TEXT: Texts<{
  intro: string;
  list: string;
  search: string;
  register: string;
  registered: string;
  url: string;
  urlHelp: string;
  description: string;
  events: string;
  eventsRule: string;
  required: string;
  secretOnce: string;
  status: string;
  enabled: string;
  disabled: (reason: string | null) => string;
  failures: string;
  actions: string;
  enable: string;
  disable: string;
  disableQuestion: (url: string) => string;
  remove: string;
  removeQuestion: (url: string) => string;
  deliveries: string;
  deliveriesOf: (url: string) => string;
  event: string;
  result: string;
  pending: string;
  delivered: string;
  failed: string;
  attempts: string;
  code: string;
  latency: string;
  time: string;
  noAnswer: string;
  redeliver: string;
  redelivered: string;
  noDeliveries: string;
}> = {
  'zh-CN': {
    intro: 'Webhook 在事件发生时(如候选人交卷、成绩评定)向您的系统发送带签名的通知。接收方用注册时显示的密钥校验签名。',
    list: 'Webhook 端点列表',
    search: '搜索地址或说明',
    register: '注册端点',
    registered: '端点已注册',
    url: '接收地址(URL)',
    urlHelp: '以 https:// 开头的地址,例如 https://ats.example.com/hooks/assay',
    description: '说明',
    events: '发送的事件',
    eventsRule: '请至少选择一个事件',
    required: '请填写接收地址',
    secretOnce: '签名密钥只显示这一次:请现在复制并保存到接收方的配置中;丢失后只能生成新密钥。',
    status: '状态',
    enabled: '启用',
    disabled: (reason) => (reason ? `已停用(${reason})` : '已停用'),
    failures: '连续失败',
    actions: '操作',
    enable: '启用',
    disable: '停用',
    disableQuestion: (url) => `停用 ${url}?停用期间的事件会保留,重新启用后按顺序补发。`,
    remove: '删除',
    removeQuestion: (url) => `删除 ${url}?它的投递记录一并删除,之后不再发送任何事件,此操作不能撤销。`,
    deliveries: '投递记录',
    deliveriesOf: (url) => `${url} 的投递记录`,
    event: '事件',
    result: '结果',
    pending: '等待发送',
    delivered: '已送达',
    failed: '失败',
    attempts: '尝试次数',
    code: '响应码',
    latency: '耗时',
    time: '最近尝试',
    noAnswer: '无响应',
    redeliver: '重新投递',
    redelivered: '已安排重新投递。',
    noDeliveries: '还没有投递:订阅的事件发生后会显示在这里。',
  },
  en: {
    intro: 'Webhooks send your systems a signed notice when something happens (a candidate submits, a result is final). Receivers check the signature with the secret shown when the endpoint is registered.',
    list: 'Webhook endpoints',
    search: 'Search URL or description',
    register: 'Register endpoint',
    registered: 'Endpoint registered',
    url: 'Receiving URL',
    urlHelp: 'An https:// address, e.g. https://ats.example.com/hooks/assay',
    description: 'Description',
    events: 'Events sent',
    eventsRule: 'Choose at least one event',
    required: 'Enter the receiving URL',
    secretOnce: 'The signing secret is shown this once only: copy it into the receiver’s settings now; if it is lost, generate a new one.',
    status: 'Status',
    enabled: 'Enabled',
    disabled: (reason) => (reason ? `Disabled (${reason})` : 'Disabled'),
    failures: 'Failures in a row',
    actions: 'Actions',
    enable: 'Enable',
    disable: 'Disable',
    disableQuestion: (url) => `Disable ${url}? Events are kept meanwhile and sent in order once it is enabled again.`,
    remove: 'Delete',
    removeQuestion: (url) => `Delete ${url}? Its delivery log goes with it and nothing more is sent; this cannot be undone.`,
    deliveries: 'Deliveries',
    deliveriesOf: (url) => `Deliveries to ${url}`,
    event: 'Event',
    result: 'Result',
    pending: 'Waiting',
    delivered: 'Delivered',
    failed: 'Failed',
    attempts: 'Attempts',
    code: 'Response code',
    latency: 'Time taken',
    time: 'Last attempt',
    noAnswer: 'no answer',
    redeliver: 'Redeliver',
    redelivered: 'Redelivery scheduled.',
    noDeliveries: 'No deliveries yet: the events subscribed to appear here once they happen.',
  },
};

/** /staff/admin/webhooks: endpoints (search, register with the secret shown once, enable/disable, delete) and each one's delivery log with redelivery. */
export function WebhooksPanel() {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const list = useListState();
  const client = useQueryClient();
  const [registering, setRegistering] = useState(false);
  const [open, setOpen] = useState<string[]>([]);
  const endpoints = useQuery({
    placeholderData: keepPreviousData,
    queryKey: ['webhooks', list.page, list.q],
    queryFn: () => call(staffApi.GET('/api/v1/webhooks', { params: { query: { page: list.page, pageSize: list.pageSize, q: list.q || undefined } } })),
  });
  const update = useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => call(staffApi.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body: { enabled } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(staffApi.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })),
    // Only the list is asked again (the log's key is apart): the deliveries of a deleted endpoint would be a 404.
    onSuccess: (_, id) => {
      setOpen((ids) => ids.filter((openId) => openId !== id));
      return client.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });

  return (
    <>
      <p>{text.intro}</p>
      <div className="console-toolbar">
        <SearchBox label={text.search} onSearch={list.search} />
        <Button type="primary" onClick={() => setRegistering(true)}>
          {text.register}
        </Button>
      </div>
      {endpoints.error && <ErrorAlert error={endpoints.error} />}
      {update.error && <ErrorAlert error={update.error} />}
      {remove.error && <ErrorAlert error={remove.error} />}
      <ScrollRegion className="console-table" label={text.list}>
        <Table<Webhook>
          rowKey="id"
          loading={endpoints.isPending}
          dataSource={endpoints.data?.items}
          pagination={list.pagination(endpoints.data?.total)}
          expandable={{
            expandedRowKeys: open,
            showExpandColumn: false,
            expandedRowRender: (endpoint) => <DeliveryLog endpoint={endpoint} />,
          }}
          columns={[
            { title: text.url, dataIndex: 'url', render: (url: string, endpoint) => (endpoint.description ? <>{url}<div className="console-help">{endpoint.description}</div></> : url) },
            { title: text.events, dataIndex: 'events', render: (events: EventType[]) => events.map((event) => <Tag key={event}>{EVENTS[locale][event]}</Tag>) },
            {
              title: text.status,
              key: 'status',
              render: (_, endpoint) => (endpoint.enabled ? <Tag color={ACTIVE_COLOUR}>{text.enabled}</Tag> : <Tag color={EXPIRED_COLOUR}>{text.disabled(endpoint.disabledReason)}</Tag>),
            },
            { title: text.failures, dataIndex: 'consecutiveFailures' },
            {
              title: text.actions,
              key: 'actions',
              render: (_, endpoint) => (
                <Space wrap>
                  <Button
                    size="small"
                    aria-expanded={open.includes(endpoint.id)}
                    aria-label={`${text.deliveries}: ${endpoint.url}`}
                    onClick={() => setOpen(open.includes(endpoint.id) ? open.filter((id) => id !== endpoint.id) : [...open, endpoint.id])}
                  >
                    {text.deliveries}
                  </Button>
                  {endpoint.enabled ? (
                    <ConfirmButton size="small" aria-label={`${text.disable}: ${endpoint.url}`} question={text.disableQuestion(endpoint.url)} okText={text.disable} onConfirm={() => update.mutate({ id: endpoint.id, enabled: false })}>
                      {text.disable}
                    </ConfirmButton>
                  ) : (
                    <Button size="small" aria-label={`${text.enable}: ${endpoint.url}`} onClick={() => update.mutate({ id: endpoint.id, enabled: true })}>
                      {text.enable}
                    </Button>
                  )}
                  <ConfirmButton size="small" danger aria-label={`${text.remove}: ${endpoint.url}`} question={text.removeQuestion(endpoint.url)} okText={text.remove} onConfirm={() => remove.mutate(endpoint.id)}>
                    {text.remove}
                  </ConfirmButton>
                </Space>
              ),
            },
          ]}
        />
      </ScrollRegion>
      {registering && <RegisterModal onClose={() => setRegistering(false)} />}
    </>
  );
}

/** One endpoint's deliveries, newest event first, paged on the server; a failed or delivered one can be sent again. */
function DeliveryLog({ endpoint }: { endpoint: Webhook }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const list = useListState(10);
  const client = useQueryClient();
  const deliveries = useQuery({
    placeholderData: keepPreviousData,
    queryKey: ['webhook-deliveries', endpoint.id, list.page],
    queryFn: () => call(staffApi.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: endpoint.id }, query: { page: list.page, pageSize: list.pageSize } } })),
    // While a delivery waits (a redelivery, a retry) its outcome comes by itself.
    refetchInterval: (query) => (query.state.data?.items.some((delivery) => delivery.status === 'pending') ? 2000 : false),
  });
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) => call(staffApi.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id: endpoint.id, deliveryId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhook-deliveries', endpoint.id] }),
  });
  const result = { pending: text.pending, delivered: text.delivered, failed: text.failed } as Record<string, string>;
  return (
    <section aria-label={text.deliveriesOf(endpoint.url)}>
      {deliveries.error && <ErrorAlert error={deliveries.error} />}
      {redeliver.error && <ErrorAlert error={redeliver.error} />}
      {redeliver.isSuccess && <p role="status">{text.redelivered}</p>}
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={deliveries.isPending}
        dataSource={deliveries.data?.items}
        pagination={list.pagination(deliveries.data?.total ?? undefined)}
        locale={{ emptyText: text.noDeliveries }}
        columns={[
          { title: text.event, dataIndex: 'eventType', render: (event: EventType) => EVENTS[locale][event] ?? event },
          {
            title: text.result,
            dataIndex: 'status',
            render: (status: string, delivery) => (
              <Tag color={status === 'delivered' ? ACTIVE_COLOUR : status === 'failed' ? EXPIRED_COLOUR : undefined}>
                {result[status] ?? status}
                {delivery.lastError && status !== 'delivered' ? `: ${delivery.lastError}` : ''}
              </Tag>
            ),
          },
          { title: text.attempts, dataIndex: 'attempts' },
          { title: text.code, dataIndex: 'lastStatusCode', render: (code: number | null, delivery) => code ?? (delivery.lastAttemptAt ? text.noAnswer : '–') },
          { title: text.latency, dataIndex: 'lastLatencyMs', render: (ms: number | null) => (ms === null ? '–' : `${ms} ms`) },
          { title: text.time, dataIndex: 'lastAttemptAt', render: (at: string | null) => (at ? new Date(at).toLocaleString(locale) : '–') },
          {
            title: text.actions,
            key: 'redeliver',
            render: (_, delivery) =>
              delivery.status !== 'pending' && (
                <Button size="small" aria-label={`${text.redeliver}: ${EVENTS[locale][delivery.eventType as EventType] ?? delivery.eventType} #${delivery.sequence}`} loading={redeliver.isPending && redeliver.variables === delivery.id} onClick={() => redeliver.mutate(delivery.id)}>
                  {text.redeliver}
                </Button>
              ),
          },
        ]}
      />
    </section>
  );
}

function RegisterModal({ onClose }: { onClose: () => void }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const client = useQueryClient();
  const [form] = Form.useForm<NewWebhook>();
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const create = useMutation({
    mutationFn: (body: NewWebhook) => call(staffApi.POST('/api/v1/webhooks', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['webhooks'] }),
    onError: (error) => setUnplaced(showFieldErrors(form, error, ['url', 'description', 'events'])),
  });
  const created = create.data;
  return (
    <ShownOnceModal
      title={{ form: text.register, shown: text.registered }}
      form={form}
      pending={create.isPending}
      onClose={onClose}
      shown={created && <SecretText warning={text.secretOnce} label={created.url} value={created.secret} testId="webhook-secret" />}
    >
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ events: [] }} onFinish={(values) => create.mutate({ ...values, description: values.description || undefined })}>
        <Form.Item label={text.url} name="url" extra={text.urlHelp} rules={[{ required: true, whitespace: true, message: text.required }]}>
          <Input maxLength={2000} inputMode="url" />
        </Form.Item>
        <Form.Item label={text.description} name="description">
          <Input maxLength={500} />
        </Form.Item>
        {/* A validator, not `required`: Form.Item would put aria-required on the group's <div>, which ARIA does not allow there. */}
        <Form.Item label={text.events} name="events" rules={[{ validator: (_, events?: EventType[]) => (events?.length ? Promise.resolve() : Promise.reject(new Error(text.eventsRule))) }]}>
          <Checkbox.Group className="console-checklist" options={(Object.keys(EVENTS[locale]) as EventType[]).map((event) => ({ value: event, label: `${EVENTS[locale][event]} (${event})` }))} />
        </Form.Item>
        {create.error && <ErrorAlert error={create.error} fieldErrors={unplaced} />}
      </Form>
    </ShownOnceModal>
  );
}
