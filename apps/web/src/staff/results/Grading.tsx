import { Card, Col, Descriptions, Empty, Progress, Row, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useLocale, useText, type Texts } from '../i18n';
import { Chart, type ChartOption } from './Chart';
import { ScrollRegion } from '../ui/ScrollRegion';
import { num, pct, TAG } from './format';
import type { GradingReport, Report } from './results-api';

type Band = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost_perfect' | 'good' | 'excellent';

const TEXT: Texts<{
  progress: string;
  progressReading: (resolved: number, answers: number) => string;
  awaiting: (n: number) => string;
  agreement: string;
  agreementReading: string;
  pairs: string;
  exact: string;
  within: string;
  third: string;
  arbitration: string;
  icc: string;
  questions: string;
  question: string;
  kappa: string;
  suggestion: string;
  assistedSafe: string;
  notYet: string;
  graders: string;
  grader: string;
  marks: string;
  meanVsTeam: string;
  leaning: string;
  leanings: Record<'lenient' | 'severe' | 'in_line', string>;
  middle: string;
  pace: string;
  reference: string;
  self: string;
  leaningChart: string;
  leaningReading: string;
  sdAxis: string;
  bands: Record<Band, string>;
  noGrading: string;
}> = {
  'zh-CN': {
    progress: '阅卷进度',
    progressReading: (resolved, answers) => `${answers} 份主观题答案中已有 ${resolved} 份定分。`,
    awaiting: (n) => `${n} 名考生的分数待阅卷完成后才计入分布和排名。`,
    agreement: '评分一致性',
    agreementReading: '双评答案中两位阅卷人给分的一致程度:通常要求容差内一致率 ≥ 90%;三评、仲裁比例高说明评分标准不清或有人偏离。',
    pairs: '双评份数',
    exact: '完全一致',
    within: '容差内一致',
    third: '三评率',
    arbitration: '仲裁率',
    icc: '组内相关 ICC',
    questions: '各题一致性',
    question: '题目',
    kappa: '加权 κ',
    suggestion: '机评建议',
    assistedSafe: '可用辅助双评',
    notYet: '数据不足',
    graders: '阅卷人',
    grader: '阅卷人',
    marks: '评分数',
    meanVsTeam: '平均给分 / 团队',
    leaning: '倾向',
    leanings: { lenient: '偏松', severe: '偏严', in_line: '正常' },
    middle: '居中给分比例',
    pace: '每小时评分',
    reference: '标准卷',
    self: '自评一致',
    leaningChart: '阅卷人宽严',
    leaningReading: '每个柱子是阅卷人平均给分与团队在同样题目上的差距(以团队标准差计):超出 ±0.5 虚线即偏松或偏严,需要校准。',
    sdAxis: '与团队的差距(标准差)',
    bands: { poor: '差', slight: '轻微', fair: '一般', moderate: '中等', substantial: '较强', almost_perfect: '几乎完全', good: '良好', excellent: '优秀' },
    noGrading: '这批考生没有主观题,不需要阅卷。',
  },
  en: {
    progress: 'Marking progress',
    progressReading: (resolved, answers) => `${resolved} of ${answers} open answers have a final mark.`,
    awaiting: (n) => `${n} candidates join the distribution and ranking once their marking is finished.`,
    agreement: 'Grader agreement',
    agreementReading: 'How often the two graders of a double-marked answer agree: the usual goal is at least 90% within tolerance; many third markings or arbitrations mean an unclear rubric or a grader who is off.',
    pairs: 'Double-marked',
    exact: 'Exact',
    within: 'Within tolerance',
    third: 'Third marking',
    arbitration: 'Arbitration',
    icc: 'ICC',
    questions: 'Per question',
    question: 'Question',
    kappa: 'Weighted κ',
    suggestion: 'Machine suggestion',
    assistedSafe: 'assisted double marking is safe',
    notYet: 'too few yet',
    graders: 'Graders',
    grader: 'Grader',
    marks: 'Marks',
    meanVsTeam: 'Mean / team',
    leaning: 'Leaning',
    leanings: { lenient: 'Lenient', severe: 'Severe', in_line: 'In line' },
    middle: 'Middle-band share',
    pace: 'Marks per hour',
    reference: 'Reference scripts',
    self: 'Self-agreement',
    leaningChart: 'Grader leniency',
    leaningReading: 'Each bar is how far a grader’s mean mark is from the team’s on the same questions, in team SDs: beyond the ±0.5 dashed lines is lenient or severe and needs a calibration talk.',
    sdAxis: 'Difference from the team (SD)',
    bands: { poor: 'poor', slight: 'slight', fair: 'fair', moderate: 'moderate', substantial: 'substantial', almost_perfect: 'almost perfect', good: 'good', excellent: 'excellent' },
    noGrading: 'These candidates had no open questions: there is nothing to mark.',
  },
};

