import { buildReport } from './build-report';
import { buildSnapshot, rowBatches } from './build-report.task';
import type { Cohort, CohortAttempt } from './cohort';

const shared = ['q1', 'q2', 'q3'];

function attempt(k: number, questionIds: string[], overrides: Partial<CohortAttempt> = {}): CohortAttempt {
  return {
    attemptId: `a${k}`,
    invitationId: `i${k}`,
    candidateId: `c${k}`,
    name: `考生${k}`,
    email: `c${k}@example.com`,
    status: 'scored',
    paperVersionId: 'v1',
    points: k,
    maxPoints: 3,
    startedAt: new Date(1_700_000_000_000 + k),
    submittedAt: new Date(1_700_000_600_000 + k),
    submittedBy: 'candidate',
    questionIds,
    marks: { points: questionIds.map((_, i) => (i < k ? 1 : 0)), maxPoints: questionIds.map(() => 1), firstSavedAt: questionIds.map((_, i) => 1_700_000_000_100 + i) },
    integrityEvents: k % 2,
    ...overrides,
  };
}

describe('the report thread\'s snapshot: rows posted as JSON batches, then the report', () => {
  const attempts = [
    attempt(0, shared),
    attempt(1, shared),
    attempt(2, ['q3', 'q1'], { status: 'awaiting_grading', points: null, submittedAt: null, submittedBy: null }),
    attempt(3, shared, { marks: { points: [1, null, 0], maxPoints: [1, null, 1], firstSavedAt: [null, 5, null] } }),
    attempt(4, []),
  ];

  it('builds the same report as buildReport, its rows posted as JSON batches in rank order', () => {
    const cohort: Cohort = {
      scope: 'paper_version',
      scopeId: 'v1',
      attempts,
      answerCounts: [],
      versions: [],
      funnel: { invited: 5, opened: 5, started: 5, submitted: 4, graded: 0 },
      grading: { answers: [], marks: [], checks: [], graders: [] },
    };
    const role = { id: 'r', name: '客服' };
    const expected = buildReport(cohort, role);
    const batches: string[] = [];
    const built = buildSnapshot(cohort, role, (batch) => batches.push(batch));
    expect(built.report).toEqual(expected.report);
    expect(built.candidates).toBe(attempts.length);
    expect(batches.flatMap((batch) => JSON.parse(batch))).toEqual(JSON.parse(JSON.stringify(expected.candidates.map((row, position) => ({ attempt_id: row.attemptId, position, row })))));
  });

  it('cuts the rows into batches of 2,000 with positions running on', () => {
    const rows = Array.from({ length: 4001 }, (_, k) => ({ attemptId: `a${k}` }) as ReturnType<typeof buildReport>['candidates'][number]);
    const batches = [...rowBatches({ candidates: rows.length, rows: (start, end) => rows.slice(start, end) })].map((batch) => JSON.parse(batch) as { attempt_id: string; position: number }[]);
    expect(batches.map((b) => b.length)).toEqual([2000, 2000, 1]);
    expect(batches[2][0]).toEqual({ attempt_id: 'a4000', position: 4000, row: { attemptId: 'a4000' } });
  });
});
