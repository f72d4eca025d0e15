import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, type JobResult } from '@assay/core';
import { LoginThrottle } from './login-throttle';

@Injectable()
export class MaintenanceJobs {
  private readonly logger = new Logger(MaintenanceJobs.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly loginThrottle: LoginThrottle,
  ) {}

  /** Hourly: drops expired and long-revoked refresh tokens of every tenant, and forgotten login failures. Safe to run twice. */
  @JobHandler(JobName.PurgeExpired)
  async purgeExpired(): Promise<JobResult> {
    const [{ purged }] = await this.dataSource.query('SELECT maintenance_purge_expired() AS purged');
    const throttles = await this.loginThrottle.purgeForgotten();
    this.logger.log({ purged, throttles }, 'Purged expired refresh tokens and forgotten login failures');
    return purged + throttles > 0 ? 'done' : 'skipped';
  }
}
