import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsJobs } from './analytics.jobs';
import { AnalyticsService } from './analytics.service';

@Module({
  controllers: [AnalyticsController],
  providers: [AnalyticsService],
})
export class AnalyticsModule {}

/** The worker's part: the debounced snapshot refresh. */
@Module({
  providers: [AnalyticsService, AnalyticsJobs],
})
export class AnalyticsJobsModule {}
