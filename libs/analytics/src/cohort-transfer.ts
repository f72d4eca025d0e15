/**
 * The cohort's attempts as columns for the trip to a report thread and back. A worker thread gets
 * its input by structured clone, whose cost grows with the number of objects: 100,000 attempts of
 * 30 questions as objects and arrays took 3.2 s of CPU to clone, and the 100,000 candidate rows
 * coming back 2.7 s, more than building the report. As columns (typed arrays for numbers, one
 * array per text field, each distinct question list once) the same attempts clone in a fraction
 * of that, and the rows come back as the JSON text the database is sent anyway.
 */
import type { AttemptStatus } from '@assay/contracts';
import type { CohortAttempt } from './cohort';

export interface PackedAttempts {
  attemptId: string[];
  invitationId: string[];
  candidateId: string[];
  name: string[];
  email: string[];
  status: AttemptStatus[];
  paperVersionId: string[];
  submittedBy: CohortAttempt['submittedBy'][];
  /** NaN stands for null in every numeric column. */
  points: Float64Array;
  maxPoints: Float64Array;
  startedAt: Float64Array;
  submittedAt: Float64Array;
  integrityEvents: Int32Array;
  /** Attempt k had the questions `questionLists[listOf[k]]`, its marks at `markStart[k]` onwards in the mark columns. */
  questionLists: string[][];
  listOf: Int32Array;
  markStart: Int32Array;
  markPoints: Float64Array;
  markMaxPoints: Float64Array;
  markFirstSavedAt: Float64Array;
}

const toColumn = (value: number | null) => (value === null ? NaN : value);
const fromColumn = (value: number) => (Number.isNaN(value) ? null : value);

export function packAttempts(attempts: readonly CohortAttempt[]): PackedAttempts {
  const n = attempts.length;
  const lists = new Map<readonly string[], number>();
  const listOf = new Int32Array(n);
  const markStart = new Int32Array(n + 1);
  attempts.forEach((a, k) => {
    let list = lists.get(a.questionIds);
    if (list === undefined) lists.set(a.questionIds, (list = lists.size));
    listOf[k] = list;
    markStart[k + 1] = markStart[k] + a.questionIds.length;
  });
  const markPoints = new Float64Array(markStart[n]);
  const markMaxPoints = new Float64Array(markStart[n]);
  const markFirstSavedAt = new Float64Array(markStart[n]);
  attempts.forEach((a, k) => {
    for (let i = 0; i < a.questionIds.length; i++) {
      markPoints[markStart[k] + i] = toColumn(a.marks.points[i]);
      markMaxPoints[markStart[k] + i] = toColumn(a.marks.maxPoints[i]);
      markFirstSavedAt[markStart[k] + i] = toColumn(a.marks.firstSavedAt[i]);
    }
  });
  const column = <T>(of: (a: CohortAttempt) => T) => attempts.map(of);
  return {
    attemptId: column((a) => a.attemptId),
    invitationId: column((a) => a.invitationId),
    candidateId: column((a) => a.candidateId),
    name: column((a) => a.name),
    email: column((a) => a.email),
    status: column((a) => a.status),
    paperVersionId: column((a) => a.paperVersionId),
    submittedBy: column((a) => a.submittedBy),
    points: Float64Array.from(attempts, (a) => toColumn(a.points)),
    maxPoints: Float64Array.from(attempts, (a) => toColumn(a.maxPoints)),
    startedAt: Float64Array.from(attempts, (a) => a.startedAt.getTime()),
    submittedAt: Float64Array.from(attempts, (a) => toColumn(a.submittedAt?.getTime() ?? null)),
    integrityEvents: Int32Array.from(attempts, (a) => a.integrityEvents),
    questionLists: [...lists.keys()].map((list) => [...list]),
    listOf,
    markStart,
    markPoints,
    markMaxPoints,
    markFirstSavedAt,
  };
}

export function unpackAttempts(packed: PackedAttempts): CohortAttempt[] {
  return packed.attemptId.map((attemptId, k) => {
    const [start, end] = [packed.markStart[k], packed.markStart[k + 1]];
    const marks = (column: Float64Array) => {
      // A plain loop: Array.from with a mapping function over a typed array is several times slower.
      const out = new Array<number | null>(end - start);
      for (let i = start; i < end; i++) out[i - start] = fromColumn(column[i]);
      return out;
    };
    const submittedAt = fromColumn(packed.submittedAt[k]);
    return {
      attemptId,
      invitationId: packed.invitationId[k],
      candidateId: packed.candidateId[k],
      name: packed.name[k],
      email: packed.email[k],
      status: packed.status[k],
      paperVersionId: packed.paperVersionId[k],
      points: fromColumn(packed.points[k]),
      maxPoints: fromColumn(packed.maxPoints[k]),
      startedAt: new Date(packed.startedAt[k]),
      submittedAt: submittedAt === null ? null : new Date(submittedAt),
      submittedBy: packed.submittedBy[k],
      questionIds: packed.questionLists[packed.listOf[k]],
      marks: { points: marks(packed.markPoints), maxPoints: marks(packed.markMaxPoints), firstSavedAt: marks(packed.markFirstSavedAt) },
      integrityEvents: packed.integrityEvents[k],
    };
  });
}
