import { Module } from '@nestjs/common';
import { InvitationsModule } from '@assay/invitations';
import { AttemptReportsService } from './attempt-reports.service';
import { AttemptJobs } from './attempt.jobs';
import { AttemptStartController, CandidateAttemptsController, StaffAttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';
import { AutosaveRoute } from './autosave.route';
import { PaperSnapshots } from './paper-snapshots';

@Module({
  imports: [InvitationsModule],
  controllers: [AttemptStartController, CandidateAttemptsController, StaffAttemptsController],
  providers: [AttemptsService, AttemptReportsService, PaperSnapshots, AutosaveRoute],
  exports: [AttemptsService],
})
export class AttemptsModule {}

/** The worker's part: deadline auto-submit, scoring, the overdue sweep. */
@Module({
  imports: [InvitationsModule],
  providers: [AttemptsService, PaperSnapshots, AttemptJobs],
  exports: [AttemptsService],
})
export class AttemptsJobsModule {}
