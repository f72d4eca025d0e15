import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Space, Spin } from 'antd';
import { useState } from 'react';
import { bodyOf } from '../../api/client';
import { useLocale, useText, type Texts } from '../i18n';
import { attachmentName } from '../results/format';
import { staffApi } from '../staff-api';
import { useRoles, type Schemas } from '../papers/console-api';
import { ProblemNotice } from '../ui/ProblemNotice';
import { saveFile } from '../ui/save-file';

type Candidate = Schemas['CandidateResponse'];
type Erasure = Schemas['ErasureResponse'];
type Counted = Exclude<keyof Erasure, 'candidateId' | 'erasedAt'>;

const TEXT: Texts<{
  title: string;
  erasedName: string;
  name: string;
  email: string;
  phone: string;
  externalId: string;
  since: string;
  erasedAt: string;
  privacy: string;
  privacyHint: string;
  adminOnly: string;
  exportData: string;
  exported: string;
  erase: string;
  eraseTitle: (name: string) => string;
  eraseWarning: string;
  typeToConfirm: (email: string) => string;
  mismatch: string;
  erasing: string;
  erased: string;
  erasedHint: string;
  close: string;
  cancel: string;
  counts: Record<Counted, string>;
}> = {
  'zh-CN': {
    title: '候选人',
    erasedName: '(个人信息已删除)',
    name: '姓名',
    email: '邮箱',
    phone: '电话',
    externalId: 'ATS 编号',
    since: '首次邀请',
    erasedAt: '个人信息删除于',
    privacy: '个人信息',
    privacyHint: '应候选人的请求:导出我们保存的他的全部个人信息(JSON 文件),或立即删除。分数会匿名保留。',
    adminOnly: '只有管理员可以导出或删除候选人的个人信息。',
    exportData: '导出个人数据',
    exported: '已下载候选人的个人数据文件。',
    erase: '删除候选人个人信息',
    eraseTitle: (name) => `删除 ${name} 的个人信息`,
    eraseWarning: '姓名、邮箱、电话、ATS 编号、作答文字、IP 地址和评语将被永久删除,无法恢复;未完成的邀请会被撤销,未发出的邮件不再发送。分数以匿名形式保留。',
    typeToConfirm: (email) => `请输入候选人的邮箱 ${email} 以确认:`,
    mismatch: '与候选人的邮箱不一致',
    erasing: '正在删除,请勿关闭……',
    erased: '个人信息已删除。',
    erasedHint: '以下是被删除的记录数(不含内容):',
    close: '关闭',
    cancel: '取消',
    counts: {
      invitations: '邀请',
      emails: '邮件',
      attempts: '答卷',
      answers: '作答',
      attemptEvents: '答题过程记录',
      gradingAnswers: '阅卷中的答案副本',
      gradingMarks: '评语',
      analyticsRows: '报表行',
      webhookEvents: 'Webhook 事件',
      idempotentResponses: '保存的接口应答',
    },
  },
  en: {
    title: 'Candidate',
    erasedName: '(personal data erased)',
    name: 'Name',
    email: 'Email',
    phone: 'Phone',
    externalId: 'ATS id',
    since: 'First invited',
    erasedAt: 'Personal data erased',
    privacy: 'Personal data',
    privacyHint: 'On the candidate’s request: export everything held about them (a JSON file), or erase it now. Scores stay, anonymised.',
    adminOnly: 'Only admins may export or erase a candidate’s personal data.',
    exportData: 'Export personal data',
    exported: 'The candidate’s data file was downloaded.',
    erase: 'Erase candidate',
    eraseTitle: (name) => `Erase ${name}’s personal data`,
    eraseWarning:
      'Name, email, phone, ATS ids, answer text, IP addresses and comments are erased for good; this cannot be undone. Invitations still open are revoked, unsent emails are not sent. Scores stay, anonymised.',
    typeToConfirm: (email) => `Type the candidate’s email, ${email}, to confirm:`,
    mismatch: 'This is not the candidate’s email',
    erasing: 'Erasing; keep this window open…',
    erased: 'The personal data is erased.',
    erasedHint: 'What was erased, as counts of records (never their content):',
    close: 'Close',
    cancel: 'Cancel',
    counts: {
      invitations: 'Invitations',
      emails: 'Emails',
      attempts: 'Attempts',
      answers: 'Answers',
      attemptEvents: 'Attempt events',
      gradingAnswers: 'Answers in marking',
      gradingMarks: 'Marking comments',
      analyticsRows: 'Report rows',
      webhookEvents: 'Webhook events',
      idempotentResponses: 'Stored API answers',
    },
  },
};

/** How a candidate is named in lists: their name, or that it was erased (the row then holds placeholders). */
export function useCandidateName(): (candidate: Candidate) => string {
  const text = useText(TEXT);
  return (candidate) => (candidate.erasedAt ? text.erasedName : candidate.name);
}

/**
 * A candidate's details opened from the invitations list, with the data-subject requests
 * (docs/privacy.md) for admins: export everything held about them as a file, and erase them
 * after typing their email.
 */
