import { CANDIDATE_REPORT_LABELS, REPORT_LOCALES, type CandidateReportLabels } from '@assay/contracts';
import { pdfText } from '@assay/testing';
import type { CandidateRow } from '../build-report';
import { writeCandidateReportPdf, type CandidateReportPdf } from './candidate-report-pdf.task';
import { reportLocale } from './report-locale';
import { REPORT_TEXT } from './report-text';

const candidate: CandidateRow = {
  attemptId: '00000000-0000-4000-8000-000000000001',
  invitationId: '00000000-0000-4000-8000-000000000002',
  candidateId: '00000000-0000-4000-8000-000000000003',
  name: '陳小明',
  email: 'xiaoming@example.com',
  status: 'graded',
  final: true,
  paperVersionId: '00000000-0000-4000-8000-000000000004',
  points: 42.5,
  maxPoints: 50,
  percent: 85,
  band: { low: 40.1, high: 44.9 },
  percentile: 91.7,
  rank: 2,
  sections: [{ sectionId: '00000000-0000-4000-8000-000000000005', title: '情景判断', points: 20, maxPoints: 25 }],
  competencies: [
    { competency: '沟通能力', score: 80, rank: 3 },
    { competency: '團隊協作', score: 95, rank: 1 },
    { competency: 'Problem solving', score: 60, rank: 7 },
  ],
  integrityEvents: 1,
  minutes: 37.2,
};

const input = (overrides: Partial<CandidateReportPdf> = {}): CandidateReportPdf => ({
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  computedAt: '2026-12-01T08:00:00.000Z',
  title: '客服笔试',
  jobRole: '客服专员',
  version: 3,
  scores: { unit: 'points', max: 50, passMark: 30, histogram: [{ from: 0, to: 25, count: 4 }, { from: 25, to: 50, count: 8 }] },
  reliability: { normGroupSize: 12, tooSmallToRelyOn: true },
  cohortCompetencies: [
    { competency: '沟通能力', mean: 70 },
    { competency: '團隊協作', mean: 65 },
    { competency: 'Problem solving', mean: 55.5 },
  ],
  candidate,
  passed: true,
  submittedAt: '2026-11-30T02:15:00.000Z',
  similarityFlags: [{ question: '3. 描述一次你化解客户投诉的经历', similarity: 0.93, otherCode: 'K7Q2' }],
  similarityCounts: [{ question: '3. 描述一次你化解客户投诉的经历', others: 137, shown: 1 }],
  ...overrides,
});

describe('the candidate report PDF', () => {
  it('writes Simplified and Traditional Chinese with the scores, band, percentile and flags', async () => {
    const pdf = await writeCandidateReportPdf(input());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).join('\n');
    for (const expected of ['陳小明', '考生测评报告', '客服笔试 (第 3 版)', '42.5 / 50', '85%', '通过', '40.1 – 44.9', '92(在 12 人中)', '常模少于 30 人', '沟通能力', '團隊協作', 'Problem solving', '情景判断', '93%', 'K7Q2', '与 137 份答卷近乎相同', '2026年11月30日']) {
      expect(text).toContain(expected);
    }
    // Only the glyphs used are embedded: a report is tens of kilobytes, not the font's 10 MB.
    expect(pdf.byteLength).toBeLessThan(200_000);
  });

  it('writes English, a failed candidate, and bars instead of a radar for two competencies', async () => {
    const pdf = await writeCandidateReportPdf(
      input({ locale: 'en', passed: false, cohortCompetencies: [{ competency: '沟通能力', mean: 70 }, { competency: '團隊協作', mean: null }], similarityFlags: [] }),
    );
    const text = (await pdfText(pdf)).join('\n');
    for (const expected of ['Candidate report', 'version 3', 'Fail', 'Percentile', '92 (of 12)', '沟通能力', '團隊協作', 'No near-identical answers found.']) expect(text).toContain(expected);
    expect(text).not.toContain('Problem solving');
  });
});

describe("the PDF's labels are the staff app's report page's", () => {
  it.each(REPORT_LOCALES)('takes every shared label unchanged and draws it (%s)', async (locale) => {
    const shared = CANDIDATE_REPORT_LABELS[locale];
    for (const key of Object.keys(shared) as (keyof CandidateReportLabels)[]) expect(REPORT_TEXT[locale][key]).toBe(shared[key]);
    // Compared without white space: the PDF wraps long lines wherever they reach the margin.
    const squash = (text: string) => text.replace(/\s+/g, '');
    const text = squash((await pdfText(await writeCandidateReportPdf(input({ locale })))).join(''));
    const drawn = [
      ...[shared.report, shared.status, shared.statuses.graded, shared.scores, shared.score, shared.percent, shared.band, shared.percentile, shared.rank, shared.minutes, shared.integrity],
      ...[shared.bandReading('2.4'), shared.percentileOf('92', 12), shared.tooSmall],
      ...[shared.competencies, shared.competenciesReading, shared.competency, shared.candidate, shared.cohort],
      ...[shared.sections, shared.section, shared.points, shared.similarity, shared.similarityReading, shared.question, shared.similar, shared.other],
      shared.similarCount('3. 描述一次你化解客户投诉的经历', 137, 1),
    ];
    for (const label of drawn) expect(text).toContain(squash(label));
  });
});

describe('the report language', () => {
  it('?lang= first, then Accept-Language by q-value, then the company locale', () => {
    expect(reportLocale('en', 'zh-CN', 'zh-CN')).toBe('en');
    expect(reportLocale(undefined, 'fr;q=1, en;q=0.8, zh-TW;q=0.9', 'en')).toBe('zh-CN');
    expect(reportLocale(undefined, 'en-GB,en;q=0.9', 'zh-CN')).toBe('en');
    expect(reportLocale(undefined, 'fr, de;q=0.5, en;q=0', 'en')).toBe('en');
    expect(reportLocale(undefined, 'fr, de;q=0.5, en;q=0', 'zh-CN')).toBe('zh-CN');
    expect(reportLocale(undefined, undefined, 'en')).toBe('en');
  });
});
