import { Module } from '@nestjs/common';
import { InvitationsModule } from '@assay/invitations';
import { PapersModule } from '@assay/papers';
import { AttemptReportsService } from './attempt-reports.service';
import { AttemptJobs } from './attempt.jobs';
import { AttemptPrivacy } from './attempt-privacy';
import { CandidateAttemptsController, StaffAttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';
import { AutosaveRoute } from './autosave.route';
import { PaperSnapshots } from './paper-snapshots';
import { StartRoute } from './start.route';

@Module({
  imports: [InvitationsModule, PapersModule],
  controllers: [CandidateAttemptsController, StaffAttemptsController],
  providers: [AttemptsService, AttemptReportsService, PaperSnapshots, AutosaveRoute, StartRoute, AttemptPrivacy],
  exports: [AttemptsService, AttemptPrivacy],
})
export class AttemptsModule {}

/** The worker's part: deadline auto-submit, scoring, the overdue sweep. */
@Module({
  imports: [InvitationsModule, PapersModule],
  providers: [AttemptsService, PaperSnapshots, AttemptJobs, AttemptPrivacy],
  exports: [AttemptsService, AttemptPrivacy],
})
export class AttemptsJobsModule {}
