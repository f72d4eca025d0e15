import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, JobQueue, type JobOf, type JobResult } from '@assay/core';
import { PrivacyService } from './privacy.service';

/** Candidates listed per sweep; the next hourly sweep takes the rest, so a backlog drains in batches. */
export const RETENTION_BATCH = 500;

/** Retention (docs/privacy.md): the hourly sweep finds candidates past their company's period and queues one erasure each. */
@Injectable()
export class PrivacyJobs {
  private readonly logger = new Logger(PrivacyJobs.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly privacy: PrivacyService,
  ) {}

  /**
   * Across tenants, through the narrow SECURITY DEFINER function candidates_past_retention (ids
   * only). An erasure lost with Redis, or one that failed, is listed again by the next sweep
   * until it is done: a candidate stays listed until `erased_at` is set.
   */
  @JobHandler(JobName.SweepRetention)
  async sweep(): Promise<JobResult> {
    const rows = (await this.dataSource.query('SELECT tenant_id, id FROM candidates_past_retention($1)', [RETENTION_BATCH])) as { tenant_id: string; id: string }[];
    if (rows.length === 0) return 'skipped';
    await this.jobs.requeue(JobName.EraseCandidate, rows.map((r) => ({ tenantId: r.tenant_id, candidateId: r.id })));
    this.logger.log({ found: rows.length }, 'Queued erasures past retention');
    return 'done';
  }

  /** One candidate in one transaction; skipped when already erased or no longer due. */
  @JobHandler(JobName.EraseCandidate)
  async erase(data: JobOf<JobName.EraseCandidate>): Promise<JobResult> {
    return (await this.privacy.eraseExpired(data.tenantId, data.candidateId)) ? 'done' : 'skipped';
  }
}
