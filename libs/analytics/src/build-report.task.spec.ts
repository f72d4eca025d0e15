import { buildReport } from './build-report';
import { buildSnapshot, rowBatches, type RowBatch } from './build-report.task';
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

describe('the report thread\'s snapshot: rows posted in batches, then the report', () => {
  const attempts = [
    attempt(0, shared),
    attempt(1, shared),
    attempt(2, ['q3', 'q1'], { status: 'awaiting_grading', points: null, submittedAt: null, submittedBy: null }),
    attempt(3, shared, { marks: { points: [1, null, 0], maxPoints: [1, null, 1], firstSavedAt: [null, 5, null] } }),
    attempt(4, []),
  ];

  it('builds the same report as buildReport, its rows posted in rank order, one JSON line each', () => {
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
    const batches: RowBatch[] = [];
    const built = buildSnapshot(cohort, role, (batch) => batches.push(batch));
    expect(built.report).toEqual(expected.report);
    expect(built.candidates).toBe(attempts.length);
    expect(batches.flatMap((batch) => batch.rows.split('\n').map((line) => JSON.parse(line)))).toEqual(JSON.parse(JSON.stringify(expected.candidates)));
    expect(batches.map((batch) => batch.attemptIds)).toEqual([`{${expected.candidates.map((row) => row.attemptId).join(',')}}`]);
  });

  it('cuts the rows into batches of 2,000 with positions running on; a newline inside a name stays inside its line', () => {
    const rows = Array.from({ length: 4001 }, (_, k) => ({ attemptId: `a${k}`, name: `考生\n${k}` }) as unknown as ReturnType<typeof buildReport>['candidates'][number]);
    const batches = [...rowBatches({ candidates: rows.length, rows: (start, end) => rows.slice(start, end) })];
    expect(batches.map((b) => [b.position, b.rows.split('\n').length, b.attemptIds.split(',').length])).toEqual([
      [0, 2000, 2000],
      [2000, 2000, 2000],
      [4000, 1, 1],
    ]);
    expect(batches[2]).toEqual({ position: 4000, attemptIds: '{a4000}', rows: JSON.stringify({ attemptId: 'a4000', name: '考生\n4000' }) });
  });
});
