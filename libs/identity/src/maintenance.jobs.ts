import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, type JobResult } from '@assay/core';

@Injectable()
export class MaintenanceJobs {
  private readonly logger = new Logger(MaintenanceJobs.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Hourly: drops expired and long-revoked refresh tokens of every tenant. Safe to run twice. */
  @JobHandler(JobName.PurgeExpired)
  async purgeExpired(): Promise<JobResult> {
    const [{ purged }] = await this.dataSource.query('SELECT maintenance_purge_expired() AS purged');
    this.logger.log({ purged }, 'Purged expired refresh tokens');
    return purged > 0 ? 'done' : 'skipped';
  }
}