export function CandidateDrawer({ candidate: listed, onClose, onErased }: { candidate: Candidate; onClose: () => void; onErased: () => void }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const admin = useRoles().includes('admin');
  // The dialog keeps the candidate as they were when it opened: once erased, the refreshed row holds placeholders.
  const [erasing, setErasing] = useState<Candidate | null>(null);
  const candidate =
    useQuery({
      queryKey: ['candidate', listed.id],
      initialData: listed,
      queryFn: async () => bodyOf<Candidate>(await staffApi.GET('/api/v1/candidates/{id}', { params: { path: { id: listed.id } } })),
    }).data ?? listed;
  const download = useMutation({
    mutationFn: async () => {
      const result = await staffApi.GET('/api/v1/candidates/{id}/export', { params: { path: { id: candidate.id } }, parseAs: 'blob' });
      saveFile(bodyOf<Blob>(result), attachmentName(result.response.headers.get('content-disposition'), `candidate-${candidate.id}.json`));
    },
  });
  const erased = candidate.erasedAt !== null;
  const date = (at: string) => new Date(at).toLocaleString(locale);
  return (
    <Drawer open title={erased ? text.erasedName : candidate.name} onClose={onClose} size="default" destroyOnHidden>
      <Descriptions size="small" column={1}>
        {!erased && <Descriptions.Item label={text.email}>{candidate.email}</Descriptions.Item>}
        {!erased && <Descriptions.Item label={text.phone}>{candidate.phone ?? '—'}</Descriptions.Item>}
        {!erased && <Descriptions.Item label={text.externalId}>{candidate.externalId ?? '—'}</Descriptions.Item>}
        <Descriptions.Item label={text.since}>{date(candidate.createdAt)}</Descriptions.Item>
        {candidate.erasedAt && <Descriptions.Item label={text.erasedAt}>{date(candidate.erasedAt)}</Descriptions.Item>}
      </Descriptions>
      <h2 className="card-heading gap">{text.privacy}</h2>
      {admin ? (
        <>
          <p className="console-hint">{text.privacyHint}</p>
          <ProblemNotice error={download.error} />
          {download.isSuccess && <Alert className="gap-bottom" type="success" showIcon title={text.exported} role="status" />}
          <Space wrap>
            <Button loading={download.isPending} onClick={() => download.mutate()}>
              {text.exportData}
            </Button>
            {!erased && (
              <Button danger onClick={() => setErasing(candidate)}>
                {text.erase}
              </Button>
            )}
          </Space>
        </>
      ) : (
        <p className="console-hint">{text.adminOnly}</p>
      )}
      {erasing && <EraseDialog candidate={erasing} onClose={() => setErasing(null)} onErased={onErased} />}
    </Drawer>
  );
}

/** The erasure, confirmed by typing the candidate's email; while it runs a status says so, then the counts of what went. */
function EraseDialog({ candidate, onClose, onErased }: { candidate: Candidate; onClose: () => void; onErased: () => void }) {
  const text = useText(TEXT);
  const client = useQueryClient();
  const [form] = Form.useForm<{ email: string }>();
  const typed = Form.useWatch('email', form) ?? '';
  const matches = typed.trim().toLowerCase() === candidate.email.toLowerCase();
  const erase = useMutation({
    mutationFn: async () => bodyOf<Erasure>(await staffApi.POST('/api/v1/candidates/{id}/erasure', { params: { path: { id: candidate.id } }, body: { confirm: true } })),
    onSuccess: async () => {
      onErased();
      await client.invalidateQueries({ queryKey: ['candidate', candidate.id] });
    },
  });
  const done = erase.data;
  return (
    <Modal
      open
      title={text.eraseTitle(candidate.name)}
      onCancel={onClose}
      maskClosable={!erase.isPending}
      closable={!erase.isPending}
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {text.close}
          </Button>
        ) : (
          <Space>
            <Button disabled={erase.isPending} onClick={onClose}>
              {text.cancel}
            </Button>
            <Button danger type="primary" disabled={!matches} loading={erase.isPending} onClick={() => erase.mutate()}>
              {text.erase}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <>
          <Alert className="gap-bottom" type="success" showIcon title={text.erased} role="status" />
          <p>{text.erasedHint}</p>
          <Descriptions size="small" column={1}>
            {(Object.keys(text.counts) as Counted[]).map((key) => (
              <Descriptions.Item key={key} label={text.counts[key]}>
                {done[key]}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      ) : (
        <>
          <Alert className="gap-bottom" type="warning" showIcon title={text.eraseWarning} />
          <ProblemNotice error={erase.error} />
          <Form form={form} layout="vertical" requiredMark={false} onFinish={() => matches && erase.mutate()}>
            <Form.Item label={text.typeToConfirm(candidate.email)} name="email" validateStatus={typed && !matches ? 'error' : undefined} help={typed && !matches ? text.mismatch : undefined}>
              <Input autoComplete="off" disabled={erase.isPending} />
            </Form.Item>
          </Form>
          {erase.isPending && (
            <p role="status">
              <Spin size="small" /> {text.erasing}
            </p>
          )}
        </>
      )}
    </Modal>
  );
}
