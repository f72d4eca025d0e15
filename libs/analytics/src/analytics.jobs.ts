import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, type JobOf, type JobResult } from '@assay/core';
import { AnalyticsService } from './analytics.service';

@Injectable()
export class AnalyticsJobs {
  constructor(private readonly analytics: AnalyticsService) {}

  /** Recomputes one snapshot from scratch: running it twice gives the same snapshot. */
  @JobHandler(JobName.RefreshAnalytics)
  refresh({ scope, scopeId }: JobOf<JobName.RefreshAnalytics>): Promise<JobResult> {
    return this.analytics.refresh(scope, scopeId);
  }
}
