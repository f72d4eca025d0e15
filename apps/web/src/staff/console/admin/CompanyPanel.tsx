import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Spin } from 'antd';
import { useState } from 'react';
import type { components } from '../../../api/schema';
import { useText, type Texts } from '../../i18n';
import { staffApi } from '../../staff-api';
import { call, showFieldErrors } from '../problems';
import { ErrorAlert } from '../ui';

type Settings = components['schemas']['UpdateTenantDto'];

const TEXT: Texts<{ name: string; slug: string; slugHelp: string; locale: string; localeHelp: string; save: string; saved: string; required: string }> = {
  'zh-CN': {
    name: '公司名称',
    slug: '公司标识',
    slugHelp: '登录时区分公司用,不能修改。',
    locale: '默认语言',
    localeHelp: '候选人邀请邮件和考试页面默认使用的语言。',
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
    save: 'Save',
    saved: 'Saved',
    required: 'Fill this in',
  },
};

/** The company's name and default language (GET/PATCH /tenant). */
export function CompanyPanel() {
  const text = useText(TEXT);
  const client = useQueryClient();
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => call(staffApi.GET('/api/v1/tenant')) });
  const [form] = Form.useForm<Settings>();
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const save = useMutation({
    mutationFn: (body: Settings) => call(staffApi.PATCH('/api/v1/tenant', { body })),
    onSuccess: (saved) => client.setQueryData(['tenant'], saved),
    onError: (error) => setUnplaced(showFieldErrors(form, error, ['name', 'locale'])),
  });
  if (tenant.error) return <ErrorAlert error={tenant.error} />;
  if (!tenant.data) return <Spin />;
  return (
    <Form form={form} className="console-narrow" layout="vertical" requiredMark={false} initialValues={tenant.data} onFinish={(values) => save.mutate({ name: values.name, locale: values.locale })} onValuesChange={() => save.reset()}>
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
      {save.error && <ErrorAlert error={save.error} fieldErrors={unplaced} />}
      {save.isSuccess && <Alert className="gap-bottom" type="success" showIcon title={text.saved} />}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {text.save}
      </Button>
    </Form>
  );
}
