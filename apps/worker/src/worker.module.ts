import { Module } from '@nestjs/common';
import { AnalyticsJobsModule } from '@assay/analytics';
import { AttemptsJobsModule } from '@assay/attempts';
import { AuditModule } from '@assay/audit';
import { AppConfigModule, DatabaseModule, JobRunnerModule, JobsModule, LoggingModule, RedisModule } from '@assay/core';
import { GradingJobsModule } from '@assay/grading';
import { IdentityJobsModule } from '@assay/identity';
import { InvitationsJobsModule } from '@assay/invitations';
import { PrivacyJobsModule } from '@assay/privacy';
import { WebhooksJobsModule } from '@assay/webhooks';

/** The worker process: infrastructure, the job runner, and each domain's job handlers. */
@Module({
  imports: [AppConfigModule, LoggingModule, DatabaseModule, RedisModule, JobsModule, JobRunnerModule, AuditModule, IdentityJobsModule, InvitationsJobsModule, AttemptsJobsModule, AnalyticsJobsModule, GradingJobsModule, WebhooksJobsModule.register(InvitationsJobsModule), PrivacyJobsModule],
})
export class WorkerModule {}
