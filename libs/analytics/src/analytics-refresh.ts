import { JobName, type JobOf } from '@assay/core';
import type { ReportScope } from './cohort';

/**
 * The debounce: refresh requests within one window are the same job (its id holds the window),
 * delayed to the window's end, so a burst of scorings (a whole cohort submitting at the deadline)
 * costs one refresh per window and scope instead of one per attempt.
 */
export const REFRESH_WINDOW_MS = 10_000;

export function analyticsRefreshJobs(
  tenantId: string,
  scopes: { paperVersionId: string; jobRoleId: string },
  now = Date.now(),
): { data: JobOf<JobName.RefreshAnalytics>; delayMs: number }[] {
  const window = Math.floor(now / REFRESH_WINDOW_MS);
  const delayMs = (window + 1) * REFRESH_WINDOW_MS - now;
  const job = (scope: ReportScope, scopeId: string) => ({ data: { tenantId, scope, scopeId, window }, delayMs });
  return [job('paper_version', scopes.paperVersionId), job('job_role', scopes.jobRoleId)];
}
