import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useSearchParams } from 'react-router';
import { bodyOf } from '../../api/client';
import { useLocale, useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import { usePapers, type Invitation, type Schemas } from '../papers/console-api';
import { ProblemNotice } from '../ui/ProblemNotice';
import { formFieldsOf } from '../ui/problems';
import { usePaging } from '../ui/paging';
import { ScrollRegion } from '../ui/ScrollRegion';
import { saveFile } from '../ui/save-file';
import '../papers/papers.css';
import { CandidateDrawer, useCandidateName } from './CandidateDrawer';
import { BulkInviteDialog, InviteDialog } from './InviteDialogs';
import { funnel, type FunnelStep } from './invitation-rows';
import { toDateTimeInput } from './window';

type Status = Invitation['status'];
const STATUSES: Status[] = ['created', 'sent', 'opened', 'started', 'submitted', 'graded', 'expired', 'revoked'];
/** Solid tags with white text, dark enough for contrast (antd's light presets are not). */
const STATUS_COLOR: Record<Status, string> = {
  created: '#595959',
  sent: '#1d4ed8',
  opened: '#0e7490',
  started: '#a16207',
  submitted: '#6d28d9',
  graded: '#15803d',
  expired: '#b45309',
  revoked: '#b91c1c',
};

const TEXT: Texts<{
  heading: string;
  paper: string;
  paperHint: string;
  anyPaper: string;
  unpublished: string;
  openPaper: string;
  funnel: string;
  step: Record<FunnelStep, string>;
  status: Record<Status, string>;
  inviteOne: string;
  upload: string;
  search: string;
  exportCsv: string;
  anyStatus: string;
  candidate: string;
  state: string;
  window: string;
  sent: string;
  actions: string;
  resend: string;
  resendConfirm: string;
  resent: string;
  extend: string;
  extendTitle: (name: string) => string;
  extendHint: string;
  newEnd: string;
  extended: string;
  revoke: string;
  revokeConfirm: string;
  revoked: string;
  yes: string;
  no: string;
  cancel: string;
  empty: string;
  noMatch: string;
  total: (n: number) => string;
}> = {
  'zh-CN': {
    heading: '邀请',
    paper: '试卷',
    paperHint: '选择一份已发布的试卷来邀请候选人和查看漏斗;不选则列出全部邀请。',
    anyPaper: '全部试卷',
    unpublished: '(未发布)',
    openPaper: '这份试卷还没有发布:先在试卷页发布,再邀请候选人。',
    funnel: '转化漏斗',
    step: { invited: '已邀请', opened: '已打开', started: '已开始', submitted: '已交卷', graded: '已评分' },
    status: { created: '待发送', sent: '已发送', opened: '已打开', started: '作答中', submitted: '已交卷', graded: '已评分', expired: '已过期', revoked: '已撤销' },
    inviteOne: '邀请一位候选人',
    upload: '上传名单(CSV/Excel)',
    search: '按姓名或邮箱搜索',
    exportCsv: '导出 CSV(当前筛选)',
    anyStatus: '全部状态',
    candidate: '候选人',
    state: '状态',
    window: '有效期',
    sent: '发送时间',
    actions: '操作',
    resend: '重新发送',
    resendConfirm: '重新发送一封带新链接的邮件?旧链接会立即失效。',
    resent: '已重新发送,新链接已发出。',
    extend: '延期',
    extendTitle: (name) => `延长 ${name} 的有效期`,
    extendHint: '新的截止时间必须晚于现在的截止时间;提醒会按新时间重新安排。',
    newEnd: '新的截止时间',
    extended: '有效期已延长。',
    revoke: '撤销',
    revokeConfirm: '撤销这份邀请?链接会立即失效,候选人无法再作答,提醒也会取消。',
    revoked: '邀请已撤销。',
    yes: '确定',
    no: '取消',
    cancel: '取消',
    empty: '还没有邀请:选择一份已发布的试卷,邀请一位候选人或上传名单。',
    noMatch: '没有符合条件的邀请:换个关键词,或清除状态筛选。',
    total: (n) => `共 ${n} 条`,
  },
  en: {
    heading: 'Invitations',
    paper: 'Paper',
    paperHint: 'Pick a published paper to invite candidates and see its funnel; without one, every invitation is listed.',
    anyPaper: 'All papers',
    unpublished: '(not published)',
    openPaper: 'This paper is not published yet: publish it on its page, then invite candidates.',
    funnel: 'Funnel',
    step: { invited: 'Invited', opened: 'Opened', started: 'Started', submitted: 'Submitted', graded: 'Graded' },
    status: { created: 'Queued', sent: 'Sent', opened: 'Opened', started: 'In progress', submitted: 'Submitted', graded: 'Graded', expired: 'Expired', revoked: 'Revoked' },
    inviteOne: 'Invite a candidate',
    upload: 'Upload a list (CSV/Excel)',
    search: 'Search name or email',
    exportCsv: 'Export CSV (this filter)',
    anyStatus: 'Any status',
    candidate: 'Candidate',
    state: 'Status',
    window: 'Window',
    sent: 'Sent',
    actions: 'Actions',
    resend: 'Resend',
    resendConfirm: 'Send a new email with a new link? The old link stops working at once.',
    resent: 'Sent again with a new link.',
    extend: 'Extend',
    extendTitle: (name) => `Extend ${name}’s window`,
    extendHint: 'The new end must be later than the current one; reminders follow it.',
    newEnd: 'New end',
    extended: 'The window is extended.',
    revoke: 'Revoke',
    revokeConfirm: 'Revoke this invitation? The link stops working at once, the candidate cannot take the test, reminders are cancelled.',
    revoked: 'The invitation is revoked.',
    yes: 'Yes',
    no: 'No',
    cancel: 'Cancel',
    empty: 'No invitations yet: pick a published paper, then invite a candidate or upload a list.',
    noMatch: 'No invitation matches: try other words, or clear the status filter.',
    total: (n) => `${n} invitations`,
  },
};

/** The invitations area of the console (docs/web.md "The console"). */
export default function InvitationsArea() {
  return (
    <Routes>
      <Route index element={<InvitationsPage />} />
    </Routes>
  );
}

const FINISHED: Status[] = ['submitted', 'graded', 'revoked'];

function InvitationsPage() {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const paperId = params.get('paperId') ?? undefined;
  const [paperSearch, setPaperSearch] = useState('');
  const papers = usePapers(paperSearch, 1, 50);
  const chosenPaper = useQuery({
    queryKey: ['paper', paperId],
    enabled: paperId !== undefined,
    queryFn: async () => bodyOf<Schemas['PaperResponse']>(await staffApi.GET('/api/v1/papers/{id}', { params: { path: { id: paperId ?? '' } } })),
  });
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | undefined>();
  const paging = usePaging();
  const { page, pageSize, setPage } = paging;
  const [dialog, setDialog] = useState<'one' | 'bulk' | null>(null);
  const [extending, setExtending] = useState<Invitation | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [opened, setOpened] = useState<Invitation['candidate'] | null>(null);
  const nameOf = useCandidateName();

  const list = useQuery({
    queryKey: ['invitations', paperId, q, status, page, pageSize],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      bodyOf<Schemas['InvitationPage']>(await staffApi.GET('/api/v1/invitations', { params: { query: { paperId, q: q || undefined, status, page, pageSize } } })),
  });
  const counts = useQuery({
    queryKey: ['invitations', 'funnel', paperId],
    enabled: paperId !== undefined,
    queryFn: async () => bodyOf<Schemas['FunnelResponse']>(await staffApi.GET('/api/v1/invitations/funnel', { params: { query: { paperId } } })),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['invitations'] });
  const act = useMutation({
    mutationFn: async ({ id, action }: { id: string; action: 'resend' | 'revoke' }) =>
      bodyOf<Invitation>(
        action === 'resend'
          ? await staffApi.POST('/api/v1/invitations/{id}/resend', { params: { path: { id } } })
          : await staffApi.POST('/api/v1/invitations/{id}/revoke', { params: { path: { id } } }),
      ),
    onSuccess: (_, { action }) => {
      setDone(action === 'resend' ? text.resent : text.revoked);
      void refresh();
    },
  });

  const download = useMutation({
    mutationFn: async () => {
      const result = await staffApi.GET('/api/v1/invitations/export', { params: { query: { paperId, q: q || undefined, status } }, parseAs: 'blob' });
      saveFile(bodyOf<Blob>(result), 'invitations.csv');
    },
  });

  const published = chosenPaper.data?.latestVersion !== null && chosenPaper.data !== undefined;
  const paperOptions = (papers.data?.items ?? []).map((paper) => ({
    value: paper.id,
    label: paper.latestVersion === null ? `${paper.title} ${text.unpublished}` : paper.title,
  }));
  if (chosenPaper.data && !paperOptions.some((option) => option.value === chosenPaper.data.id)) paperOptions.unshift({ value: chosenPaper.data.id, label: chosenPaper.data.title });

  return (
    <section aria-labelledby="invitations-heading">
      <div className="console-bar">
        <h1 id="invitations-heading">{text.heading}</h1>
        <Space wrap>
          <Button disabled={!published} onClick={() => setDialog('one')}>
            {text.inviteOne}
          </Button>
          <Button type="primary" disabled={!published} onClick={() => setDialog('bulk')}>
            {text.upload}
          </Button>
        </Space>
      </div>
      <Form layout="vertical" component="div">
        <Form.Item label={text.paper} htmlFor="invitations-paper" extra={text.paperHint}>
          <Select
            id="invitations-paper"
            className="papers-search"
            showSearch
            allowClear
            filterOption={false}
            placeholder={text.anyPaper}
            value={paperId}
            onSearch={setPaperSearch}
            onChange={(value?: string) => {
              setParams(value ? { paperId: value } : {});
              setPage(1);
            }}
            options={paperOptions}
          />
        </Form.Item>
      </Form>
      {chosenPaper.data && !published && (
        <Alert className="gap-bottom" type="warning" showIcon title={<>{text.openPaper} <Link to={`/staff/papers/${chosenPaper.data.id}`}>{chosenPaper.data.title}</Link></>} />
      )}
      {paperId && counts.data && (
        <Card className="gap-bottom" size="small" title={<h2 className="card-heading">{text.funnel}</h2>}>
          <ol className="funnel" aria-label={text.funnel}>
            {funnel(counts.data.counts).map(({ step, count }, _, steps) => (
              <li key={step}>
                <span>{text.step[step]}</span>
                <span className="funnel-bar" style={{ width: `${steps[0].count ? (count / steps[0].count) * 100 : 0}%` }} />
                <strong>{count}</strong>
              </li>
            ))}
          </ol>
          <Space wrap size={4}>
            {(['expired', 'revoked'] as const).map((s) => (
              <Tag key={s} color={STATUS_COLOR[s]}>
                {text.status[s]} {counts.data.counts[s]}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      <ProblemNotice error={list.error ?? act.error ?? counts.error ?? download.error} />
      {done && <Alert className="gap-bottom" type="success" showIcon closable onClose={() => setDone(null)} title={done} role="status" />}
      <Space wrap className="gap-bottom">
        <Input.Search
          aria-label={text.search}
          placeholder={text.search}
          allowClear
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
        <Select<Status>
          aria-label={text.state}
          className="picker-type"
          allowClear
          placeholder={text.anyStatus}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: text.status[s] }))}
        />
        <Button loading={download.isPending} onClick={() => download.mutate()}>
          {text.exportCsv}
        </Button>
      </Space>
      <ScrollRegion label={text.heading} minWidth={860}>
        <Table<Invitation>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <span className="console-hint">{q || status ? text.noMatch : text.empty}</span> }}
          // Paged by number, so `total` is there (it is null only when paging by cursor).
          pagination={paging.pagination(list.data?.total ?? undefined, text.total)}
          columns={[
            {
              title: text.candidate,
              key: 'candidate',
              // The name opens the candidate (details; export and erasure for admins); an erased one shows no placeholder address.
              render: (_, row) => (
                <>
                  <Button type="link" className="invitation-candidate" onClick={() => setOpened(row.candidate)}>
                    {nameOf(row.candidate)}
                  </Button>
                  {!row.candidate.erasedAt && <div className="console-hint">{row.candidate.email}</div>}
                </>
              ),
            },
            { title: text.state, dataIndex: 'status', render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{text.status[s]}</Tag> },
            {
              title: text.window,
              key: 'window',
              render: (_, row) => `${new Date(row.opensAt).toLocaleString(locale)} – ${new Date(row.closesAt).toLocaleString(locale)}`,
            },
            { title: text.sent, dataIndex: 'sentAt', render: (at: string | null) => (at ? new Date(at).toLocaleString(locale) : '—') },
            {
              title: text.actions,
              key: 'actions',
              render: (_, row) =>
                FINISHED.includes(row.status) ? null : (
                  <Space wrap size={4}>
                    {row.status !== 'started' && (
                      <Popconfirm title={text.resendConfirm} okText={text.yes} cancelText={text.no} onConfirm={() => act.mutateAsync({ id: row.id, action: 'resend' }).catch(() => undefined)}>
                        <Button size="small" aria-label={`${text.resend} ${row.candidate.name}`}>
                          {text.resend}
                        </Button>
                      </Popconfirm>
                    )}
                    <Button size="small" aria-label={`${text.extend} ${row.candidate.name}`} onClick={() => setExtending(row)}>
                      {text.extend}
                    </Button>
                    <Popconfirm
                      title={text.revokeConfirm}
                      okText={text.revoke}
                      okButtonProps={{ danger: true }}
                      cancelText={text.no}
                      onConfirm={() => act.mutateAsync({ id: row.id, action: 'revoke' }).catch(() => undefined)}
                    >
                      <Button size="small" danger aria-label={`${text.revoke} ${row.candidate.name}`}>
                        {text.revoke}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </ScrollRegion>
      {paperId && dialog === 'one' && <InviteDialog paperId={paperId} onClose={() => setDialog(null)} onDone={() => void refresh()} />}
      {paperId && dialog === 'bulk' && <BulkInviteDialog paperId={paperId} onClose={() => setDialog(null)} onDone={() => void refresh()} />}
      {opened && <CandidateDrawer candidate={opened} onClose={() => setOpened(null)} onErased={() => void refresh()} />}
      {extending && (
        <ExtendDialog
          invitation={extending}
          onClose={() => setExtending(null)}
          onDone={() => {
            setExtending(null);
            setDone(text.extended);
            void refresh();
          }}
        />
      )}
    </section>
  );
}

function ExtendDialog({ invitation, onClose, onDone }: { invitation: Invitation; onClose: () => void; onDone: () => void }) {
  const text = useText(TEXT);
  const [form] = Form.useForm<{ closesAt: string }>();
  const extend = useMutation({
    mutationFn: async (closesAt: string) =>
      bodyOf<Invitation>(await staffApi.POST('/api/v1/invitations/{id}/extend', { params: { path: { id: invitation.id } }, body: { closesAt: new Date(closesAt).toISOString() } })),
    onSuccess: onDone,
    onError: (error) => form.setFields(formFieldsOf(error)),
  });
  const later = new Date(Math.max(Date.now(), new Date(invitation.closesAt).getTime()) + 7 * 86_400_000);
  return (
    <Modal open title={text.extendTitle(invitation.candidate.name)} okText={text.extend} cancelText={text.cancel} onCancel={onClose} onOk={() => form.submit()} confirmLoading={extend.isPending}>
      <p className="console-hint">{text.extendHint}</p>
      <ProblemNotice error={extend.error} />
      <Form form={form} layout="vertical" initialValues={{ closesAt: toDateTimeInput(later) }} onFinish={(values) => extend.mutate(values.closesAt)}>
        <Form.Item label={text.newEnd} name="closesAt" rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

