import { quadraticWeightedKappa } from '@assay/statistics';
import type { CohortGrading, CohortMark } from './cohort';
import { ASSISTED_SAFE, buildGradingReport, checkAgreement, marksPerHour, type GradingReport } from './grading-report';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const mark = (answerId: string, round: CohortMark['round'], graderId: string, points: number, minute: number): CohortMark => ({ answerId, round, graderId, points, at: at(minute) });

/**
 * Four answers to one 10-point question, tolerance 2, marked double by 高 and 李:
 * a1 8/8 (exact), a2 6/7 (within), a3 2/9 (third marker 王 gives 8, final 8.5), a4 5/5.
 */
const grading: CohortGrading = {
  answers: [
    { answerId: 'a1', questionId: 'q', maxPoints: 10, tolerance: 2, suggestedPoints: 8, finalPoints: 8 },
    { answerId: 'a2', questionId: 'q', maxPoints: 10, tolerance: 2, suggestedPoints: 4, finalPoints: 6.5 },
    { answerId: 'a3', questionId: 'q', maxPoints: 10, tolerance: 2, suggestedPoints: 8, finalPoints: 8.5 },
    { answerId: 'a4', questionId: 'q', maxPoints: 10, tolerance: 2, suggestedPoints: null, finalPoints: null },
  ],
  marks: [
    mark('a1', 'first', 'gao', 8, 0),
    mark('a2', 'first', 'gao', 6, 2),
    mark('a3', 'first', 'gao', 2, 4),
    mark('a4', 'first', 'gao', 5, 6),
    mark('a1', 'second', 'li', 8, 1),
    mark('a2', 'second', 'li', 7, 3),
    mark('a3', 'second', 'li', 9, 5),
    mark('a4', 'second', 'li', 5, 7),
    mark('a3', 'third', 'wang', 8, 10),
  ],
  checks: [
    { graderId: 'gao', kind: 'reference', expected: 6, given: 6, tolerance: 2 },
    { graderId: 'gao', kind: 'reference', expected: 6, given: 3, tolerance: 2 },
    { graderId: 'li', kind: 'self_check', expected: 7, given: 8, tolerance: 2 },
  ],
  graders: [
    { id: 'gao', name: '高' },
    { id: 'li', name: '李' },
    { id: 'wang', name: '王' },
  ],
};

describe('buildGradingReport', () => {
  const report = buildGradingReport(grading, () => '请分析案例') as GradingReport;

  it('counts agreement of first and second marks per answer, with third-marking rate', () => {
    expect(report).toMatchObject({ answers: 4, resolved: 3 });
    expect(report.agreement).toMatchObject({ pairs: 4, exact: 0.5, withinTolerance: 0.75, thirdMarkingRate: 0.25, arbitrationRate: 0 });
    const [question] = report.questions;
    expect(question).toMatchObject({ questionId: 'q', stem: '请分析案例', maxPoints: 10, answers: 4, resolved: 3 });
    // The kappa of the pairs in half points equals the kappa in whole points (unused categories weigh nothing).
    const pairs = [[8, 8], [6, 7], [2, 9], [5, 5]].map(([first, second]) => ({ first, second }));
    expect(question.agreement.kappa).toBeCloseTo(quadraticWeightedKappa(pairs, 0, 10) as number, 12);
  });

  it('rates the suggestion against final marks, and never calls it safe on three answers', () => {
    expect(report.questions[0].suggestion).toMatchObject({ answers: 3, exact: 1 / 3, withinTolerance: 2 / 3, assistedSafe: false });
    expect(ASSISTED_SAFE.minAnswers).toBeGreaterThan(3);
  });

  it('reports each grader: leaning, reference and self agreement, names, most marks first', () => {
    expect(report.graders.map((g) => [g.name, g.marks])).toEqual([
      ['高', 4],
      ['李', 4],
      ['王', 1],
    ]);
    const gao = report.graders[0];
    expect(gao.mean).toBeCloseTo((8 + 6 + 2 + 5) / 40, 12);
    expect(gao.reference).toEqual({ checks: 2, exact: 0.5, withinTolerance: 0.5, meanDifference: -1.5 });
    expect(gao.selfAgreement).toEqual({ checks: 0, exact: null, withinTolerance: null, meanDifference: null });
    expect(report.graders[1].selfAgreement).toMatchObject({ checks: 1, withinTolerance: 1, meanDifference: 1 });
    // 高 marked every two minutes: 3 gaps in 6 minutes = 30 an hour; 王 marked once.
    expect(gao.marksPerHour).toBeCloseTo(30, 12);
    expect(report.graders[2].marksPerHour).toBeNull();
  });

  it('is null without open answers', () => {
    expect(buildGradingReport({ answers: [], marks: [], checks: [], graders: [] }, () => '')).toBeNull();
  });
});

describe('marksPerHour', () => {
  it('leaves breaks over 30 minutes out of the marking time', () => {
    // Two marks 10 minutes apart, a lunch break, two marks 5 minutes apart: 2 gaps in 15 minutes.
    expect(marksPerHour([at(0), at(10), at(130), at(135)])).toBeCloseTo(8, 12);
  });
  it('is null when marks come only after breaks', () => {
    expect(marksPerHour([at(0), at(45)])).toBeNull();
  });
});

describe('checkAgreement', () => {
  it('uses each check’s own tolerance', () => {
    expect(checkAgreement([{ graderId: 'x', kind: 'reference', expected: 1, given: 1.5, tolerance: 0.5 }]).withinTolerance).toBe(1);
  });
});
