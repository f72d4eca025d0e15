import { CANDIDATE_REPORT_LABELS, type CandidateReportLabels } from '@assay/contracts';
import type { Texts } from '../i18n';

/**
 * The candidate report page's wording: the labels it shares with the PDF the API writes
 * (`@assay/contracts`), and what only the page has (its buttons, the time-per-question chart,
 * links). Apart from the component so that a unit test can hold it to the shared labels.
 */
export const TEXT: Texts<
  CandidateReportLabels & {
    back: string;
    print: string;
    pdf: string;
    pdfHint: string;
    pdfFailed: string;
    here: string;
    hereReading: (value: string) => string;
    scoreAxis: string;
    times: string;
    timesReading: string;
    /** The time-per-question chart's axis: question numbers. */
    questionNumber: string;
    secondsAxis: string;
    noTimes: string;
    openOther: string;
    missing: string;
    notFound: string;
  }
> = {
  'zh-CN': {
    ...CANDIDATE_REPORT_LABELS['zh-CN'],
    back: '返回考生列表',
    print: '打印',
    pdf: '下载 PDF',
    pdfHint: '服务器生成的 PDF 报告,可存档或转发。',
    pdfFailed: 'PDF 没有生成,请稍后再试;也可以点"打印"后选择"另存为 PDF"',
    here: '该考生',
    hereReading: (value) => `橙线是该考生的得分 ${value}。`,
    scoreAxis: '得分率',
    times: '每题用时',
    timesReading: '柱子是该考生在每道题上的用时,灰色点是全体的中位数:远高于中位数的题目值得在面试中追问。',
    questionNumber: '题号',
    secondsAxis: '秒',
    noTimes: '没有记录到作答时间。',
    openOther: '查看其报告',
    missing: '该考生不在这份结果中:请从考生列表进入。',
    notFound: '地址有误:请从结果列表进入。',
  },
  en: {
    ...CANDIDATE_REPORT_LABELS.en,
    back: 'Back to the candidates',
    print: 'Print',
    pdf: 'Download PDF',
    pdfHint: 'The report as a PDF written by the server, to keep or forward.',
    pdfFailed: 'The PDF could not be made; try again shortly, or use "Print" and choose "Save as PDF"',
    here: 'This candidate',
    hereReading: (value) => `The orange line is this candidate's score, ${value}.`,
    scoreAxis: 'Score',
    times: 'Time per question',
    timesReading: 'Bars are this candidate’s time per question, grey dots the cohort median: questions far above the median are worth asking about in the interview.',
    questionNumber: 'Question',
    secondsAxis: 'seconds',
    noTimes: 'No answer times were recorded.',
    openOther: 'open its report',
    missing: 'This candidate is not in these results: open the report from the candidate list.',
    notFound: 'This address is wrong: open results from the list.',
  },
};
