import { Alert, Card, Col, Descriptions, Empty, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { useLocale, useText, type Texts } from '../i18n';
import { Chart, type ChartOption } from './Chart';
import { FLAG_TEXT } from './flags';
import { num, pct, score } from './format';
import type { Report } from './results-api';

const TEXT: Texts<{
  candidates: string;
  awaiting: string;
  mean: string;
  median: string;
  passRate: string;
  completion: string;
  medianMinutes: string;
  minutes: string;
  funnel: string;
  funnelReading: string;
  step: string;
  steps: [string, string, string, string, string, string];
  people: string;
  ofInvited: string;
  dropOff: string;
  dropOffReading: (nothing: number) => string;
  reached: string;
  leftHere: string;
  section: string;
  histogram: string;
  histogramReading: (passLine: string, p25: string, p75: string) => string;
  passLine: (mark: string) => string;
  noPassMark: string;
  ownPassMarks: string;
  score: (unit: 'points' | 'percent') => string;
  passMark: string;
  competencies: string;
  competenciesReading: string;
  competency: string;
  meanScore: string;
  noCompetencies: string;
  reliability: string;
  alpha: string;
  sem: string;
  normGroup: string;
  tooSmall: (n: number) => string;
  alphaReading: (alpha: number | null) => string;
  semReading: (sem: string, gap: string) => string;
  roleReliability: string;
}> = {
  'zh-CN': {
    candidates: '已出分考生',
    awaiting: '待阅卷',
    mean: '平均分',
    median: '中位数',
    passRate: '通过率',
    completion: '完成率(交卷/开始)',
    medianMinutes: '用时中位数',
    minutes: '分钟',
    funnel: '招聘漏斗',
    funnelReading: '每一步还剩多少人:相邻两条差距大的地方就是流失最多的一步。',
    step: '步骤',
    steps: ['已邀请', '已打开', '已开始', '已交卷', '已阅完', '已通过'],
    people: '人数',
    ofInvited: '占邀请',
    dropOff: '各部分流失',
    dropOffReading: (nothing) => `浅色:到达该部分的人数;深色:在该部分停下、由截止时间自动交卷的人数。${nothing} 人一题未答。`,
    reached: '到达',
    leftHere: '在此停下',
    section: '部分',
    histogram: '分数分布',
    histogramReading: (passLine, p25, p75) => `每个柱子是一个分数段的人数;${passLine};虚线是第 25 和第 75 百分位(${p25} 与 ${p75})。`,
    passLine: (mark) => `红线是及格线 ${mark}`,
    noPassMark: '试卷未设及格线',
    ownPassMarks: '各试卷的及格线不同,不画统一的红线',
    score: (unit) => (unit === 'percent' ? '得分(%)' : '得分(分)'),
    passMark: '及格线',
    competencies: '考察点平均得分',
    competenciesReading: '全体已出分考生在每个考察点上的平均得分率(0–100):越短越薄弱。',
    competency: '考察点',
    meanScore: '平均得分率',
    noCompetencies: '题目还没有关联考察点:在题库里给题目加上考察点,这里就会出现能力画像。',
    reliability: '信度与测量误差',
    alpha: '内部一致性 α',
    sem: '测量标准误 SEM',
    normGroup: '常模人数',
    tooSmall: (n) => `常模只有 ${n} 人(少于 30):百分位和信度仅供参考,邀请更多考生后再下结论。`,
    alphaReading: (alpha) =>
      alpha === null
        ? 'α 需要至少 3 名已出分考生且分数有差异才能计算。'
        : alpha >= 0.9
          ? 'α ≥ 0.9:各题测的是同一种能力,分数相近的考生也能可靠排序。'
          : alpha >= 0.7
            ? 'α 在 0.7–0.9:排名有参考价值,但分数接近的考生不宜细分。'
            : 'α < 0.7:分数噪声较大,只能区分差距明显的考生。',
    semReading: (sem, gap) => `每个分数有约 ±${sem} 的误差(约 68% 把握真实分数在此区间内);两名考生相差不到 ${gap} 时无法区分高下(95%)。`,
    roleReliability: '岗位汇总了不同试卷,信度按试卷版本计算:请打开某个版本查看;每位考生的分数区间已按其试卷的误差换算为百分比。',
  },
  en: {
    candidates: 'Scored candidates',
    awaiting: 'Awaiting marking',
    mean: 'Mean',
    median: 'Median',
    passRate: 'Pass rate',
    completion: 'Completion (submitted / started)',
    medianMinutes: 'Median time',
    minutes: 'min',
    funnel: 'Hiring funnel',
    funnelReading: 'How many are left at each step: the biggest gap between two bars is where most people drop out.',
    step: 'Step',
    steps: ['Invited', 'Opened', 'Started', 'Submitted', 'Marked', 'Passed'],
    people: 'People',
    ofInvited: 'of invited',
    dropOff: 'Drop-off by section',
    dropOffReading: (nothing) => `Light: candidates who reached the section; dark: those who stopped there and were submitted by the deadline. ${nothing} answered nothing.`,
    reached: 'Reached',
    leftHere: 'Stopped here',
    section: 'Section',
    histogram: 'Score distribution',
    histogramReading: (passLine, p25, p75) => `Each bar counts the candidates in a score range; ${passLine}; the dashed lines are the 25th and 75th percentiles (${p25} and ${p75}).`,
    passLine: (mark) => `the red line is the pass mark ${mark}`,
    noPassMark: 'the paper has no pass mark',
    ownPassMarks: 'its papers have their own pass marks, so there is no single red line',
    score: (unit) => (unit === 'percent' ? 'Score (%)' : 'Score (points)'),
    passMark: 'Pass mark',
    competencies: 'Mean score per competency',
    competenciesReading: 'The mean score (0–100) of all scored candidates on each competency: the shorter, the weaker.',
    competency: 'Competency',
    meanScore: 'Mean score',
    noCompetencies: 'No question is tagged with a competency yet: tag questions in the bank to see the competency profile here.',
    reliability: 'Reliability and measurement error',
    alpha: 'Internal consistency α',
    sem: 'Standard error of measurement',
    normGroup: 'Norm group',
    tooSmall: (n) => `The norm group has only ${n} candidates (fewer than 30): take percentiles and reliability as a hint; invite more candidates before concluding.`,
    alphaReading: (alpha) =>
      alpha === null
        ? 'α needs at least 3 scored candidates whose scores differ.'
        : alpha >= 0.9
          ? 'α ≥ 0.9: the questions measure one thing; even close scores rank reliably.'
          : alpha >= 0.7
            ? 'α between 0.7 and 0.9: the ranking is worth something, but do not split close scores.'
            : 'α < 0.7: scores are noisy; only clearly different candidates can be told apart.',
    semReading: (sem, gap) => `Each score is uncertain by about ±${sem} (about 68% confidence the true score is inside); two candidates closer than ${gap} cannot be told apart (95%).`,
    roleReliability: "A job role mixes papers, so reliability is per paper version: open a version to see it; each candidate's band already uses their own paper's error, in percent.",
  },
};

const COLOURS = { main: '#1677ff', light: '#91caff', dark: '#0958d9', pass: '#cf1322', muted: '#8c8c8c', candidate: '#fa8c16' };

export function Overview({ report }: { report: Report }) {
  const text = useText(TEXT);
  const { scores, funnel } = report;
  return (
    <>
      <Row gutter={[16, 16]} className="results-section">
        <Col xs={12} md={6}>
          <Statistic title={text.candidates} value={scores.candidates} suffix={report.awaitingGrading > 0 ? `(+${report.awaitingGrading} ${text.awaiting})` : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={text.mean} value={score(scores.mean, scores.unit)} suffix={scores.unit === 'points' ? `/ ${num(scores.max)}` : undefined} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={text.passRate} value={pct(scores.passRate)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={text.medianMinutes} value={num(funnel.medianMinutes)} suffix={text.minutes} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card className="results-section">
            <FunnelChart report={report} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card className="results-section">
            <HistogramChart report={report} />
          </Card>
        </Col>
        {funnel.dropOff && (
          <Col xs={24} lg={12}>
            <Card className="results-section">
              <DropOffChart dropOff={funnel.dropOff} />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card className="results-section">
            <CompetencyChart report={report} />
          </Card>
        </Col>
        <Col xs={24}>
          <ReliabilityCard report={report} />
        </Col>
      </Row>
    </>
  );
}

function FunnelChart({ report }: { report: Report }) {
  const text = useText(TEXT);
  const { funnel } = report;
  const option = useMemo<ChartOption>(() => {
    const counts = [funnel.invited, funnel.opened, funnel.started, funnel.submitted, funnel.graded, funnel.passed];
    return {
      grid: { left: 8, right: 90, top: 32, bottom: 32, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: text.people, nameLocation: 'middle', nameGap: 24, minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: text.steps, name: text.step, nameLocation: 'start' },
      series: [
        {
          type: 'bar',
          name: text.people,
          data: counts,
          itemStyle: { color: COLOURS.main },
          label: { show: true, position: 'right', formatter: ({ value }) => `${String(value)}(${pct(funnel.invited > 0 ? Number(value) / funnel.invited : null)})` },
        },
      ],
    };
  }, [funnel, text]);
  return <Chart title={text.funnel} reading={text.funnelReading} option={option} height={280} />;
}

function DropOffChart({ dropOff }: { dropOff: NonNullable<Report['funnel']['dropOff']> }) {
  const text = useText(TEXT);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 40, bottom: 32, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'category', data: dropOff.sections.map((s) => s.title), name: text.section, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', name: text.people, minInterval: 1 },
      series: [
        { type: 'bar', name: text.reached, data: dropOff.sections.map((s) => s.reached), itemStyle: { color: COLOURS.light } },
        { type: 'bar', name: text.leftHere, data: dropOff.sections.map((s) => s.leftHere), itemStyle: { color: COLOURS.dark } },
      ],
    }),
    [dropOff, text],
  );
  return <Chart title={text.dropOff} reading={text.dropOffReading(dropOff.answeredNothing)} option={option} />;
}

/** The histogram on a value axis (bars at the bins' centres), so the pass mark and percentiles sit where they belong. */
export function HistogramChart({ report, height, marker }: { report: Pick<Report, 'scores'>; height?: number; marker?: { value: number; label: string; reading: string } }) {
  const text = useText(TEXT);
  const { scores } = report;
  const { p25, p75 } = scores.percentiles;
  const option = useMemo<ChartOption>(() => {
    const width = scores.histogram.length > 0 ? scores.max / scores.histogram.length : 1;
    const lines = [
      ...(scores.passMark !== null ? [{ xAxis: scores.passMark, name: text.passMark, lineStyle: { color: COLOURS.pass, type: 'solid' as const, width: 2 }, label: { formatter: `${text.passMark} ${score(scores.passMark, scores.unit)}` } }] : []),
      ...[
        ['P25', p25],
        ['P75', p75],
      ].flatMap(([name, value]) => (typeof value === 'number' ? [{ xAxis: value, name: String(name), lineStyle: { color: COLOURS.muted, type: 'dashed' as const }, label: { formatter: `${String(name)} ${score(value, scores.unit)}` } }] : [])),
      ...(marker ? [{ xAxis: marker.value, name: marker.label, lineStyle: { color: COLOURS.candidate, type: 'solid' as const, width: 3 }, label: { formatter: marker.label, position: 'insideEndTop' as const } }] : []),
    ];
    return {
      grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
      tooltip: { trigger: 'item', formatter: (params) => {
          const [centre, count] = (Array.isArray(params) ? params[0] : params).value as [number, number];
          return `${score(centre - width / 2, scores.unit)}–${score(centre + width / 2, scores.unit)}: ${count}`;
        },
      },
      xAxis: { type: 'value', min: 0, max: scores.max, interval: width, name: text.score(scores.unit), nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: (v: number) => num(v), hideOverlap: true } },
      yAxis: { type: 'value', name: text.people, minInterval: 1 },
      series: [
        {
          type: 'bar',
          barWidth: '92%',
          data: scores.histogram.map((bin) => [(bin.from + bin.to) / 2, bin.count]),
          itemStyle: { color: COLOURS.main },
          markLine: { symbol: 'none', silent: true, data: lines },
        },
      ],
    };
  }, [scores, p25, p75, text, marker]);
  // A role mixes papers: each candidate passes against their own paper's mark, so there is no one line.
  const passLine = scores.passMark !== null ? text.passLine(score(scores.passMark, scores.unit)) : scores.unit === 'percent' ? text.ownPassMarks : text.noPassMark;
  const reading = text.histogramReading(passLine, score(p25, scores.unit), score(p75, scores.unit));
  return <Chart title={text.histogram} reading={marker ? `${marker.reading} ${reading}` : reading} option={option} height={height} />;
}

function CompetencyChart({ report }: { report: Report }) {
  const text = useText(TEXT);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 40, top: 32, bottom: 32, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', min: 0, max: 100, name: text.meanScore, nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', inverse: true, data: report.competencies.map((c) => c.competency), name: text.competency, nameLocation: 'start' },
      series: [{ type: 'bar', data: report.competencies.map((c) => c.mean), itemStyle: { color: COLOURS.main }, label: { show: true, position: 'right', formatter: ({ value }) => num(Number(value)) } }],
    }),
    [report.competencies, text],
  );
  if (report.competencies.length === 0) return <Empty description={text.noCompetencies} />;
  return <Chart title={text.competencies} reading={text.competenciesReading} option={option} height={Math.max(200, 60 + 36 * report.competencies.length)} />;
}

