import { useMutation } from '@tanstack/react-query';
import { Alert, Button, ConfigProvider, Form, Input, Layout, Menu, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { api, bodyOf } from '../api/client';
import { readStaffSession, writeStaffSession, type StaffSession } from './staff-session';
import './staff.css';

/**
 * The staff app's shell: sign-in, the layout with its menu, and the routes under /staff where the
 * grader's workspace and the console will live (docs/web.md). Lazy loaded: candidates never get it.
 */
export default function StaffApp() {
  const [session, setSession] = useState(readStaffSession);
  const signIn = (next: StaffSession | null) => {
    writeStaffSession(next);
    setSession(next);
  };
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <Routes>
        <Route path="login" element={session ? <Navigate to="/staff" replace /> : <LoginPage onSignedIn={signIn} />} />
        <Route path="*" element={session ? <StaffLayout session={session} onSignOut={() => signIn(null)} /> : <Navigate to="/staff/login" replace />} />
      </Routes>
    </ConfigProvider>
  );
}

function LoginPage({ onSignedIn }: { onSignedIn: (session: StaffSession) => void }) {
  const login = useMutation({
    mutationFn: async (values: { email: string; password: string }) => {
      const tokens = bodyOf<{ accessToken: string; refreshToken: string }>(await api.POST('/api/v1/auth/login', { body: values }));
      return { ...tokens, email: values.email };
    },
    onSuccess: onSignedIn,
  });
  return (
    <main className="staff-login">
      <h1>Assay 登录</h1>
      <Form layout="vertical" onFinish={(values: { email: string; password: string }) => login.mutate(values)} requiredMark={false}>
        <Form.Item label="邮箱" name="email" rules={[{ required: true, type: 'email', message: '请输入邮箱' }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {login.error && <Alert className="gap" type="error" showIcon title={login.error.message} />}
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          登录
        </Button>
      </Form>
    </main>
  );
}

function StaffLayout({ session, onSignOut }: { session: StaffSession; onSignOut: () => void }) {
  const { pathname } = useLocation();
  return (
    <Layout className="staff">
      <Layout.Header className="staff-header">
        <strong>Assay</strong>
        <Menu theme="dark" mode="horizontal" selectedKeys={[pathname]} items={[{ key: '/staff', label: <Link to="/staff">首页</Link> }]} />
        <span className="staff-user">{session.email}</span>
        <Button onClick={onSignOut}>退出</Button>
      </Layout.Header>
      <Layout.Content className="staff-content">
        <Routes>
          <Route index element={<Result status="info" title="欢迎使用 Assay" subTitle="阅卷工作台与管理控制台将在这里提供。" />} />
          <Route path="*" element={<Navigate to="/staff" replace />} />
        </Routes>
      </Layout.Content>
    </Layout>
  );
}
