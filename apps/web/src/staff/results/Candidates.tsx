import { Alert, Button, Card, Input, Space, Table, Tag, type TableColumnsType, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useText, type Texts } from '../i18n';
import { Chart, type ChartOption } from './Chart';
import { num, score, TAG } from './format';
import { ScoreBand } from './ScoreBand';
import { ScrollRegion } from '../ui/ScrollRegion';
import { MAX_COMPARED, mergeSelection } from './selection';
import { useCandidates, useComparison, type CandidateQuery, type CandidateRow, type Comparison, type Report, type Scope } from './results-api';

const TEXT: Texts<{
  search: string;
  rank: string;
  name: string;
  email: string;
  status: string;
  score: string;
  band: string;
  percentile: string;
  minutes: string;
  integrity: string;
  report: string;
  total: (n: number) => string;
  statuses: Record<string, string>;
  compare: (n: number) => string;
  compareHint: string;
  comparison: string;
  bands: string;
  bandsReading: string;
  scoreAxis: (unit: 'points' | 'percent') => string;
  candidate: string;
  pairs: string;
  difference: string;
  result: string;
  results: Record<'higher' | 'lower' | 'not_distinguishable', string>;
  noBand: string;
  pairReading: (sem: string) => string;
  radar: string;
  radarReading: string;
  cohort: string;
  clear: string;
  noMatch: string;
}> = {
  'zh-CN': {
    search: '按姓名或邮箱搜索',
    rank: '排名',
    name: '姓名',
    email: '邮箱',
    status: '状态',
    score: '得分(区间)',
    band: '分数区间',
    percentile: '百分位',
    minutes: '用时(分)',
    integrity: '异常行为',
    report: '报告',
    total: (n) => `共 ${n} 人`,
    statuses: { scored: '已出分', graded: '已阅完', awaiting_grading: '待阅卷' },
    compare: (n) => `对比所选 ${n} 人`,
    compareHint: '勾选 2–10 名考生即可对比。',
    comparison: '考生对比',
    bands: '分数与误差区间',
    bandsReading: '圆点是得分,浅色条是误差区间(得分 ± SEM):两条区间大幅重叠的考生,分数差异可能只是测量误差。',
    scoreAxis: (unit) => (unit === 'percent' ? '得分(%)' : '得分(分)'),
    candidate: '考生',
    pairs: '两两比较',
    difference: '分差',
    result: '结论',
    results: { higher: '前者更高', lower: '前者更低', not_distinguishable: '无法区分' },
    noBand: '未出分或误差未知',
    pairReading: (sem) => `分差小于 1.96 × √2 × SEM(约 ${sem})时判为"无法区分":这样的差距很可能来自测量误差,不应据此取舍。`,
    radar: '考察点雷达',
    radarReading: '每条线是一名考生在各考察点的得分率(0–100),灰色虚线是全体平均:向外凸出是强项,向内凹是短板。',
    cohort: '全体平均',
    clear: '清除选择',
    noMatch: '没有符合搜索的考生:换个关键词,或清空搜索框。',
  },
  en: {
    search: 'Search by name or email',
    rank: 'Rank',
    name: 'Name',
    email: 'Email',
    status: 'Status',
    score: 'Score (band)',
    band: 'Score band',
    percentile: 'Percentile',
    minutes: 'Minutes',
    integrity: 'Integrity events',
    report: 'Report',
    total: (n) => `${n} candidates`,
    statuses: { scored: 'Scored', graded: 'Marked', awaiting_grading: 'Awaiting marking' },
    compare: (n) => `Compare the ${n} selected`,
    compareHint: 'Tick 2 to 10 candidates to compare them.',
    comparison: 'Comparison',
    bands: 'Scores and their bands',
    bandsReading: 'The dot is the score, the light bar its band (score ± SEM): when two bands overlap a lot, the difference may be measurement error.',
    scoreAxis: (unit) => (unit === 'percent' ? 'Score (%)' : 'Score (points)'),
    candidate: 'Candidate',
    pairs: 'Pair by pair',
    difference: 'Difference',
    result: 'Verdict',
    results: { higher: 'first is higher', lower: 'first is lower', not_distinguishable: 'not distinguishable' },
    noBand: 'not scored or error unknown',
    pairReading: (sem) => `A difference below 1.96 × √2 × SEM (about ${sem}) reads "not distinguishable": it is probably measurement error; do not choose on it.`,
    radar: 'Competency radar',
    radarReading: 'Each line is one candidate’s score (0–100) per competency, the grey dashed line the cohort mean: outward is a strength, inward a gap.',
    cohort: 'Cohort mean',
    clear: 'Clear selection',
    noMatch: 'No candidate matches the search: try other words, or clear the search box.',
  },
};

