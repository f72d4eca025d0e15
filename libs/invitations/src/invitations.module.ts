import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PapersModule } from '@assay/papers';
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
import { ReminderJobs } from './reminder.jobs';
import { Reminders } from './reminders';

const entities = TypeOrmModule.forFeature([Candidate, Invitation, OutboxMessage]);

/** Services other domains use (attempts start from a link and move the invitation on). */
@Module({
  imports: [entities, PapersModule],
  providers: [InvitationsService, CandidatesService, LinksService, Reminders],
  exports: [InvitationsService, CandidatesService, LinksService],
})
export class InvitationsModule {}

/** The HTTP side, mounted by the API only (its rate-limited links need the API's throttler). */
@Module({
  imports: [InvitationsModule],
  controllers: [InvitationsController, LinksController],
})
export class InvitationsApiModule {}

/** The worker's part: sending the outbox, reminders, the outbox sweep. */
@Module({
  imports: [entities, PapersModule],
  providers: [OutboxJobs, ReminderJobs, MailSender, Reminders],
})
export class InvitationsJobsModule {}
