import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { bodyOf } from '../../api/client';
import type { components } from '../../api/schema';
import { useLocale, useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import { writeStaffSession } from '../staff-session';
import { PasswordMeter, passwordStrength, WEAKEST_ACCEPTED_SCORE } from './password-strength';
import { showFieldErrors } from './problems';
import { ErrorAlert } from './ui';

type Signup = components['schemas']['SignupDto'];
const FIELDS = ['companyName', 'slug', 'adminName', 'email', 'password'] as const;

const TEXT: Texts<{
  title: string;
  intro: string;
  companyName: string;
  slug: string;
  slugHelp: string;
  slugRule: string;
  adminName: string;
  email: string;
  password: string;
  passwordRule: string;
  weakRule: string;
  required: string;
  emailRule: string;
  submit: string;
  haveAccount: string;
  signIn: string;
}> = {
  'zh-CN': {
    title: '注册公司',
    intro: '创建公司账号,您将成为它的第一位管理员。',
    companyName: '公司名称',
    slug: '公司标识',
    slugHelp: '小写字母、数字和短横线,2-63 位,如 xinghe;同一邮箱属于多家公司时登录用它区分。',
    slugRule: '请用 2-63 位小写字母、数字或短横线,且不以短横线开头',
    adminName: '您的姓名',
    email: '邮箱',
    password: '密码',
    passwordRule: '密码至少 10 个字符',
    weakRule: '密码太容易被猜到,请换一个更长、更不相关的密码',
    required: '请填写此项',
    emailRule: '请输入有效的邮箱地址',
    submit: '注册并登录',
    haveAccount: '已有账号?',
    signIn: '登录',
  },
  en: {
    title: 'Sign your company up',
    intro: 'Create the company account; you become its first admin.',
    companyName: 'Company name',
    slug: 'Company id',
    slugHelp: 'Lower-case letters, digits and dashes, 2-63 long, e.g. xinghe; it tells companies apart at login when one email belongs to several.',
    slugRule: 'Use 2-63 lower-case letters, digits or dashes, not starting with a dash',
    adminName: 'Your name',
    email: 'Email',
    password: 'Password',
    passwordRule: 'At least 10 characters',
    weakRule: 'This password is too easy to guess; choose a longer, less related one',
    required: 'Fill this in',
    emailRule: 'Enter a valid email address',
    submit: 'Sign up and sign in',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
  },
};

/** /staff/signup: a new company and its first admin, signed in on success (POST /auth/signup). */
export default function SignupPage({ languageSwitch }: { languageSwitch: ReactNode }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const [form] = Form.useForm<Signup>();
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const signup = useMutation({
    mutationFn: async (values: Signup) => bodyOf<components['schemas']['SignupResponse']>(await staffApi.POST('/api/v1/auth/signup', { body: values })),
    onSuccess: (tokens, values) => writeStaffSession({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, email: values.email }),
    onError: (error) => setUnplaced(showFieldErrors(form, error, FIELDS)),
  });
  const required = { required: true, whitespace: true, message: text.required };
  const password = Form.useWatch('password', form) ?? '';
  // What the password must not lean on: the words the user has just typed about themselves.
  const related = [Form.useWatch('companyName', form), Form.useWatch('slug', form), Form.useWatch('adminName', form), Form.useWatch('email', form)].map((v) => v ?? '');
  const strongEnough = async (_: unknown, value: string | undefined) => {
    if (!value || value.length < 10) return;
    if ((await passwordStrength(value, related)).score < WEAKEST_ACCEPTED_SCORE) throw new Error(text.weakRule);
  };
  return (
    <main className="staff-login staff-signup">
      <div className="staff-login-top">
        <h1>{text.title}</h1>
        {languageSwitch}
      </div>
      <p>{text.intro}</p>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => signup.mutate({ ...values, slug: values.slug.trim(), locale })}>
        <Form.Item label={text.companyName} name="companyName" rules={[required]}>
          <Input autoComplete="organization" maxLength={200} />
        </Form.Item>
        <Form.Item label={text.slug} name="slug" extra={text.slugHelp} rules={[required, { pattern: /^\s*[a-z0-9][a-z0-9-]{1,62}\s*$/, message: text.slugRule }]}>
          <Input autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item label={text.adminName} name="adminName" rules={[required]}>
          <Input autoComplete="name" maxLength={200} />
        </Form.Item>
        <Form.Item label={text.email} name="email" rules={[required, { type: 'email', message: text.emailRule }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item label={text.password} name="password" validateDebounce={300} rules={[required, { min: 10, message: text.passwordRule }, { validator: strongEnough }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <PasswordMeter password={password} related={related} />
        {signup.error && <ErrorAlert error={signup.error} fieldErrors={unplaced} />}
        <Button type="primary" htmlType="submit" block loading={signup.isPending}>
          {text.submit}
        </Button>
      </Form>
      <p className="gap">
        {text.haveAccount} <Link to="/staff/login">{text.signIn}</Link>
      </p>
    </main>
  );
}
