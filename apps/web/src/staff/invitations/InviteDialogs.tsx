import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Progress, Select, Table, Upload } from 'antd';
import { useState } from 'react';
import { bodyOf } from '../../api/client';
import { useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import type { Invitation, Schemas } from '../papers/console-api';
import { fieldErrorsOf, formFieldsOf, ProblemNotice } from '../papers/ProblemNotice';
import { TableRegion } from '../papers/TableRegion';
import { uploadForm } from '../papers/upload';
import { csvRowsByNumber } from './invitation-rows';
import { reminderHoursOf, toDateTimeInput } from './window';

type BulkResult = Schemas['BulkInvitationResponse'];

interface WindowValues {
  opensAt?: string;
  closesAt: string;
  reminderHours: string;
  extraTimePercent: number;
  locale?: 'zh-CN' | 'en';
}

const TEXT: Texts<{
  inviteOne: string;
  upload: string;
  invite: string;
  send: string;
  close: string;
  cancel: string;
  name: string;
  nameMissing: string;
  email: string;
  emailMissing: string;
  phone: string;
  externalId: string;
  opensAt: string;
  opensAtHint: string;
  closesAt: string;
  closesAtMissing: string;
  reminders: string;
  remindersHint: string;
  extraTime: string;
  language: string;
  companyLanguage: string;
  invited: (name: string) => string;
  file: string;
  fileHint: string;
  fileMissing: string;
  uploading: string;
  processing: string;
  summary: (r: BulkResult) => string;
  rowErrors: string;
  row: string;
  field: string;
  reason: string;
  content: string;
  fixRows: string;
}> = {
  'zh-CN': {
    inviteOne: '邀请一位候选人',
    upload: '上传候选人名单',
    invite: '发送邀请',
    send: '上传并邀请',
    close: '关闭',
    cancel: '取消',
    name: '姓名',
    nameMissing: '请输入姓名',
    email: '邮箱',
    emailMissing: '请输入有效的邮箱',
    phone: '手机(可选)',
    externalId: 'ATS 编号(可选)',
    opensAt: '开始时间',
    opensAtHint: '留空表示立即可以作答。',
    closesAt: '截止时间',
    closesAtMissing: '请选择截止时间',
    reminders: '截止前多少小时提醒',
    remindersHint: '多个用逗号分开,如 24,2;留空则不提醒。',
    extraTime: '额外时间(%)',
    language: '邮件语言',
    companyLanguage: '公司默认语言',
    invited: (name) => `已邀请 ${name},邮件正在发送。`,
    file: '名单文件(.csv 或 .xlsx)',
    fileHint: '第一行是列名:姓名/name、邮箱/email,可选 手机/phone、外部编号/external_id、额外时间/extra_time_percent。',
    fileMissing: '请选择名单文件',
    uploading: '正在上传',
    processing: '正在逐行检查并创建邀请……',
    summary: (r) => `共 ${r.total} 行:新邀请 ${r.created} 人,已邀请过 ${r.skipped} 人,${r.errors.length} 行有错误。`,
    rowErrors: '以下行没有导入:在文件中改正后重新上传(已成功的行不会重复邀请)。',
    row: '行号',
    field: '列',
    reason: '原因',
    content: '该行内容',
    fixRows: '改正后重新上传',
  },
  en: {
    inviteOne: 'Invite a candidate',
    upload: 'Upload a candidate list',
    invite: 'Send invitation',
    send: 'Upload and invite',
    close: 'Close',
    cancel: 'Cancel',
    name: 'Name',
    nameMissing: 'Enter the name',
    email: 'Email',
    emailMissing: 'Enter a valid email',
    phone: 'Phone (optional)',
    externalId: 'ATS id (optional)',
    opensAt: 'Opens',
    opensAtHint: 'Leave empty to open now.',
    closesAt: 'Closes',
    closesAtMissing: 'Choose when the link closes',
    reminders: 'Reminders, hours before closing',
    remindersHint: 'Several separated by commas, e.g. 24,2; empty for none.',
    extraTime: 'Extra time (%)',
    language: 'Email language',
    companyLanguage: 'The company’s default',
    invited: (name) => `${name} is invited; the email is on its way.`,
    file: 'List file (.csv or .xlsx)',
    fileHint: 'First row names the columns: name/姓名, email/邮箱, optional phone, external_id, extra_time_percent.',
    fileMissing: 'Choose the list file',
    uploading: 'Uploading',
    processing: 'Checking each row and creating invitations…',
    summary: (r) => `${r.total} rows: ${r.created} invited, ${r.skipped} already invited, ${r.errors.length} rows with errors.`,
    rowErrors: 'These rows were not imported: fix them in the file and upload it again (rows already done are not invited twice).',
    row: 'Row',
    field: 'Column',
    reason: 'Reason',
    content: 'Row content',
    fixRows: 'Upload the fixed file',
  },
};

const inAWeek = () => toDateTimeInput(new Date(Date.now() + 7 * 86_400_000));

/** The window, reminders, extra time and language of new invitations: shared by both dialogs. */
function WindowFields() {
  const text = useText(TEXT);
  return (
    <>
      <Form.Item label={text.opensAt} name="opensAt" extra={text.opensAtHint}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item label={text.closesAt} name="closesAt" rules={[{ required: true, message: text.closesAtMissing }]}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item label={text.reminders} name="reminderHours" extra={text.remindersHint}>
        <Input inputMode="numeric" />
      </Form.Item>
      <Form.Item label={text.extraTime} name="extraTimePercent">
        <InputNumber min={0} max={200} />
      </Form.Item>
      <Form.Item label={text.language} name="locale">
        <Select
          allowClear
          placeholder={text.companyLanguage}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
      </Form.Item>
    </>
  );
}

const WINDOW_DEFAULTS = () => ({ closesAt: inAWeek(), reminderHours: '24', extraTimePercent: 0 });
const iso = (local: string | undefined) => (local ? new Date(local).toISOString() : undefined);

/** Invites one candidate to the paper; each field's reason from the API shows under it. */
export function InviteDialog({ paperId, onClose, onDone }: { paperId: string; onClose: () => void; onDone: () => void }) {
  const text = useText(TEXT);
  const [form] = Form.useForm<WindowValues & { name: string; email: string; phone?: string; externalId?: string }>();
  const invite = useMutation({
    mutationFn: async (values: WindowValues & { name: string; email: string; phone?: string; externalId?: string }) =>
      bodyOf<Invitation>(
        await staffApi.POST('/api/v1/invitations', {
          body: {
            paperId,
            candidate: { name: values.name, email: values.email, ...(values.phone ? { phone: values.phone } : {}), ...(values.externalId ? { externalId: values.externalId } : {}) },
            closesAt: iso(values.closesAt) ?? '',
            opensAt: iso(values.opensAt),
            reminderHours: reminderHoursOf(values.reminderHours ?? ''),
            extraTimePercent: values.extraTimePercent ?? 0,
            locale: values.locale,
          },
        }),
      ),
    onSuccess: onDone,
    onError: (error) => form.setFields(formFieldsOf(error, 'candidate.')),
  });
  return (
    <Modal
      open
      title={text.inviteOne}
      okText={invite.isSuccess ? text.close : text.invite}
      cancelText={text.cancel}
      onCancel={onClose}
      onOk={() => (invite.isSuccess ? onClose() : form.submit())}
      confirmLoading={invite.isPending}
    >
      <ProblemNotice error={invite.error} />
      {invite.isSuccess && <Alert className="gap-bottom" type="success" showIcon title={text.invited(invite.data.candidate.name)} role="status" />}
      <Form form={form} layout="vertical" initialValues={WINDOW_DEFAULTS()} onFinish={(values) => invite.mutate(values)} disabled={invite.isSuccess}>
        <Form.Item label={text.name} name="name" rules={[{ required: true, whitespace: true, message: text.nameMissing }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={text.email} name="email" rules={[{ required: true, type: 'email', message: text.emailMissing }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item label={text.phone} name="phone">
          <Input type="tel" />
        </Form.Item>
        <Form.Item label={text.externalId} name="externalId">
          <Input />
        </Form.Item>
        <WindowFields />
      </Form>
    </Modal>
  );
}

/** Uploads a candidate list with progress; rows the API refused are listed with their reason and, for CSV, their content. */
export function BulkInviteDialog({ paperId, onClose, onDone }: { paperId: string; onClose: () => void; onDone: () => void }) {
  const text = useText(TEXT);
  const [form] = Form.useForm<WindowValues>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [rows, setRows] = useState<Map<number, string>>(new Map());
  const upload = useMutation({
    mutationFn: async (values: WindowValues) => {
      if (!file) throw new Error('no file');
      const body = new FormData();
      body.append('closesAt', iso(values.closesAt) ?? '');
      if (values.opensAt) body.append('opensAt', iso(values.opensAt) ?? '');
      const hours = reminderHoursOf(values.reminderHours ?? '');
      if (hours.length > 0) body.append('reminderHours', hours.join(','));
      if (values.extraTimePercent) body.append('extraTimePercent', String(values.extraTimePercent));
      if (values.locale) body.append('locale', values.locale);
      body.append('file', file);
      setRows(file.name.toLowerCase().endsWith('.csv') ? csvRowsByNumber(await file.text()) : new Map());
      setProgress(0);
      try {
        return await uploadForm<BulkResult>(`/api/v1/papers/${paperId}/invitations/bulk`, body, setProgress);
      } finally {
        setProgress(null);
      }
    },
    onSuccess: onDone,
    onError: (error) => form.setFields(formFieldsOf(error)),
  });
  const fileReason = fieldErrorsOf(upload.error).find(({ field }) => field === 'file')?.reason;
  const result = upload.data;
  return (
    <Modal
      open
      width={760}
      title={text.upload}
      okText={result ? text.fixRows : text.send}
      cancelText={text.close}
      onCancel={onClose}
      onOk={() => {
        if (!file) return setFileMissing(true);
        form.submit();
      }}
      confirmLoading={upload.isPending}
    >
      <ProblemNotice error={upload.error} />
      {result && (
        <>
          <Alert className="gap-bottom" type={result.errors.length ? 'warning' : 'success'} showIcon title={text.summary(result)} role="status" />
          {result.errors.length > 0 && (
            <>
              <p>{text.rowErrors}</p>
              <TableRegion label={text.rowErrors} minWidth={560}>
                <Table
                  className="row-errors gap-bottom"
                  size="small"
                  rowKey={(error) => `${error.row}-${error.field}`}
                  dataSource={result.errors}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: text.row, dataIndex: 'row', width: 70 },
                    { title: text.field, dataIndex: 'field', width: 110 },
                    { title: text.reason, dataIndex: 'reason' },
                    ...(rows.size ? [{ title: text.content, key: 'content', render: (_: unknown, error: { row: number }) => <span className="row-source">{rows.get(error.row) ?? ''}</span> }] : []),
                  ]}
                />
              </TableRegion>
            </>
          )}
        </>
      )}
      {progress !== null && <Progress percent={progress} status="active" aria-label={text.uploading} />}
      {upload.isPending && progress === 100 && <p role="status">{text.processing}</p>}
      <Form form={form} layout="vertical" initialValues={WINDOW_DEFAULTS()} onFinish={(values) => upload.mutate(values)}>
        <Form.Item label={text.file} extra={text.fileHint} validateStatus={fileMissing || fileReason ? 'error' : undefined} help={fileReason ?? (fileMissing ? text.fileMissing : undefined)}>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setFileMissing(false);
              upload.reset();
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />}>{text.file}</Button>
          </Upload>
        </Form.Item>
        <WindowFields />
      </Form>
    </Modal>
  );
}
