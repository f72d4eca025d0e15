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

@Module({
  imports: [entities, PapersModule],
  controllers: [InvitationsController, LinksController],
  providers: [InvitationsService, CandidatesService, LinksService, Reminders],
  exports: [InvitationsService, LinksService],
})
export class InvitationsModule {}

/** The worker's part: sending the outbox, reminders, the outbox sweep. */
@Module({
  imports: [entities, PapersModule],
  providers: [OutboxJobs, ReminderJobs, MailSender, Reminders],
})
export class InvitationsJobsModule {}
