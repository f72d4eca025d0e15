import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, ConfigProvider, Form, Input, Layout, Menu, Result, Segmented, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { bodyOf, ProblemError } from '../api/client';
import { STAFF_AREAS, type StaffRole } from './areas';
import { LocaleProvider, useLocale, useText, type Locale, type Texts } from './i18n';
import { sessionEndReason, staffApi } from './staff-api';
import { onStaffSessionChange, readStaffSession, writeStaffSession, type StaffSession } from './staff-session';
import './staff.css';

const SignupPage = lazy(() => import('./console/SignupPage'));

const TEXT: Texts<{
  title: string;
  email: string;
  emailMissing: string;
  password: string;
  passwordMissing: string;
  signIn: string;
  signOut: string;
  sessionEnded: string;
  welcome: string;
  noArea: string;
  /** Sign-in refusals the API names by code, said in the page's language with what to do. */
  refused: Partial<Record<string, string>>;
  noAccount: string;
  signUp: string;
}> = {
  'zh-CN': {
    title: 'Assay 登录',
    email: '邮箱',
    emailMissing: '请输入邮箱',
    password: '密码',
    passwordMissing: '请输入密码',
    signIn: '登录',
    signOut: '退出',
    sessionEnded: '登录已失效,请重新登录。',
    welcome: '欢迎使用 Assay',
    noArea: '您的账号还没有可用的功能,请联系管理员分配角色。',
    refused: {
      'auth.invalid_credentials': '邮箱或密码不正确,请检查后重试。',
      'auth.login_locked': '该账号登录失败次数过多,已暂时锁定。请稍后再试,或联系管理员。',
      'request.rate_limited': '尝试次数过多,请稍后再试。',
    },
    noAccount: '公司还没有账号?',
    signUp: '注册公司',
  },
  en: {
    title: 'Sign in to Assay',
    email: 'Email',
    emailMissing: 'Enter your email',
    password: 'Password',
    passwordMissing: 'Enter your password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    sessionEnded: 'Your session has ended. Please sign in again.',
    welcome: 'Welcome to Assay',
    noArea: 'Your account has no areas yet. Ask an admin to give you a role.',
    refused: {
      'auth.invalid_credentials': 'The email or password is wrong. Check them and try again.',
      'auth.login_locked': 'Too many failed sign-ins for this account: it is locked for a while. Try again later, or ask an admin.',
      'request.rate_limited': 'Too many attempts. Try again in a moment.',
    },
    noAccount: 'No company account yet?',
    signUp: 'Sign your company up',
  },
};

/**
 * Ant Design's default blue (#1677ff), red and grey descriptions read below WCAG AA's 4.5:1 on
 * white and on the page's grey (axe-core's color-contrast): the exam's darker blue (darker still on
 * hover), a darker red, darker descriptions and labels.
 */
const STAFF_THEME = {
  token: {
    colorPrimary: '#1d4ed8',
    colorPrimaryHover: '#1e40af',
    colorLink: '#1d4ed8',
    colorLinkHover: '#1e40af',
    colorError: '#c81e1e',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};


/**
 * The staff app's shell: sign-in, the language, the layout with the menu of the areas the user's
 * roles allow, and each area's routes under /staff (docs/web.md). Lazy loaded: candidates never get it.
 */
export default function StaffApp() {
  return (
    <LocaleProvider>
      <LocalisedShell />
    </LocaleProvider>
  );
}

function LocalisedShell() {
  const { locale } = useLocale();
  const [session, setSession] = useState(readStaffSession);
  useEffect(() => onStaffSessionChange(setSession), []);
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} button={{ autoInsertSpace: false }} theme={STAFF_THEME}>
      <Routes>
        <Route path="login" element={session ? <Navigate to="/staff" replace /> : <LoginPage />} />
        <Route
          path="signup"
          element={
            session ? (
              <Navigate to="/staff" replace />
            ) : (
              <Suspense fallback={<Spin />}>
                <SignupPage languageSwitch={<LanguageSwitch />} />
              </Suspense>
            )
          }
        />
        <Route path="*" element={session ? <StaffLayout session={session} /> : <Navigate to="/staff/login" replace />} />
      </Routes>
    </ConfigProvider>
  );
}

