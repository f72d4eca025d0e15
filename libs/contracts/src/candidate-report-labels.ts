/** The languages the candidate report is written in: the staff app's, and so its PDF's. */
export const REPORT_LOCALES = ['zh-CN', 'en'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

/**
 * The wording the candidate report's two forms share: the staff app's printable page
 * (apps/web CandidateReport.tsx) and the PDF the API draws (libs/analytics report-pdf). Both
 * spread these and add only what is theirs (buttons; the PDF's pass/fail line and histogram
 * legend), so a label changed here changes both and the two cannot drift apart.
 */
export interface CandidateReportLabels {
  report: string;
  status: string;
  statuses: Record<string, string>;
  staffOnly: (when: string) => string;
  scores: string;
  notFinal: string;
  score: string;
  percent: string;
  band: string;
  /** `sem`: the standard error of measurement, half the band's width. */
  bandReading: (sem: string) => string;
  percentile: string;
  percentileOf: (p: string, n: number) => string;
  tooSmall: string;
  rank: string;
  minutes: string;
  integrity: string;
  competencies: string;
  competenciesReading: string;
  noCompetencies: string;
  competency: string;
  candidate: string;
  cohort: string;
  sections: string;
  section: string;
  points: string;
  similarity: string;
  similarityReading: string;
  noSimilarity: string;
  /** The similar answers' question column ("3. stem"). */
  question: string;
  similar: string;
  other: string;
  /** A question whose near-identical others are more than the table lists (the closest 20 of a leaked answer). */
  similarCount: (question: string, others: number, shown: number) => string;
}

export const CANDIDATE_REPORT_LABELS: Record<ReportLocale, CandidateReportLabels> = {
  'zh-CN': {
    report: '考生测评报告',
    status: '状态',
    statuses: { scored: '已出分', graded: '已阅完', awaiting_grading: '待阅卷' },
    staffOnly: (when) => `内部资料,仅供招聘人员使用。统计于 ${when}。`,
    scores: '成绩',
    notFinal: '主观题尚未阅完:分数、区间和百分位在阅卷完成后给出。',
    score: '得分',
    percent: '得分率',
    band: '分数区间',
    bandReading: (sem) => `真实分数约有 68% 的把握落在分数区间内(得分 ± 测量标准误 ${sem})。`,
    percentile: '百分位',
    percentileOf: (p, n) => `${p}(在 ${n} 人中)`,
    tooSmall: '常模少于 30 人,百分位仅供参考。',
    rank: '排名',
    minutes: '用时(分钟)',
    integrity: '异常行为次数',
    competencies: '考察点:该考生与全体',
    competenciesReading: '实线是该考生在各考察点的得分率(0–100),虚线是全体平均:凸出处是强项,凹进处是短板。',
    noCompetencies: '题目未关联考察点,无法给出能力画像。',
    competency: '考察点',
    candidate: '该考生',
    cohort: '全体平均',
    sections: '各部分得分',
    section: '部分',
    points: '得分 / 满分',
    similarity: '答案相似提示',
    similarityReading: '与同一试卷其他考生的主观题答案高度相似:请人工核对,不能单凭此下结论。',
    noSimilarity: '没有发现高度相似的答案。',
    question: '题目',
    similar: '相似度',
    other: '另一份答卷(阅卷编号)',
    similarCount: (question, others, shown) => `${question}:与 ${others} 份答卷近乎相同,下表列出最接近的 ${shown} 份。`,
  },
  en: {
    report: 'Candidate report',
    status: 'Status',
    statuses: { scored: 'Scored', graded: 'Marked', awaiting_grading: 'Awaiting marking' },
    staffOnly: (when) => `Internal: for recruiters only. Computed ${when}.`,
    scores: 'Scores',
    notFinal: 'Open answers are still being marked: the score, band and percentile come once marking is finished.',
    score: 'Score',
    percent: 'Percent',
    band: 'Score band',
    bandReading: (sem) => `The true score lies in the band with about 68% confidence (score ± standard error of measurement, ${sem}).`,
    percentile: 'Percentile',
    percentileOf: (p, n) => `${p} (of ${n})`,
    tooSmall: 'The norm group has fewer than 30 candidates: take the percentile as a hint.',
    rank: 'Rank',
    minutes: 'Minutes',
    integrity: 'Integrity events',
    competencies: 'Competencies: candidate and cohort',
    competenciesReading: "The solid line is the candidate's score (0–100) per competency, the dashed line the cohort mean: outward is a strength, inward a gap.",
    noCompetencies: 'No question is tagged with a competency: there is no competency profile.',
    competency: 'Competency',
    candidate: 'This candidate',
    cohort: 'Cohort mean',
    sections: 'Sections',
    section: 'Section',
    points: 'Points / max',
    similarity: 'Similar answers',
    similarityReading: "Open answers nearly identical to another candidate's on the same paper: check them by hand; this alone proves nothing.",
    noSimilarity: 'No near-identical answers found.',
    question: 'Question',
    similar: 'Similarity',
    other: 'Other attempt (grader code)',
    similarCount: (question, others, shown) => `${question}: near-identical to ${others} other candidates' answers; the table lists the closest ${shown}.`,
  },
};
