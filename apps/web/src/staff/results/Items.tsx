import { Alert, Card, Descriptions, Empty, Progress, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useLocale, useText, type Texts } from '../i18n';
import { Chart, type ChartOption } from './Chart';
import { FLAG_TEXT } from './flags';
import { num, pct, seconds, TAG } from './format';
import type { ItemReport, Report } from './results-api';

const TEXT: Texts<{
  items: string;
  itemsReading: string;
  basedOn: (n: number) => string;
  question: string;
  section: string;
  facility: string;
  discrimination: string;
  efficiency: string;
  upperLower: string;
  weight: string;
  flags: string;
  ok: string;
  options: string;
  blank: (n: number, answered: number) => string;
  correct: string;
  quiz: string;
  figures: Record<'mean' | 'median' | 'sd' | 'skewness' | 'kurtosis' | 'cic' | 'errorRatio' | 'standardError', string>;
  noItems: string;
  times: string;
  timesReading: string;
  seconds: string;
  noTimes: string;
  types: Record<string, string>;
}> = {
  'zh-CN': {
    items: '题目分析',
    itemsReading: '得分率(难度)在 0.2–0.8 之间、区分度高于 20 的题目最能区分考生;被标记的题目附有处理建议。展开一行可看各选项的选择比例。',
    basedOn: (n) => `基于 ${n} 份已评分作答(含待阅卷者的客观题)。`,
    question: '题目',
    section: '部分',
    facility: '得分率',
    discrimination: '区分度',
    efficiency: '区分效率',
    upperLower: '高低分组差',
    weight: '有效/设定权重',
    flags: '标记与建议',
    ok: '正常',
    options: '选项选择比例',
    blank: (n, answered) => `${answered} 人作答,${n} 人未答。`,
    correct: '正确答案',
    quiz: '整卷统计',
    figures: { mean: '平均分', median: '中位数', sd: '标准差', skewness: '偏度', kurtosis: '峰度', cic: '内部一致性 (cic, α)', errorRatio: '误差比', standardError: '标准误' },
    noItems: '没有所有考生都作答过的客观题(随机抽题的题目不参与分析)。',
    times: '每题用时',
    timesReading: '每道题从上一次作答到本题首次保存的时间中位数:明显偏长的题目可能题干太长或太难。',
    seconds: '秒',
    noTimes: '还没有记录到作答时间。',
    types: { single_choice: '单选', multiple_choice: '多选', true_false: '判断', fill_blank: '填空' },
  },
  en: {
    items: 'Item analysis',
    itemsReading: 'Questions with a facility between 0.2 and 0.8 and a discrimination above 20 separate candidates best; flagged ones carry what to do. Expand a row for the option shares.',
    basedOn: (n) => `From ${n} scored attempts (objective questions of those awaiting marking included).`,
    question: 'Question',
    section: 'Section',
    facility: 'Facility',
    discrimination: 'Discrimination',
    efficiency: 'Disc. efficiency',
    upperLower: 'Upper-lower',
    weight: 'Effective / intended weight',
    flags: 'Flags and advice',
    ok: 'OK',
    options: 'Option shares',
    blank: (n, answered) => `${answered} answered, ${n} left it blank.`,
    correct: 'key',
    quiz: 'Whole paper',
    figures: { mean: 'Mean', median: 'Median', sd: 'SD', skewness: 'Skewness', kurtosis: 'Kurtosis', cic: 'Internal consistency (cic, α)', errorRatio: 'Error ratio', standardError: 'Standard error' },
    noItems: 'No objective question was answered by every candidate (randomly drawn questions are left out).',
    times: 'Time per question',
    timesReading: 'Median time from the previous answer to this question’s first save: a much longer bar may mean a long stem or a hard question.',
    seconds: 'seconds',
    noTimes: 'No answer times recorded yet.',
    types: { single_choice: 'Single choice', multiple_choice: 'Multiple choice', true_false: 'True/false', fill_blank: 'Fill in' },
  },
};