function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  return (
    <Segmented<Locale>
      size="small"
      value={locale}
      onChange={setLocale}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      aria-label="Language / 语言"
    />
  );
}

const refusalOf = (error: Error, refused: Partial<Record<string, string>>) => (error instanceof ProblemError ? refused[error.problem.code] : undefined) ?? error.message;

function LoginPage() {
  const text = useText(TEXT);
  const login = useMutation({
    mutationFn: async (values: { email: string; password: string }) => {
      const tokens = bodyOf<{ accessToken: string; refreshToken: string }>(await staffApi.POST('/api/v1/auth/login', { body: values }));
      return { ...tokens, email: values.email };
    },
    onSuccess: (session: StaffSession) => writeStaffSession(session),
  });
  return (
    <main className="staff-login">
      <div className="staff-login-top">
        <h1>{text.title}</h1>
        <LanguageSwitch />
      </div>
      {sessionEndReason !== null && !login.isPending && <Alert className="gap-bottom" type="warning" showIcon title={text.sessionEnded} />}
      <Form layout="vertical" onFinish={(values: { email: string; password: string }) => login.mutate(values)} requiredMark={false}>
        <Form.Item label={text.email} name="email" rules={[{ required: true, type: 'email', message: text.emailMissing }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item label={text.password} name="password" rules={[{ required: true, message: text.passwordMissing }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {login.error && <Alert className="gap" type="error" showIcon title={refusalOf(login.error, text.refused)} />}
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {text.signIn}
        </Button>
      </Form>
      <p className="gap">
        {text.noAccount} <Link to="/staff/signup">{text.signUp}</Link>
      </p>
    </main>
  );
}

function StaffLayout({ session }: { session: StaffSession }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const { pathname } = useLocation();
  const me = useQuery({ queryKey: ['me'], queryFn: async () => bodyOf<{ roles: StaffRole[] }>(await staffApi.GET('/api/v1/auth/me')) });
  const signOut = async () => {
    await staffApi.POST('/api/v1/auth/logout', { body: { refreshToken: session.refreshToken } }).catch(() => undefined);
    writeStaffSession(null);
  };
  const roles = me.data?.roles ?? [];
  const areas = STAFF_AREAS.filter((area) => area.roles.some((role) => roles.includes(role)));
  const selected = areas.find((area) => pathname.startsWith(`/staff/${area.path}`))?.path;
  return (
    <Layout className="staff">
      <Layout.Header className="staff-header">
        <strong>Assay</strong>
        <Menu
          theme="dark"
          mode="horizontal"
          disabledOverflow
          selectedKeys={selected ? [selected] : []}
          items={areas.map((area) => ({ key: area.path, label: <Link to={`/staff/${area.path}`}>{area.label[locale]}</Link> }))}
        />
        <LanguageSwitch />
        <span className="staff-user">{session.email}</span>
        <Button onClick={() => void signOut()}>{text.signOut}</Button>
      </Layout.Header>
      <Layout.Content className="staff-content">
        {me.isPending ? (
          <Spin />
        ) : (
          <Suspense fallback={<Spin />}>
            <Routes>
              <Route index element={areas.length > 0 ? <Navigate to={`/staff/${areas[0].path}`} replace /> : <Result status="info" title={text.welcome} subTitle={text.noArea} />} />
              {areas.map((area) => (
                <Route key={area.path} path={`${area.path}/*`} element={area.element} />
              ))}
              <Route path="*" element={<Navigate to="/staff" replace />} />
            </Routes>
          </Suspense>
        )}
      </Layout.Content>
    </Layout>
  );
}
