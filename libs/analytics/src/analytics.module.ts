import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsPrivacy } from './analytics-privacy';
import { AnalyticsJobs } from './analytics.jobs';
import { AnalyticsService } from './analytics.service';
import { CandidateResultsController } from './candidate-results.controller';
import { CandidateResultsService } from './candidate-results.service';
import { ReportThreads } from './report-threads';

@Module({
  controllers: [AnalyticsController, CandidateResultsController],
  providers: [AnalyticsService, ReportThreads, CandidateResultsService],
})
export class AnalyticsModule {}

/** The worker's part: the debounced snapshot refresh. */
@Module({
  providers: [AnalyticsService, AnalyticsJobs, ReportThreads],
})
export class AnalyticsJobsModule {}

/** The analytics part of erasure (docs/privacy.md), for the privacy library. */
@Module({
  providers: [AnalyticsPrivacy],
  exports: [AnalyticsPrivacy],
})
export class AnalyticsPrivacyModule {}
