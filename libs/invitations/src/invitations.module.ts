import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PapersModule } from '@assay/papers';
import { StaffMail } from '@assay/core';
import { WebhooksModule } from '@assay/webhooks';
import { CandidatePrivacy } from './candidate-privacy';
import { CandidatesService } from './candidates.service';
import { Candidate } from './entities/candidate.entity';
import { Invitation } from './entities/invitation.entity';
import { OutboxMessage } from './entities/outbox-message.entity';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { LinksController } from './links.controller';
import { LinksService } from './links.service';
import { MailSender } from './mail/mail-sender';
import { OutboxJobs } from './mail/outbox.jobs';
import { OutboxStaffMail } from './mail/outbox-staff-mail';
import { ReminderJobs } from './reminder.jobs';
import { Reminders } from './reminders';

const entities = TypeOrmModule.forFeature([Candidate, Invitation, OutboxMessage]);

/** Services other domains use (attempts start from a link and move the invitation on). */
@Module({
  imports: [entities, PapersModule, WebhooksModule],
  providers: [InvitationsService, CandidatesService, LinksService, Reminders, CandidatePrivacy],
  exports: [InvitationsService, CandidatesService, LinksService, CandidatePrivacy],
})
export class InvitationsModule {}

/** The HTTP side, mounted by the API only (its rate-limited links need the API's throttler). */
@Module({
  imports: [InvitationsModule],
  controllers: [InvitationsController, LinksController],
})
export class InvitationsApiModule {}

/** The worker's part: sending the outbox, reminders, the outbox sweep; `StaffMail` for other domains' notices to admins. */
@Module({
  imports: [entities, PapersModule, InvitationsModule],
  providers: [OutboxJobs, ReminderJobs, MailSender, Reminders, { provide: StaffMail, useClass: OutboxStaffMail }],
  exports: [StaffMail],
})
export class InvitationsJobsModule {}
