/**
 * `buildReport` as a task for a worker thread (ReportThreads): a cohort of 100,000 attempts is
 * seconds of CPU that must not hold the worker's event loop, where BullMQ renews job locks and
 * candidates' deadlines and scores are handled. The attempts come in as columns and the candidate
 * rows go back as the JSON the database is sent (cohort-transfer.ts says why), posted batch by
 * batch as they are built, before the report, so the database inserts the first batches while the
 * thread builds the next and the report.
 */
import { reportBuilder, type CandidateRow, type Report } from './build-report';
import type { Cohort } from './cohort';
import { unpackAttempts, type PackedAttempts } from './cohort-transfer';

/** How many candidate rows one INSERT carries (keeps each statement's parameter a few MB). */
const ROWS_PER_BATCH = 2000;

export type PackedCohort = Omit<Cohort, 'attempts'> & { attempts: PackedAttempts };

export interface BuiltSnapshot {
  report: Report;
  /** How many candidate rows the posted batches held. */
  candidates: number;
}

/** The candidate rows best first, as JSON arrays of `{attempt_id, position, row}`, ROWS_PER_BATCH each, each built when its batch is written. */
export function* rowBatches(candidates: { candidates: number; rows(start: number, end: number): readonly CandidateRow[] }): Generator<string> {
  for (let start = 0; start < candidates.candidates; start += ROWS_PER_BATCH) {
    const rows = candidates.rows(start, Math.min(start + ROWS_PER_BATCH, candidates.candidates));
    yield JSON.stringify(rows.map((row, i) => ({ attempt_id: row.attemptId, position: start + i, row })));
  }
}

/**
 * Posts every batch of candidate rows (in order), then builds and answers the report: the
 * database inserts the rows while the rest of them and the report (the item analysis, for a paper
 * version) are computed.
 */
export function buildReportTask({ cohort, jobRole }: { cohort: PackedCohort; jobRole: { id: string; name: string } }, post: (batch: string) => void): BuiltSnapshot {
  const builder = reportBuilder({ ...cohort, attempts: unpackAttempts(cohort.attempts) }, jobRole);
  for (const batch of rowBatches(builder)) post(batch);
  return { report: builder.report(), candidates: builder.candidates };
}