export function Items({ report }: { report: Report }) {
  const text = useText(TEXT);
  const flags = useText(FLAG_TEXT);
  const items = report.items;
  const columns: TableColumnsType<ItemReport> = [
    { key: 'n', title: '#', width: 48, render: (_, _q, i) => i + 1 },
    {
      key: 'stem',
      title: text.question,
      render: (_, q) => (
        <div className="results-stem">
          <div>{q.stem}</div>
          <small className="results-muted">
            {q.sectionTitle} · {text.types[q.type] ?? q.type}
          </small>
        </div>
      ),
    },
    { key: 'facility', title: text.facility, render: (_, q) => <Progress aria-label={`${text.facility} ${num(q.facility, 2)}`} percent={Math.round((q.facility ?? 0) * 100)} size="small" format={() => num(q.facility, 2)} status={q.facility !== null && (q.facility < 0.2 || q.facility > 0.8) ? 'exception' : 'normal'} /> },
    { key: 'discrimination', title: text.discrimination, render: (_, q) => num(q.discriminationIndex, 0) },
    { key: 'efficiency', title: text.efficiency, responsive: ['md'], render: (_, q) => num(q.discriminativeEfficiency, 0) },
    { key: 'upperLower', title: text.upperLower, responsive: ['md'], render: (_, q) => num(q.upperLowerIndex, 2) },
    { key: 'weight', title: text.weight, responsive: ['lg'], render: (_, q) => `${num(q.effectiveWeight, 0)}% / ${num(q.intendedWeight, 0)}%` },
    {
      key: 'flags',
      title: text.flags,
      width: 320,
      render: (_, q) =>
        q.flags.length === 0 ? (
          <Tag color={TAG.good}>{text.ok}</Tag>
        ) : (
          <Space direction="vertical" size={4}>
            {q.flags.map((flag) => (
              <div key={flag.code}>
                <Tag color={flag.code === 'negative_discrimination' ? TAG.bad : TAG.warn}>{flags[flag.code].name}</Tag>
                <span className="results-advice">{flags[flag.code].advice}</span>
              </div>
            ))}
          </Space>
        ),
    },
  ];
  return (
    <>
      <Card className="results-section" title={<h3 className="results-card-title">{text.items}</h3>}>
        <p>{text.itemsReading}</p>
        {items === null ? (
          <Empty description={text.noItems} />
        ) : (
          <>
            <p className="results-muted">{text.basedOn(items.attempts)}</p>
            <Table<ItemReport>
              rowKey="questionId"
              size="small"
              columns={columns}
              dataSource={items.questions}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              expandable={{ rowExpandable: (q) => q.responses !== null, expandedRowRender: (q) => <Responses question={q} /> }}
            />
            <QuizFigures quiz={items.quiz} />
          </>
        )}
      </Card>
      <Card className="results-section gap">
        <QuestionTimes report={report} />
      </Card>
    </>
  );
}

function Responses({ question }: { question: ItemReport }) {
  const text = useText(TEXT);
  const responses = question.responses;
  if (!responses) return null;
  return (
    <div className="results-responses">
      <strong>{text.options}</strong>
      {responses.options.map((o) => (
        <div key={o.key} className="results-option">
          <span>
            {o.key}
            {o.correct && <Tag color={TAG.good}>{text.correct}</Tag>}
          </span>
          <Progress aria-label={`${o.key}: ${o.count} (${pct(o.share)})`} percent={Math.round(o.share * 100)} size="small" format={() => `${o.count} (${pct(o.share)})`} strokeColor={o.correct ? '#52c41a' : undefined} />
        </div>
      ))}
      <small className="results-muted">{text.blank(responses.blank, responses.answered)}</small>
    </div>
  );
}

function QuizFigures({ quiz }: { quiz: NonNullable<Report['items']>['quiz'] }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  return (
    <Descriptions className="gap" size="small" title={text.quiz} column={{ xs: 2, md: 4 }} key={locale}>
      <Descriptions.Item label={text.figures.mean}>{num(quiz.mean)}</Descriptions.Item>
      <Descriptions.Item label={text.figures.median}>{num(quiz.median)}</Descriptions.Item>
      <Descriptions.Item label={text.figures.sd}>{num(quiz.standardDeviation, 2)}</Descriptions.Item>
      <Descriptions.Item label={text.figures.skewness}>{num(quiz.skewness, 2)}</Descriptions.Item>
      <Descriptions.Item label={text.figures.kurtosis}>{num(quiz.kurtosis, 2)}</Descriptions.Item>
      <Descriptions.Item label={text.figures.cic}>{quiz.cic === null ? '–' : `${num(quiz.cic)}%`}</Descriptions.Item>
      <Descriptions.Item label={text.figures.errorRatio}>{quiz.errorRatio === null ? '–' : `${num(quiz.errorRatio)}%`}</Descriptions.Item>
      <Descriptions.Item label={text.figures.standardError}>{num(quiz.standardError, 2)}</Descriptions.Item>
    </Descriptions>
  );
}

function QuestionTimes({ report }: { report: Report }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const times = report.questionTimes;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 32, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const [first] = params as { dataIndex: number }[];
          const t = times[first.dataIndex];
          return `${first.dataIndex + 1}. ${t.stem.slice(0, 40)}<br/>${seconds(t.medianSeconds, locale)} (n = ${t.answered})`;
        },
      },
      xAxis: { type: 'category', data: times.map((_, i) => String(i + 1)), name: text.question, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', name: text.seconds },
      series: [{ type: 'bar', data: times.map((t) => t.medianSeconds), itemStyle: { color: '#13c2c2' } }],
    }),
    [times, text, locale],
  );
  if (times.every((t) => t.medianSeconds === null)) return <Alert type="info" showIcon title={text.times} description={text.noTimes} />;
  return <Chart title={text.times} reading={text.timesReading} option={option} />;
}