function ReliabilityCard({ report }: { report: Report }) {
  const text = useText(TEXT);
  const flags = useText(FLAG_TEXT);
  const { reliability, scores } = report;
  const { locale } = useLocale();
  return (
    <Card className="results-section" title={<h3 className="results-card-title">{text.reliability}</h3>}>
      {reliability.tooSmallToRelyOn && <Alert className="gap-bottom" type="info" showIcon title={text.tooSmall(reliability.normGroupSize)} />}
      {report.scope === 'job_role' ? (
        <p>{text.roleReliability}</p>
      ) : (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} key={locale}>
            <Descriptions.Item label={text.alpha}>{num(reliability.alpha, 2)}</Descriptions.Item>
            <Descriptions.Item label={text.sem}>±{score(reliability.sem, scores.unit)}</Descriptions.Item>
            <Descriptions.Item label={text.normGroup}>{reliability.normGroupSize}</Descriptions.Item>
          </Descriptions>
          <p>{text.alphaReading(reliability.alpha)}</p>
          {reliability.sem !== null && <p>{text.semReading(score(reliability.sem, scores.unit), score(1.96 * Math.SQRT2 * reliability.sem, scores.unit))}</p>}
        </>
      )}
      {reliability.flags.map((flag) => (
        <Alert key={flag.code} type="warning" showIcon title={flags[flag.code].name} description={flags[flag.code].advice} />
      ))}
    </Card>
  );
}
