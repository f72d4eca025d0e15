import { Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useText, type Texts } from '../../i18n';
import { ApiKeysPanel } from './ApiKeysPanel';
import { CompanyPanel } from './CompanyPanel';
import { UsersPanel } from './UsersPanel';
import { WebhooksPanel } from './WebhooksPanel';

const TEXT: Texts<{ title: string; users: string; apiKeys: string; webhooks: string; company: string }> = {
  'zh-CN': { title: '系统管理', users: '员工与角色', apiKeys: 'API 密钥', webhooks: 'Webhook', company: '公司设置' },
  en: { title: 'Administration', users: 'Staff', apiKeys: 'API keys', webhooks: 'Webhooks', company: 'Company' },
};

const TABS = ['users', 'api-keys', 'webhooks', 'company'] as const;

/** /staff/admin/*: staff and their roles, API keys, webhooks, the company's settings (admins only). */
export default function AdminArea() {
  const text = useText(TEXT);
  const navigate = useNavigate();
  const tab = TABS.find((t) => useLocation().pathname.includes(`/admin/${t}`)) ?? 'users';
  const label = { users: text.users, 'api-keys': text.apiKeys, webhooks: text.webhooks, company: text.company };
  return (
    <section className="console">
      <h1 className="console-title">{text.title}</h1>
      {/* Short labels and gaps: the four tabs fit a 375 px phone, where Ant Design would fold some into a "more" menu that breaks the tab list's ARIA. */}
      <Tabs tabBarGutter={16} activeKey={tab} onChange={(key) => void navigate(`/staff/admin/${key}`)} items={TABS.map((key) => ({ key, label: label[key] }))} />
      <Routes>
        <Route index element={<Navigate to="users" replace />} />
        <Route path="users" element={<UsersPanel />} />
        <Route path="api-keys" element={<ApiKeysPanel />} />
        <Route path="webhooks" element={<WebhooksPanel />} />
        <Route path="company" element={<CompanyPanel />} />
        <Route path="*" element={<Navigate to="users" replace />} />
      </Routes>
    </section>
  );
}