export function Grading({ report }: { report: Report }) {
  const text = useText(TEXT);
  const grading = report.grading;
  if (!grading) return <Empty description={text.noGrading} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Card className="results-section" title={<h3 className="results-card-title">{text.progress}</h3>}>
          <Progress type="circle" percent={Math.round((100 * grading.resolved) / Math.max(1, grading.answers))} aria-label={text.progress} />
          <p className="gap">{text.progressReading(grading.resolved, grading.answers)}</p>
          {report.awaitingGrading > 0 && <p className="results-muted">{text.awaiting(report.awaitingGrading)}</p>}
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Agreement grading={grading} />
      </Col>
      <Col xs={24}>
        <Graders grading={grading} />
      </Col>
    </Row>
  );
}

function Agreement({ grading }: { grading: GradingReport }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const { agreement } = grading;
  const band = (b: Band | null) => (b ? `(${text.bands[b]})` : '');
  return (
    <Card className="results-section" title={<h3 className="results-card-title">{text.agreement}</h3>}>
      <p>{text.agreementReading}</p>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} key={locale}>
        <Descriptions.Item label={text.pairs}>{agreement.pairs}</Descriptions.Item>
        <Descriptions.Item label={text.exact}>{pct(agreement.exact)}</Descriptions.Item>
        <Descriptions.Item label={text.within}>{pct(agreement.withinTolerance)}</Descriptions.Item>
        <Descriptions.Item label={text.third}>{pct(agreement.thirdMarkingRate)}</Descriptions.Item>
        <Descriptions.Item label={text.arbitration}>{pct(agreement.arbitrationRate)}</Descriptions.Item>
        <Descriptions.Item label={text.icc}>
          {num(agreement.icc, 2)} {band(agreement.iccBand)}
        </Descriptions.Item>
      </Descriptions>
      <h4>{text.questions}</h4>
      <ScrollRegion className="results-scroll" label={text.questions}>
        <Table
          rowKey="questionId"
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={grading.questions}
          columns={[
            { key: 'stem', title: text.question, render: (_, q) => <span className="results-stem">{q.stem}</span> },
            { key: 'progress', title: text.progress, render: (_, q) => `${q.resolved} / ${q.answers}` },
            { key: 'within', title: text.within, render: (_, q) => pct(q.agreement.withinTolerance) },
            { key: 'kappa', title: text.kappa, render: (_, q) => `${num(q.agreement.kappa, 2)} ${band(q.agreement.kappaBand)}` },
            {
              key: 'suggestion',
              title: text.suggestion,
              render: (_, q) => (q.suggestion.assistedSafe ? <Tag color={TAG.good}>{text.assistedSafe}</Tag> : q.suggestion.answers === 0 ? text.notYet : `${pct(q.suggestion.withinTolerance)} · κ ${num(q.suggestion.kappa, 2)}`),
            },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}

function Graders({ grading }: { grading: GradingReport }) {
  const text = useText(TEXT);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 32, bottom: 32, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: text.sdAxis, nameLocation: 'middle', nameGap: 24, min: (v: { min: number }) => Math.min(-1, Math.floor(v.min)), max: (v: { max: number }) => Math.max(1, Math.ceil(v.max)) },
      yAxis: { type: 'category', inverse: true, data: grading.graders.map((g) => g.name), name: text.grader, nameLocation: 'start' },
      series: [
        {
          type: 'bar',
          data: grading.graders.map((g) => ({ value: g.standardisedDifference ?? 0, itemStyle: { color: g.leaning === 'lenient' ? '#52c41a' : g.leaning === 'severe' ? '#cf1322' : '#1677ff' } })),
          markLine: { symbol: 'none', silent: true, label: { show: false }, lineStyle: { type: 'dashed', color: '#8c8c8c' }, data: [{ xAxis: -0.5 }, { xAxis: 0.5 }] },
        },
      ],
    }),
    [grading.graders, text],
  );
  const checks = (c: GradingReport['graders'][number]['reference']) => (c.checks === 0 ? '–' : `${pct(c.withinTolerance)} (${c.checks})`);
  return (
    <Card className="results-section" title={<h3 className="results-card-title">{text.graders}</h3>}>
      {grading.graders.length > 0 && <Chart title={text.leaningChart} reading={text.leaningReading} option={option} height={80 + 36 * grading.graders.length} />}
      <ScrollRegion className="results-scroll" label={text.graders}>
        <Table
          rowKey="graderId"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={grading.graders}
          columns={[
            { key: 'name', dataIndex: 'name', title: text.grader },
            { key: 'marks', dataIndex: 'marks', title: text.marks },
            { key: 'mean', title: text.meanVsTeam, render: (_, g) => `${pct(g.mean)} / ${pct(g.teamMean)}` },
            { key: 'leaning', title: text.leaning, render: (_, g) => <Tag color={g.leaning === 'in_line' ? 'default' : g.leaning === 'lenient' ? TAG.good : TAG.bad}>{text.leanings[g.leaning]}</Tag> },
            { key: 'middle', title: text.middle, render: (_, g) => pct(g.middleBandShare) },
            { key: 'pace', title: text.pace, render: (_, g) => num(g.marksPerHour, 0) },
            { key: 'reference', title: text.reference, render: (_, g) => checks(g.reference) },
            { key: 'self', title: text.self, render: (_, g) => checks(g.selfAgreement) },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
