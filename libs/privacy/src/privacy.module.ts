import { Module } from '@nestjs/common';
import { AnalyticsPrivacyModule } from '@assay/analytics';
import { AttemptsJobsModule, AttemptsModule } from '@assay/attempts';
import { GradingPrivacyModule } from '@assay/grading';
import { InvitationsModule } from '@assay/invitations';
import { WebhooksModule } from '@assay/webhooks';
import { PrivacyController } from './privacy.controller';
import { PrivacyJobs } from './privacy.jobs';
import { PrivacyService } from './privacy.service';

/** The owners whose exported services carry out an erasure or an export (attempts' differs between API and worker). */
const OWNERS = [InvitationsModule, GradingPrivacyModule, AnalyticsPrivacyModule, WebhooksModule];

/** The admins' API: erasure and export of one candidate. */
@Module({
  imports: [...OWNERS, AttemptsModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}

/** The worker's part: the retention sweep and its erasures. */
@Module({
  imports: [...OWNERS, AttemptsJobsModule],
  providers: [PrivacyService, PrivacyJobs],
})
export class PrivacyJobsModule {}