const SORTABLE = new Set(['rank', 'name', 'minutes', 'integrityEvents']);
const PALETTE = ['#1677ff', '#fa8c16', '#52c41a', '#eb2f96', '#722ed1', '#13c2c2', '#faad14', '#2f54eb', '#a0d911', '#f5222d'];

/** The report's unit: a version scores in points, a role in percent of each candidate's own paper. */
export const scoreOf = (row: CandidateRow, unit: 'points' | 'percent') => (unit === 'points' ? row.points : row.percent);

export function Candidates({ scope, id, report }: { scope: Scope; id: string; report: Report }) {
  const text = useText(TEXT);
  const [query, setQuery] = useState<CandidateQuery & { page: number; pageSize: number }>({ page: 1, pageSize: 20, sort: 'rank', order: 'asc' });
  const [selected, setSelected] = useState<CandidateRow[]>([]);
  const [compared, setCompared] = useState<string[]>([]);
  const page = useCandidates(scope, id, query);
  const { unit, max } = report.scores;

  const columns: TableColumnsType<CandidateRow> = [
    { key: 'rank', dataIndex: 'rank', title: text.rank, sorter: true, width: 80, render: (rank: number | null) => rank ?? '–' },
    { key: 'name', dataIndex: 'name', title: text.name, sorter: true, render: (name: string, row) => <Link to={`candidates/${row.attemptId}`}>{name}</Link> },
    { key: 'email', dataIndex: 'email', title: text.email, responsive: ['lg'] },
    { key: 'status', dataIndex: 'status', title: text.status, render: (status: string) => <Tag color={status === 'awaiting_grading' ? TAG.warn : TAG.good}>{text.statuses[status] ?? status}</Tag> },
    { key: 'score', title: text.score, render: (_, row) => <ScoreBand value={scoreOf(row, unit)} band={row.band} max={max} unit={unit} label={text.band} />, width: 220 },
    { key: 'percentile', dataIndex: 'percentile', title: text.percentile, render: (p: number | null) => num(p, 0) },
    { key: 'minutes', dataIndex: 'minutes', title: text.minutes, sorter: true, responsive: ['md'], render: (m: number | null) => num(m) },
    { key: 'integrityEvents', dataIndex: 'integrityEvents', title: text.integrity, sorter: true, responsive: ['md'], render: (n: number) => (n > 0 ? <Tag color={TAG.warn}>{n}</Tag> : 0) },
  ];

  const onChange: TableProps<CandidateRow>['onChange'] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = String(one.columnKey ?? 'rank');
    const sort = (one.order && SORTABLE.has(key) ? key : 'rank') as NonNullable<CandidateQuery['sort']>;
    setQuery((q) => ({ ...q, page: pagination.current ?? 1, pageSize: pagination.pageSize ?? q.pageSize, sort, order: one.order === 'descend' ? 'desc' : 'asc' }));
  };

  return (
    <>
      <Space wrap className="gap-bottom no-print">
        <Input.Search allowClear placeholder={text.search} aria-label={text.search} onSearch={(q) => setQuery((old) => ({ ...old, q: q || undefined, page: 1 }))} style={{ width: 280 }} />
        <Button type="primary" disabled={selected.length < 2} onClick={() => setCompared(selected.map((r) => r.attemptId))}>
          {text.compare(selected.length)}
        </Button>
        {selected.length > 0 && <Button onClick={() => setSelected([])}>{text.clear}</Button>}
        <span className="results-muted">{text.compareHint}</span>
      </Space>
      <Table<CandidateRow>
        rowKey="attemptId"
        size="middle"
        columns={columns}
        dataSource={page.data?.items}
        loading={page.isFetching}
        locale={{ emptyText: query.q ? text.noMatch : undefined }}
        scroll={{ x: 'max-content' }}
        onChange={onChange}
        rowSelection={{
          selectedRowKeys: selected.map((r) => r.attemptId),
          preserveSelectedRowKeys: true,
          // Comparing is for a few chosen candidates (at most ten): no "select the whole page".
          hideSelectAll: true,
          onChange: (_keys, rows) => setSelected((old) => mergeSelection(old, rows, page.data?.items ?? [])),
          getCheckboxProps: (row) => ({ disabled: selected.length >= MAX_COMPARED && !selected.some((s) => s.attemptId === row.attemptId), 'aria-label': row.name }),
        }}
        pagination={{ current: query.page, pageSize: query.pageSize, total: page.data?.total ?? 0, showSizeChanger: true, showTotal: text.total }}
      />
      {compared.length >= 2 && <ComparisonCard scope={scope} id={id} report={report} attemptIds={compared} />}
    </>
  );
}

