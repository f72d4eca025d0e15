import { Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useText, type Texts } from '../../i18n';
import { CatalogPanel } from './CatalogPanel';

const TEXT: Texts<{ title: string; intro: string; jobRoles: string; competencies: string }> = {
  'zh-CN': {
    title: '岗位与考察点',
    intro: '岗位是试卷和结果的归属;考察点(能力项)标在题目上,分析时按考察点比较候选人。',
    jobRoles: '岗位',
    competencies: '考察点',
  },
  en: {
    title: 'Job roles and competencies',
    intro: 'Papers and results belong to a job role; competencies are tagged on questions, and analytics compare candidates by them.',
    jobRoles: 'Job roles',
    competencies: 'Competencies',
  },
};

/** /staff/roles/*: the catalog of job roles and competencies (recruiters and admins). */
export default function RolesArea() {
  const text = useText(TEXT);
  const navigate = useNavigate();
  const tab = useLocation().pathname.includes('/roles/competencies') ? 'competencies' : 'job-roles';
  return (
    <section className="console">
      <h1 className="console-title">{text.title}</h1>
      <p>{text.intro}</p>
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(`/staff/roles/${key}`)}
        items={[
          { key: 'job-roles', label: text.jobRoles },
          { key: 'competencies', label: text.competencies },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="job-roles" replace />} />
        <Route path="job-roles" element={<CatalogPanel kind="job-roles" />} />
        <Route path="competencies" element={<CatalogPanel kind="competencies" />} />
        <Route path="*" element={<Navigate to="job-roles" replace />} />
      </Routes>
    </section>
  );
}
