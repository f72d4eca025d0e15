import { Alert, Button, Card, Col, Descriptions, Empty, message, Result, Row, Space, Spin, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ProblemError } from '../../api/client';
import { useLocale, useText } from '../i18n';
import { TEXT } from './candidate-report-text';
import { Chart, type ChartOption } from './Chart';
import { dateTime, num, pct, score, seconds, TAG } from './format';
import { HistogramChart } from './Overview';
import { ScoreBand } from './ScoreBand';
import { downloadCandidatePdf, isScope, useCandidateReport, useReport, type CandidateReport as CandidateReportData, type Report, type Scope } from './results-api';

/**
 * One candidate's report, laid out to print (docs/web.md "Results"): the print stylesheet hides the
 * menus and buttons, keeps each block on one page and draws the charts at paper width. "Download
 * PDF" fetches the PDF the API writes (docs/analytics.md). Staff only: the page shows scores, never
 * answers or keys.
 */
export function CandidateReport() {
  const { scope, id = '', attemptId = '' } = useParams();
  const text = useText(TEXT);
  if (!isScope(scope)) return <Result status="404" title={text.notFound} extra={<Link to="/staff/results">{text.back}</Link>} />;
  return <ReportPage scope={scope} id={id} attemptId={attemptId} />;
}

function ReportPage({ scope, id, attemptId }: { scope: Scope; id: string; attemptId: string }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const data = useCandidateReport(scope, id, attemptId);
  // Question stems and the cohort's median times live in the report of the candidate's paper version.
  const version = useReport('paper-versions', data.data?.candidate.paperVersionId ?? '', data.isSuccess);
  const name = data.data?.candidate.name;
  const [downloading, setDownloading] = useState(false);
  const [notice, holder] = message.useMessage();
  const downloadPdf = () => {
    setDownloading(true);
    downloadCandidatePdf(scope, id, attemptId, locale)
      .catch((error: Error) => notice.error(`${text.pdfFailed}: ${error.message}`))
      .finally(() => setDownloading(false));
  };

  useEffect(() => {
    if (!name) return;
    // The browser names the PDF after the page title.
    const before = document.title;
    document.title = `${name} · ${text.report}`;
    return () => {
      document.title = before;
    };
  }, [name, text.report]);

  if (data.isPending) return <Spin />;
  if (data.error) {
    const missing = data.error instanceof ProblemError && data.error.problem.status === 404;
    return <Result status={missing ? 'info' : 'error'} title={missing ? text.missing : data.error.message} extra={<Link to={`/staff/results/${scope}/${id}?tab=candidates`}>{text.back}</Link>} />;
  }
  const { candidate, report, computedAt } = data.data;
  return (
    <article className="results candidate-report">
      {holder}
      <Space wrap className="no-print gap-bottom">
        <Link to={`/staff/results/${scope}/${id}?tab=candidates`}>{text.back}</Link>
        <Button onClick={() => window.print()}>{text.print}</Button>
        <Button type="primary" loading={downloading} onClick={downloadPdf} title={text.pdfHint}>
          {text.pdf}
        </Button>
        <span className="results-muted">{text.pdfHint}</span>
      </Space>
      <header className="results-title">
        <div>
          <h1>
            {candidate.name} <small>{candidate.email}</small>
          </h1>
          <p>
            {text.report} · {report.jobRole.name} · {report.title}
          </p>
        </div>
        <Tag color={candidate.final ? TAG.good : TAG.warn}>{text.statuses[candidate.status] ?? candidate.status}</Tag>
      </header>
      <ScoreBlock data={data.data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card className="results-section">
            <CompetencyRadar data={data.data} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card className="results-section" title={<h2 className="results-card-title">{text.sections}</h2>}>
            <Table
              rowKey="sectionId"
              size="small"
              pagination={false}
              dataSource={candidate.sections}
              columns={[
                { key: 'title', dataIndex: 'title', title: text.section },
                { key: 'points', title: text.points, render: (_, s) => `${num(s.points)} / ${num(s.maxPoints)}` },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card className="results-section gap">
        <TimePerQuestion data={data.data} version={version.data?.report} />
      </Card>
      <Card className="results-section gap" title={<h2 className="results-card-title">{text.similarity}</h2>}>
        <Similarity data={data.data} version={version.data?.report} scope={scope} id={id} />
      </Card>
      <footer className="results-muted gap">{text.staffOnly(dateTime(computedAt, locale))}</footer>
    </article>
  );
}

function ScoreBlock({ data }: { data: CandidateReportData }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const { candidate, report } = data;
  const { unit, max } = report.scores;
  const value = unit === 'points' ? candidate.points : candidate.percent;
  const marker = useMemo(() => (value === null ? undefined : { value, label: text.here, reading: text.hereReading(score(value, unit)) }), [value, unit, text]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card className="results-section" title={<h2 className="results-card-title">{text.scores}</h2>}>
          {!candidate.final && <Alert className="gap-bottom" type="info" showIcon title={text.notFinal} />}
          <Descriptions size="small" column={1} key={locale}>
            <Descriptions.Item label={text.score}>
              {num(candidate.points)} / {num(candidate.maxPoints)}
            </Descriptions.Item>
            <Descriptions.Item label={text.percent}>{candidate.percent === null ? '–' : `${num(candidate.percent)}%`}</Descriptions.Item>
            <Descriptions.Item label={text.band}>
              <ScoreBand value={value} band={candidate.band} max={max} unit={unit} label={text.band} />
            </Descriptions.Item>
            <Descriptions.Item label={text.percentile}>{text.percentileOf(num(candidate.percentile, 0), report.reliability.normGroupSize)}</Descriptions.Item>
            <Descriptions.Item label={text.rank}>{candidate.rank ?? '–'}</Descriptions.Item>
            <Descriptions.Item label={text.minutes}>{num(candidate.minutes)}</Descriptions.Item>
            <Descriptions.Item label={text.integrity}>{candidate.integrityEvents}</Descriptions.Item>
          </Descriptions>
          {/* Half the band is this candidate's SEM (a role's papers each have their own), as in the PDF. */}
          {candidate.band && <p className="results-muted">{text.bandReading(num((candidate.band.high - candidate.band.low) / 2))}</p>}
          {report.reliability.tooSmallToRelyOn && <p className="results-muted">{text.tooSmall}</p>}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card className="results-section">
          <HistogramChart report={report} marker={marker} height={280} />
        </Card>
      </Col>
    </Row>
  );
}

function CompetencyRadar({ data }: { data: CandidateReportData }) {
  const text = useText(TEXT);
  const { candidate, report } = data;
  const option = useMemo<ChartOption>(() => {
    const names = report.competencies.map((c) => c.competency);
    const own = names.map((n) => candidate.competencies.find((c) => c.competency === n)?.score ?? 0);
    const cohort = report.competencies.map((c) => c.mean ?? 0);
    // A radar needs three axes to be a shape; with fewer, bars side by side say the same.
    if (names.length < 3) {
      return {
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 40, bottom: 32, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: names, name: text.competency, nameLocation: 'middle', nameGap: 26 },
        yAxis: { type: 'value', min: 0, max: 100, name: text.scoreAxis },
        series: [
          { type: 'bar', name: text.candidate, data: own, itemStyle: { color: '#fa8c16' } },
          { type: 'bar', name: text.cohort, data: cohort, itemStyle: { color: '#bfbfbf' } },
        ],
      };
    }
    return {
      legend: { bottom: 0 },
      tooltip: { trigger: 'item' },
      radar: { indicator: names.map((name) => ({ name, max: 100 })), radius: '62%' },
      series: [
        {
          type: 'radar',
          data: [
            { name: text.cohort, value: cohort, lineStyle: { type: 'dashed', color: '#8c8c8c' }, itemStyle: { color: '#8c8c8c' } },
            { name: text.candidate, value: own, lineStyle: { color: '#fa8c16', width: 3 }, itemStyle: { color: '#fa8c16' }, areaStyle: { color: 'rgba(250, 140, 22, 0.15)' } },
          ],
        },
      ],
    };
  }, [candidate.competencies, report.competencies, text]);
  if (report.competencies.length === 0) return <Empty description={text.noCompetencies} />;
  return <Chart title={text.competencies} reading={text.competenciesReading} option={option} height={340} />;
}

function TimePerQuestion({ data, version }: { data: CandidateReportData; version: Report | undefined }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const option = useMemo<ChartOption>(() => {
    const own = new Map(data.timePerQuestion.map((t) => [t.questionId, t.seconds]));
    // Paper order with the cohort's medians when the version's report is at hand; else answering order.
    const rows = version
      ? version.questionTimes.map((q) => ({ questionId: q.questionId, stem: q.stem, seconds: own.get(q.questionId) ?? null, median: q.medianSeconds }))
      : data.timePerQuestion.map((t) => ({ questionId: t.questionId, stem: '', seconds: t.seconds, median: null }));
    return {
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 32, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const [first] = params as { dataIndex: number }[];
          const row = rows[first.dataIndex];
          return `${first.dataIndex + 1}. ${row.stem.slice(0, 40)}<br/>${text.candidate}: ${seconds(row.seconds, locale)}<br/>${text.cohort}: ${seconds(row.median, locale)}`;
        },
      },
      xAxis: { type: 'category', data: rows.map((_, i) => String(i + 1)), name: text.questionNumber, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', name: text.secondsAxis },
      series: [
        { type: 'bar', name: text.candidate, data: rows.map((r) => r.seconds), itemStyle: { color: '#fa8c16' } },
        { type: 'scatter', name: text.cohort, data: rows.map((r) => r.median), symbolSize: 10, itemStyle: { color: '#595959' } },
      ],
    };
  }, [data.timePerQuestion, version, text, locale]);
  if (data.timePerQuestion.length === 0) return <Alert type="info" showIcon title={text.times} description={text.noTimes} />;
  return <Chart title={text.times} reading={text.timesReading} option={option} />;
}

function Similarity({ data, version, scope, id }: { data: CandidateReportData; version: Report | undefined; scope: Scope; id: string }) {
  const text = useText(TEXT);
  const stems = new Map(version?.questionTimes.map((q, i) => [q.questionId, `${i + 1}. ${q.stem}`]));
  if (data.similarityFlags.length === 0) return <p>{text.noSimilarity}</p>;
  return (
    <>
      <p>{text.similarityReading}</p>
      {/* A leaked model answer: the count says how far it went, the table shows the closest. */}
      {data.similarityCounts
        .filter((count) => count.others > count.shown)
        .map((count) => (
          <p key={count.questionId}>{text.similarCount(stems.get(count.questionId) ?? count.questionId, count.others, count.shown)}</p>
        ))}
      <Table
        rowKey={(f) => `${f.questionId}-${f.otherAttemptId}`}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.similarityFlags}
        columns={[
          { key: 'question', title: text.question, render: (_, f) => <span className="results-stem">{stems.get(f.questionId) ?? f.questionId}</span> },
          { key: 'similarity', title: text.similar, render: (_, f) => pct(f.similarity) },
          {
            key: 'other',
            title: text.other,
            // The code is the link (its report); on paper it reads as the code alone.
            render: (_, f) => (
              <Link to={`/staff/results/${scope}/${id}/candidates/${f.otherAttemptId}`} aria-label={`${f.otherCode}: ${text.openOther}`}>
                {f.otherCode}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}
