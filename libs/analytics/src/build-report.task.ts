/**
 * `buildReport` as a task for a worker thread (ReportThreads): a cohort of 100,000 attempts is
 * seconds of CPU that must not hold the worker's event loop, where BullMQ renews job locks and
 * candidates' deadlines and scores are handled. The attempts come in as columns and the candidate
 * rows go back as the JSON the database is sent (cohort-transfer.ts says why).
 */
import { buildReport, type CandidateRow, type Report } from './build-report';
import type { Cohort } from './cohort';
import { unpackAttempts, type PackedAttempts } from './cohort-transfer';

/** How many candidate rows one INSERT carries (keeps each statement's parameter a few MB). */
const ROWS_PER_BATCH = 2000;

export type PackedCohort = Omit<Cohort, 'attempts'> & { attempts: PackedAttempts };

export interface BuiltSnapshot {
  report: Report;
  /** How many candidate rows the batches hold. */
  candidates: number;
  /** The candidate rows best first, as JSON arrays of `{attempt_id, position, row}`, ROWS_PER_BATCH each. */
  batches: string[];
}

export function rowBatches(candidates: readonly CandidateRow[]): string[] {
  const batches: string[] = [];
  for (let start = 0; start < candidates.length; start += ROWS_PER_BATCH) {
    batches.push(JSON.stringify(candidates.slice(start, start + ROWS_PER_BATCH).map((row, i) => ({ attempt_id: row.attemptId, position: start + i, row }))));
  }
  return batches;
}

export function buildReportTask({ cohort, jobRole }: { cohort: PackedCohort; jobRole: { id: string; name: string } }): BuiltSnapshot {
  const { report, candidates } = buildReport({ ...cohort, attempts: unpackAttempts(cohort.attempts) }, jobRole);
  return { report, candidates: candidates.length, batches: rowBatches(candidates) };
}
