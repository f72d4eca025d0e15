import { Alert, Input, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useText, type Texts } from '../i18n';
import { useJobRoles } from './results-api';

const TEXT: Texts<{ title: string; intro: string; search: string; role: string; description: string; total: (n: number) => string; none: string; noMatch: string }> = {
  'zh-CN': {
    title: '测评结果',
    intro: '选择岗位,查看其考生成绩、分数分布、题目分析和阅卷情况。',
    search: '搜索岗位',
    role: '岗位',
    description: '说明',
    total: (n) => `共 ${n} 个岗位`,
    none: '还没有岗位:先在题库中建立岗位和试卷,再邀请考生。',
    noMatch: '没有符合搜索的岗位:换个关键词试试。',
  },
  en: {
    title: 'Results',
    intro: 'Choose a job role to see its candidates’ scores, the score distribution, the item analysis and the marking.',
    search: 'Search job roles',
    role: 'Job role',
    description: 'Description',
    total: (n) => `${n} job roles`,
    none: 'No job roles yet: create a role and a paper first, then invite candidates.',
    noMatch: 'No job role matches the search: try other words.',
  },
};

/** The results' start: job roles, searchable and paged, each opening its results. */
export function RoleList() {
  const text = useText(TEXT);
  const [query, setQuery] = useState<{ page: number; pageSize: number; q?: string }>({ page: 1, pageSize: 20 });
  const roles = useJobRoles(query);
  return (
    <div className="results">
      <h1>{text.title}</h1>
      <p>{text.intro}</p>
      <Input.Search className="gap-bottom" allowClear placeholder={text.search} aria-label={text.search} style={{ maxWidth: 320 }} onSearch={(q) => setQuery((old) => ({ ...old, page: 1, q: q || undefined }))} />
      {roles.error && <Alert className="gap-bottom" type="error" showIcon title={roles.error.message} />}
      <Table
        rowKey="id"
        loading={roles.isFetching}
        dataSource={roles.data?.items}
        locale={{ emptyText: query.q ? text.noMatch : text.none }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: text.role, render: (_, role) => <Link to={`job-roles/${role.id}`}>{role.name}</Link> },
          { key: 'description', title: text.description, responsive: ['md'], render: (_, role) => role.description ?? '' },
        ]}
        onChange={(pagination) => setQuery((old) => ({ ...old, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? old.pageSize }))}
        pagination={{ current: query.page, pageSize: query.pageSize, total: roles.data?.total ?? 0, showTotal: text.total }}
      />
    </div>
  );
}
