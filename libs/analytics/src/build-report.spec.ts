import type { PaperSnapshot, SnapshotQuestion } from '@assay/papers';
import { buildReport } from './build-report';
import type { Cohort, CohortAttempt, CohortGrading, CohortVersion } from './cohort';

const NO_GRADING: CohortGrading = { answers: [], marks: [], checks: [], graders: [] };

const question = (id: string, competency: string): SnapshotQuestion =>
  ({ id, type: 'true_false', kind: null, stem: id, options: [], answerKey: true, referenceAnswer: null, explanation: null, rubric: [], points: 1, difficulty: null, tags: [], competencies: [{ id: competency, name: competency }] }) as unknown as SnapshotQuestion;

function version(id: string, pointsPerQuestion: number, questions: SnapshotQuestion[], passMark: number | null): CohortVersion {
  const snapshot = {
    paperId: `paper-${id}`,
    jobRole: { id: 'role', name: '客服' },
    title: `paper ${id}`,
    passMark,
    totalPoints: pointsPerQuestion * questions.length,
    sections: [{ id: `s-${id}`, title: 'section', instructions: null, pointsPerQuestion, scaleRubrics: false, draw: null, questions }],
  } as unknown as PaperSnapshot;
  return { id, version: 1, snapshot };
}

/** `marks[i]`: [points, max points] of question i (points null while it waits for a grader). */
function attempt(id: string, versionId: string, questionIds: string[], points: number, maxPoints: number, marks: [number | null, number][], status: CohortAttempt['status'] = 'scored'): CohortAttempt {
  return {
    attemptId: id,
    invitationId: `inv-${id}`,
    candidateId: `cand-${id}`,
    name: id,
    email: `${id}@example.com`,
    status,
    paperVersionId: versionId,
    points,
    maxPoints,
    startedAt: new Date('2026-01-01T10:00:00Z'),
    submittedAt: new Date('2026-01-01T10:20:00Z'),
    submittedBy: 'candidate',
    questionIds,
    marks: { points: marks.map(([p]) => p), maxPoints: marks.map(([, m]) => m), firstSavedAt: marks.map(() => null) },
    integrityEvents: 0,
  };
}

describe('buildReport for a job role across two papers', () => {
  const v1 = version('v1', 2, [question('q1', 'logic'), question('q2', 'talk')], 3);
  const v2 = version('v2', 10, [question('q3', 'talk')], null);
  const cohort: Cohort = {
    scope: 'job_role',
    scopeId: 'role',
    versions: [v1, v2],
    attempts: [
      attempt('a1', 'v1', ['q1', 'q2'], 4, 4, [[2, 2], [2, 2]]),
      attempt('a2', 'v1', ['q1', 'q2'], 2, 4, [[2, 2], [0, 2]]),
      attempt('a3', 'v2', ['q3'], 5, 10, [[5, 10]]),
      attempt('a4', 'v2', ['q3'], 3, 10, [[null, 10]], 'awaiting_grading'),
    ],
    answerCounts: [],
    funnel: { invited: 5, opened: 4, started: 4, submitted: 4, graded: 3 },
    grading: NO_GRADING,
  };
  const { report, candidates } = buildReport(cohort, { id: 'role', name: '客服' });

  it('reports in percent, final attempts only, each against its own pass mark', () => {
    expect(report.scores).toMatchObject({ candidates: 3, unit: 'percent', max: 100, median: 50, passMark: null });
    expect(report.scores.mean).toBeCloseTo(200 / 3, 12);
    expect(report.scores.passRate).toBeCloseTo(1 / 3, 12);
    expect(report.funnel).toMatchObject({ passed: 1, completionRate: 1, medianMinutes: 20 });
    expect(report.awaitingGrading).toBe(1);
    expect(report.items).toBeNull();
    expect(report.reliability).toMatchObject({ alpha: null, sem: null, normGroupSize: 3, tooSmallToRelyOn: true });
  });

  it('ranks final candidates first with percentile ranks; the one awaiting grading last, unranked', () => {
    expect(candidates.map((c) => [c.attemptId, c.percentile, c.rank, c.final])).toEqual([
      ['a1', (100 * 2.5) / 3, 1, true],
      ['a2', 100 / 3, 2, true],
      ['a3', 100 / 3, 2, true],
      ['a4', null, null, false],
    ]);
  });

  it('scores competencies across papers and leaves unmarked answers out', () => {
    expect(candidates[0].competencies).toEqual([
      { competency: 'logic', score: 100, rank: 1 },
      { competency: 'talk', score: 100, rank: 1 },
    ]);
    expect(candidates.find((c) => c.attemptId === 'a4')?.competencies).toEqual([]);
    expect(report.competencies).toEqual([
      { competency: 'logic', mean: 100, candidates: 2 },
      { competency: 'talk', mean: 50, candidates: 3 },
    ]);
  });
});

describe('buildReport for one candidate', () => {
  it('has no spread: SD, alpha, SEM and bands are null, never NaN', () => {
    const v = version('v', 1, [question('q1', 'logic'), question('q2', 'logic')], null);
    const { report, candidates } = buildReport(
      {
        scope: 'paper_version',
        scopeId: 'v',
        versions: [v],
        attempts: [attempt('only', 'v', ['q1', 'q2'], 1, 2, [[1, 1], [0, 1]])],
        answerCounts: [
          { questionId: 'q1', answer: true, count: 1 },
          { questionId: 'q2', answer: false, count: 1 },
        ],
        funnel: { invited: 1, opened: 1, started: 1, submitted: 1, graded: 1 },
        grading: NO_GRADING,
      },
      { id: 'role', name: '客服' },
    );
    expect(report.scores).toMatchObject({ candidates: 1, mean: 1, sd: null, passRate: null });
    expect(report.reliability).toMatchObject({ alpha: null, sem: null, flags: [] });
    expect(report.items?.questions.map((q) => q.facility)).toEqual([1, 0]);
    expect(report.items?.questions.map((q) => q.responses?.options.map((o) => o.count))).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(candidates[0]).toMatchObject({ percentile: 50, rank: 1, band: null });
    expect(JSON.stringify(report)).not.toContain('NaN');
  });
});
