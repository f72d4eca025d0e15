import { JobName, type JobOf } from '@assay/core';
import type { ReportScope } from './cohort';

/**
 * The debounce: refresh requests within one window are the same job (its id holds the window),
 * delayed to the window's end, so a burst of scorings (a whole cohort submitting at the deadline)
 * costs one refresh per window and scope instead of one per attempt.
 */
export const REFRESH_WINDOW_MS = 10_000;

type RefreshJob = { data: JobOf<JobName.RefreshAnalytics>; delayMs: number };

/** The refresh of one scope, in the window of `now`. */
export function analyticsRefreshJob(tenantId: string, scope: ReportScope, scopeId: string, now = Date.now()): RefreshJob {
  const window = Math.floor(now / REFRESH_WINDOW_MS);
  return { data: { tenantId, scope, scopeId, window }, delayMs: (window + 1) * REFRESH_WINDOW_MS - now };
}

/** After an attempt is scored or graded: its paper version's report and its job role's. */
export function analyticsRefreshJobs(tenantId: string, scopes: { paperVersionId: string; jobRoleId: string }, now = Date.now()): RefreshJob[] {
  return [analyticsRefreshJob(tenantId, 'paper_version', scopes.paperVersionId, now), analyticsRefreshJob(tenantId, 'job_role', scopes.jobRoleId, now)];
}
