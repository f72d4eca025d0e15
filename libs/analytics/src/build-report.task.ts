/**
 * `buildReport` as a task for a worker thread (ReportThreads): a cohort of 100,000 attempts is
 * seconds of CPU that must not hold the worker's event loop, where BullMQ renews job locks and
 * candidates' deadlines and scores are handled. The thread reads the cohort itself, on its own
 * connection (`readCohort`): handing 100,000 attempts from the event loop's thread to this one
 * cost more CPU (packing them as columns, the structured clone, unpacking) than reading them. The
 * candidate rows go back as the text the database is sent (RowBatch), posted batch by batch as
 * they are built, before the report, so the database inserts the first batches while the thread
 * builds the next and the report.
 */
import { performance } from 'node:perf_hooks';
import { reportBuilder, type CandidateRow, type Report } from './build-report';
import type { Cohort, ReportScope } from './cohort';
import { readCohort, type CohortConnection } from './cohort-source';

/** How many candidate rows one INSERT carries (keeps each statement's parameter a few MB). */
const ROWS_PER_BATCH = 2000;

export interface BuildReportInput {
  connection: CohortConnection;
  scope: ReportScope;
  scopeId: string;
  jobRole: { id: string; name: string };
}

export interface BuiltSnapshot {
  report: Report;
  /** How many candidate rows the posted batches held. */
  candidates: number;
  /** Wall time of reading the cohort, in ms (the refresh logs it among its phases). */
  readMs: number;
}

/**
 * ROWS_PER_BATCH candidate rows as one INSERT takes them: their attempt ids as a uuid[] literal
 * (uuids need no quoting), and the rows' JSON one per line (JSON.stringify never writes a raw
 * newline). PostgreSQL splits the lines and parses each row once: for 100,000 rows about a sixth
 * of the CPU `jsonb_to_recordset` took over one JSON array of `{attempt_id, position, row}`
 * (docs/performance.md, "Analytics refresh").
 */
export interface RowBatch {
  /** The first row's position (best first, from 0); the others follow in order. */
  position: number;
  attemptIds: string;
  rows: string;
}

/** The candidate rows best first, ROWS_PER_BATCH to a batch, each built when its batch is written. */
export function* rowBatches(candidates: { candidates: number; rows(start: number, end: number): readonly CandidateRow[] }): Generator<RowBatch> {
  for (let start = 0; start < candidates.candidates; start += ROWS_PER_BATCH) {
    const rows = candidates.rows(start, Math.min(start + ROWS_PER_BATCH, candidates.candidates));
    yield { position: start, attemptIds: `{${rows.map((row) => row.attemptId).join(',')}}`, rows: rows.map((row) => JSON.stringify(row)).join('\n') };
  }
}

/**
 * Posts every batch of candidate rows (in order), then builds and answers the report: the
 * database inserts the rows while the rest of them and the report (the item analysis, for a paper
 * version) are computed.
 */
export function buildSnapshot(cohort: Cohort, jobRole: { id: string; name: string }, post: (batch: RowBatch) => void): Omit<BuiltSnapshot, 'readMs'> {
  const builder = reportBuilder(cohort, jobRole);
  for (const batch of rowBatches(builder)) post(batch);
  return { report: builder.report(), candidates: builder.candidates };
}

/** The thread's task: reads the scope's cohort, then builds its snapshot (buildSnapshot). */
export async function buildReportTask({ connection, scope, scopeId, jobRole }: BuildReportInput, post: (batch: RowBatch) => void): Promise<BuiltSnapshot> {
  const start = performance.now();
  const cohort = await readCohort(connection, scope, scopeId);
  const readMs = Math.round(performance.now() - start);
  return { ...buildSnapshot(cohort, jobRole, post), readMs };
}
