/**
 * `buildReport` as a task for a worker thread (ReportThreads): a cohort of 100,000 attempts is
 * seconds of CPU that must not hold the worker's event loop, where BullMQ renews job locks and
 * candidates' deadlines and scores are handled. Plain data in and out (structured clone).
 */
import { buildReport, type BuiltReport } from './build-report';
import type { Cohort } from './cohort';

export function buildReportTask({ cohort, jobRole }: { cohort: Cohort; jobRole: { id: string; name: string } }): BuiltReport {
  return buildReport(cohort, jobRole);
}
