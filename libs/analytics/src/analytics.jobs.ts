import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, JobQueue, type JobOf, type JobResult } from '@assay/core';
import { analyticsRefreshJob } from './analytics-refresh';
import { AnalyticsService } from './analytics.service';
import type { ReportScope } from './cohort';

/** A change younger than this still has its debounced refresh on the way. */
const SETTLED = '1 minute';
/** How far back the sweep looks for changes whose refresh was lost. */
const LOOKBACK = '1 day';
/** Scopes re-queued per sweep; the next run takes the rest. */
const SWEEP_LIMIT = 500;

@Injectable()
export class AnalyticsJobs {
  private readonly logger = new Logger(AnalyticsJobs.name);

  constructor(
    private readonly analytics: AnalyticsService,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  /** Recomputes one snapshot from scratch: running it twice gives the same snapshot. */
  @JobHandler(JobName.RefreshAnalytics)
  refresh({ scope, scopeId }: JobOf<JobName.RefreshAnalytics>): Promise<JobResult> {
    return this.analytics.refresh(scope, scopeId);
  }

  /**
   * Every minute, across tenants (analytics_stale_scopes): reports with an attempt scored or
   * graded after their snapshot was computed, whose refresh was lost, are queued again.
   */
  @JobHandler(JobName.SweepAnalytics)
  async sweep(): Promise<JobResult> {
    const rows = (await this.dataSource.query('SELECT tenant_id, scope, scope_id FROM analytics_stale_scopes($1::interval, $2::interval, $3)', [SETTLED, LOOKBACK, SWEEP_LIMIT])) as {
      tenant_id: string;
      scope: ReportScope;
      scope_id: string;
    }[];
    await this.jobs.enqueueMany(
      JobName.RefreshAnalytics,
      rows.map((row) => analyticsRefreshJob(row.tenant_id, row.scope, row.scope_id)),
    );
    if (rows.length > 0) this.logger.log({ found: rows.length }, 'Re-queued lost analytics refreshes');
    return rows.length > 0 ? 'done' : 'skipped';
  }
}
