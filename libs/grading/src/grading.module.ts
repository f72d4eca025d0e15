import { Module } from '@nestjs/common';
import { AttemptsJobsModule } from '@assay/attempts';
import { PapersModule } from '@assay/papers';
import { WebhooksModule } from '@assay/webhooks';
import { GraderQueuesController, GradingAdminController, GradingLeadController, GradingTasksController } from './grading.controller';
import { GraderQueuesService } from './grader-queues.service';
import { GradingIntakeService } from './grading-intake.service';
import { GradingLeadService } from './grading-lead.service';
import { GradingProgressService } from './grading-progress.service';
import { GradingQueueService } from './grading-queue.service';
import { GradingSettingsService } from './grading-settings.service';
import { GradingJobs } from './grading.jobs';
import { MarkingService } from './marking.service';
import { GradingPrivacy } from './grading-privacy';
import { GradingSimilarity } from './grading-similarity';

@Module({
  imports: [PapersModule],
  controllers: [GraderQueuesController, GradingTasksController, GradingLeadController, GradingAdminController],
  providers: [GradingSettingsService, MarkingService, GradingQueueService, GradingLeadService, GradingProgressService, GraderQueuesService],
})
export class GradingModule {}

/** The worker's part: task creation, lease release, finalisation, the sweep. */
@Module({
  imports: [AttemptsJobsModule, PapersModule, WebhooksModule],
  providers: [GradingSettingsService, GradingSimilarity, GradingIntakeService, GradingJobs],
})
export class GradingJobsModule {}

/** The grading domain's part of erasure and export (docs/privacy.md), for the privacy library. */
@Module({
  providers: [GradingPrivacy],
  exports: [GradingPrivacy],
})
export class GradingPrivacyModule {}
