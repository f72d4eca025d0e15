import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Radio, Spin } from 'antd';
import { useState } from 'react';
import type { components } from '../../../api/schema';
import { useText, type Texts } from '../../i18n';
import { staffApi } from '../../staff-api';
import { call, showFieldErrors } from '../../ui/problems';
import { ErrorAlert } from '../ui';

type Settings = components['schemas']['UpdateTenantDto'];

const TEXT: Texts<{
  name: string;
  slug: string;
  slugHelp: string;
  locale: string;
  localeHelp: string;
  retention: string;
  retentionHelp: string;
  days: string;
  save: string;
  saved: string;
  required: string;
}> = {
  'zh-CN': {
    name: '公司名称',
    slug: '公司标识',
    slugHelp: '登录时区分公司用,不能修改。',
    locale: '默认语言',
    localeHelp: '候选人邀请邮件和考试页面默认使用的语言。',
    retention: '候选人个人信息保留天数',
    retentionHelp:
      '30 到 3650 天。候选人最后一次活动(受邀、收到邮件、开始或交卷、被阅卷)超过这个天数后,系统每小时的清理任务会删除其姓名、联系方式、ATS 编号、作答文字和地址等个人信息;分数以匿名形式保留,统计报表不受影响。正在作答或等待评分的候选人不会被清理。',
    days: '天',
    save: '保存',
    saved: '已保存',
    required: '请填写此项',
  },
  en: {
    name: 'Company name',
    slug: 'Company id',
    slugHelp: 'Tells companies apart at login; it cannot be changed.',
    locale: 'Default language',
    localeHelp: 'The language of invitation emails and exam pages unless an invitation says otherwise.',
    retention: 'Keep candidates’ personal data for',
    retentionHelp:
      '30 to 3650 days. Once a candidate’s last activity (invited, emailed, started or submitted a test, marked) is older than this, the hourly sweep erases their name, contacts, ATS ids, answer text and addresses; their scores stay, anonymised, so reports do not change. Candidates taking a test or waiting to be scored are never swept.',
    days: 'days',
    save: 'Save',
    saved: 'Saved',
    required: 'Fill this in',
  },
};

/** The company's name, default language and how long candidates' personal data is kept (GET/PATCH /tenant, docs/privacy.md). */
export function CompanyPanel() {
  const text = useText(TEXT);
  const client = useQueryClient();
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => call(staffApi.GET('/api/v1/tenant')) });
  const [form] = Form.useForm<Settings>();
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const save = useMutation({
    mutationFn: (body: Settings) => call(staffApi.PATCH('/api/v1/tenant', { body })),
    onSuccess: (saved) => client.setQueryData(['tenant'], saved),
    onError: (error) => setUnplaced(showFieldErrors(form, error, ['name', 'locale', 'candidateDataRetentionDays'])),
  });
  if (tenant.error) return <ErrorAlert error={tenant.error} />;
  if (!tenant.data) return <Spin />;
  return (
    <Form form={form} className="console-narrow" layout="vertical" requiredMark={false} initialValues={tenant.data} onFinish={(values) => save.mutate({ name: values.name, locale: values.locale, candidateDataRetentionDays: values.candidateDataRetentionDays })} onValuesChange={() => save.reset()}>
      <Form.Item label={text.name} name="name" rules={[{ required: true, whitespace: true, message: text.required }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={text.slug} extra={text.slugHelp}>
        <Input value={tenant.data.slug} disabled aria-label={text.slug} />
      </Form.Item>
      <Form.Item label={text.locale} name="locale" extra={text.localeHelp}>
        <Radio.Group
          aria-label={text.locale}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
      </Form.Item>
      {/* No range here: the API checks 30-3650 and its reason appears under the field. */}
      <Form.Item label={text.retention} name="candidateDataRetentionDays" extra={text.retentionHelp} rules={[{ required: true, message: text.required }]}>
        <InputNumber precision={0} suffix={text.days} className="console-points" />
      </Form.Item>
      {save.error && <ErrorAlert error={save.error} fieldErrors={unplaced} />}
      {save.isSuccess && <Alert className="gap-bottom" type="success" showIcon title={text.saved} />}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {text.save}
      </Button>
    </Form>
  );
}
