import { CANDIDATE_REPORT_LABELS, type CandidateReportLabels, type ReportLocale } from '@assay/contracts';

/** The PDF's wording: the labels it shares with the staff app's report page, and what only the PDF writes. */
export interface ReportText extends CandidateReportLabels {
  version: (n: number) => string;
  submitted: string;
  result: string;
  pass: string;
  fail: string;
  noPassMark: string;
  people: string;
  passMark: string;
  histogramReading: string;
}

export const REPORT_TEXT: Record<ReportLocale, ReportText> = {
  'zh-CN': {
    ...CANDIDATE_REPORT_LABELS['zh-CN'],
    version: (n) => `第 ${n} 版`,
    submitted: '交卷时间',
    result: '结果',
    pass: '通过',
    fail: '未通过',
    noPassMark: '试卷未设及格线',
    people: '人数',
    passMark: '及格线',
    histogramReading: '柱子是全体考生的得分分布,橙线是该考生的得分,绿线是及格线。',
  },
  en: {
    ...CANDIDATE_REPORT_LABELS.en,
    version: (n) => `version ${n}`,
    submitted: 'Submitted',
    result: 'Result',
    pass: 'Pass',
    fail: 'Fail',
    noPassMark: 'The paper has no pass mark',
    people: 'Candidates',
    passMark: 'Pass mark',
    histogramReading: "Bars are the cohort's scores, the orange line is this candidate's score, the green line the pass mark.",
  },
};
