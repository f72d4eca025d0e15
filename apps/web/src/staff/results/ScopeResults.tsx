import { Alert, Breadcrumb, Button, Empty, Result, Space, Spin, Tabs, Tag, message } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useLocale, useText, type Texts } from '../i18n';
import { Candidates } from './Candidates';
import { dateTime, TAG } from './format';
import { Grading } from './Grading';
import { Items } from './Items';
import { Overview } from './Overview';
import { downloadExport, isScope, notComputed, useReport, type Report, type Scope } from './results-api';

const TEXT: Texts<{
  results: string;
  computedAt: (when: string) => string;
  overview: string;
  candidates: string;
  items: string;
  grading: string;
  exportCsv: string;
  exportXlsx: string;
  exportFailed: string;
  versions: string;
  version: (n: number, title: string, attempts: number) => string;
  role: string;
  itemsPerVersion: string;
  empty: string;
  emptyHint: string;
  notFound: string;
  back: string;
}> = {
  'zh-CN': {
    results: '测评结果',
    computedAt: (when) => `统计于 ${when}(考生交卷或阅卷完成后几秒内自动更新)`,
    overview: '概览',
    candidates: '考生',
    items: '题目分析',
    grading: '阅卷',
    exportCsv: '导出 CSV',
    exportXlsx: '导出 Excel',
    exportFailed: '导出失败',
    versions: '按试卷版本查看',
    version: (n, title, attempts) => `${title} 第 ${n} 版(${attempts} 人)`,
    role: '岗位汇总',
    itemsPerVersion: '题目分析、每题用时和各部分流失按试卷版本计算,请选择一个版本:',
    empty: '还没有已交卷的考生',
    emptyHint: '邀请考生参加测评;第一份答卷评分后,这里会自动出现结果。',
    notFound: '地址有误:请从结果列表进入。',
    back: '返回结果列表',
  },
  en: {
    results: 'Results',
    computedAt: (when) => `Computed ${when} (updated a few seconds after each submission or finished marking)`,
    overview: 'Overview',
    candidates: 'Candidates',
    items: 'Item analysis',
    grading: 'Marking',
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel',
    exportFailed: 'The export failed',
    versions: 'By paper version',
    version: (n, title, attempts) => `${title} v${n} (${attempts})`,
    role: 'Whole role',
    itemsPerVersion: 'Item analysis, time per question and drop-off are per paper version; choose one:',
    empty: 'No submitted attempts yet',
    emptyHint: 'Invite candidates to take the test; results appear here once the first attempt is scored.',
    notFound: 'This address is wrong: open results from the list.',
    back: 'Back to the results',
  },
};

const TABS = ['overview', 'candidates', 'items', 'grading'] as const;
type Tab = (typeof TABS)[number];

/** The results of one job role or paper version: overview, candidates, items, marking (the tab is in the URL). */
export function ScopeResults() {
  const { scope, id = '' } = useParams();
  const text = useText(TEXT);
  if (!isScope(scope)) return <Result status="404" title={text.notFound} extra={<Link to="/staff/results">{text.back}</Link>} />;
  return <ScopePage scope={scope} id={id} />;
}

function ScopePage({ scope, id }: { scope: Scope; id: string }) {
  const text = useText(TEXT);
  const report = useReport(scope, id);
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((t) => t === params.get('tab')) ?? 'overview';

  if (report.isPending) return <Spin />;
  if (report.error) {
    return notComputed(report.error) ? (
      <Result status="info" title={text.empty} subTitle={text.emptyHint} extra={<Link to="/staff/results">{text.back}</Link>} />
    ) : (
      <Alert type="error" showIcon title={report.error.message} />
    );
  }
  const { report: data, computedAt } = report.data;
  return (
    <div className="results">
      <Header scope={scope} id={id} report={data} computedAt={computedAt} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'overview', label: text.overview, children: <Overview report={data} /> },
          { key: 'candidates', label: text.candidates, children: <Candidates scope={scope} id={id} report={data} /> },
          { key: 'items', label: text.items, children: data.scope === 'paper_version' ? <Items report={data} /> : <Versions report={data} intro={text.itemsPerVersion} /> },
          { key: 'grading', label: text.grading, children: <Grading report={data} /> },
        ]}
      />
    </div>
  );
}

function Header({ scope, id, report, computedAt }: { scope: Scope; id: string; report: Report; computedAt: string }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const [exporting, setExporting] = useState<'csv' | 'xlsx' | null>(null);
  const [notice, holder] = message.useMessage();
  const download = (format: 'csv' | 'xlsx') => {
    setExporting(format);
    downloadExport(scope, id, format)
      .catch((error: Error) => notice.error(`${text.exportFailed}: ${error.message}`))
      .finally(() => setExporting(null));
  };
  const version = report.scope === 'paper_version' ? report.versions.find((v) => v.id === report.scopeId) : undefined;
  return (
    <header className="results-header">
      {holder}
      <Breadcrumb
        className="no-print"
        items={[
          { title: <Link to="/staff/results">{text.results}</Link> },
          { title: version ? <Link to={`/staff/results/job-roles/${report.jobRole.id}`}>{report.jobRole.name}</Link> : report.jobRole.name },
          ...(version ? [{ title: text.version(version.version, version.title, version.attempts) }] : []),
        ]}
      />
      <div className="results-title">
        <div>
          <h1>
            {report.jobRole.name}
            {version && <small> · {text.version(version.version, version.title, version.attempts)}</small>}
          </h1>
          <p className="results-muted">{text.computedAt(dateTime(computedAt, locale))}</p>
        </div>
        <Space wrap className="no-print">
          <Button loading={exporting === 'csv'} onClick={() => download('csv')}>
            {text.exportCsv}
          </Button>
          <Button loading={exporting === 'xlsx'} onClick={() => download('xlsx')}>
            {text.exportXlsx}
          </Button>
        </Space>
      </div>
      {report.scope === 'job_role' && report.versions.length > 0 && <Versions report={report} intro={text.versions} />}
    </header>
  );
}

function Versions({ report, intro }: { report: Report; intro: string }) {
  const text = useText(TEXT);
  if (report.versions.length === 0) return <Empty />;
  return (
    <nav className="results-versions no-print" aria-label={text.versions}>
      <span>{intro}</span>
      {report.versions.map((v) => (
        <Link key={v.id} to={`/staff/results/paper-versions/${v.id}`}>
          <Tag color={TAG.info}>{text.version(v.version, v.title, v.attempts)}</Tag>
        </Link>
      ))}
    </nav>
  );
}