function ComparisonCard({ scope, id, report, attemptIds }: { scope: Scope; id: string; report: Report; attemptIds: string[] }) {
  const text = useText(TEXT);
  const comparison = useComparison(scope, id, attemptIds);
  return (
    <Card className="results-section gap" title={<h3 className="results-card-title">{text.comparison}</h3>} loading={comparison.isPending}>
      {comparison.error && <Alert type="error" showIcon title={comparison.error.message} />}
      {comparison.data && <ComparisonBody comparison={comparison.data} report={report} />}
    </Card>
  );
}

const labelOf = (row: CandidateRow) => `${row.rank ?? '–'}. ${row.name}`;

function ComparisonBody({ comparison, report }: { comparison: Comparison; report: Report }) {
  const text = useText(TEXT);
  const { unit, candidates } = comparison;
  const max = report.scores.max;
  const byId = new Map(candidates.map((c) => [c.attemptId, c]));

  const bands = useMemo<ChartOption>(() => {
    const names = candidates.map(labelOf);
    return {
      grid: { left: 8, right: 24, top: 32, bottom: 32, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', min: 0, max, name: text.scoreAxis(unit), nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', inverse: true, data: names, name: text.candidate, nameLocation: 'start' },
      series: [
        // The band as a bar from its low end: an invisible bar up to it, the band stacked on top (within 0…max, as ScoreBand).
        { type: 'bar', stack: 'band', silent: true, itemStyle: { color: 'transparent' }, data: candidates.map((c) => (c.band ? Math.max(0, c.band.low) : 0)), tooltip: { show: false } },
        { type: 'bar', stack: 'band', name: text.band, itemStyle: { color: '#bae0ff' }, data: candidates.map((c) => (c.band ? Math.min(max, c.band.high) - Math.max(0, c.band.low) : 0)), barWidth: 14 },
        { type: 'scatter', name: text.score, symbolSize: 12, itemStyle: { color: '#0958d9' }, data: candidates.map((c, i) => [scoreOf(c, unit) ?? 0, i]) },
      ],
    };
  }, [candidates, max, unit, text]);

  const radar = useMemo<ChartOption>(() => {
    const names = report.competencies.map((c) => c.competency);
    return {
      legend: { bottom: 0, type: 'plain' },
      tooltip: { trigger: 'item' },
      radar: { indicator: names.map((name) => ({ name, max: 100 })), radius: '62%' },
      series: [
        {
          type: 'radar',
          data: [
            { name: text.cohort, value: report.competencies.map((c) => c.mean ?? 0), lineStyle: { type: 'dashed', color: '#8c8c8c' }, itemStyle: { color: '#8c8c8c' } },
            ...candidates.map((c, i) => ({
              name: labelOf(c),
              value: names.map((n) => c.competencies.find((x) => x.competency === n)?.score ?? 0),
              itemStyle: { color: PALETTE[i % PALETTE.length] },
              lineStyle: { color: PALETTE[i % PALETTE.length] },
            })),
          ],
        },
      ],
    };
  }, [candidates, report.competencies, text]);

  return (
    <>
      <Chart title={text.bands} reading={text.bandsReading} option={bands} height={80 + 40 * candidates.length} />
      <h3>{text.pairs}</h3>
      <p className="results-muted">{comparison.sem !== null ? text.pairReading(score(1.96 * Math.SQRT2 * comparison.sem, unit)) : text.pairReading('±SEM')}</p>
      <ScrollRegion className="results-scroll" label={text.pairs}>
        <Table
          rowKey={(p) => `${p.first}-${p.second}`}
          size="small"
          pagination={false}
          dataSource={comparison.pairs}
          columns={[
            { key: 'first', title: `${text.candidate} A`, render: (_, p) => labelOf(byId.get(p.first) as CandidateRow) },
            { key: 'second', title: `${text.candidate} B`, render: (_, p) => labelOf(byId.get(p.second) as CandidateRow) },
            { key: 'difference', title: text.difference, render: (_, p) => score(p.difference, unit) },
            {
              key: 'result',
              title: text.result,
              render: (_, p) =>
                p.result === null ? <span className="results-muted">{text.noBand}</span> : <Tag color={p.result === 'not_distinguishable' ? 'default' : TAG.info}>{text.results[p.result]}</Tag>,
            },
          ]}
        />
      </ScrollRegion>
      {report.competencies.length > 0 && <div className="gap" />}
      {report.competencies.length > 0 && <Chart title={text.radar} reading={text.radarReading} option={radar} height={380} />}
    </>
  );
}
