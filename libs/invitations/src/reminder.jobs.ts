import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobQueue, TenantTransaction, type JobOf, type JobResult } from '@assay/core';
import { Invitation } from './entities/invitation.entity';
import { OutboxMessage } from './entities/outbox-message.entity';
import { WAITING_STATUSES } from './invitation-status';

@Injectable()
export class ReminderJobs {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly jobs: JobQueue,
  ) {}

  /** Queues a reminder email unless the candidate started, the invitation was revoked, or its window moved. */
  @JobHandler(JobName.RemindInvitation)
  async remind({ tenantId, invitationId, closesAt }: JobOf<JobName.RemindInvitation>): Promise<JobResult> {
    const outboxId = await this.tx.run(async (manager) => {
      const invitation = await manager.findOne(Invitation, { where: { id: invitationId }, relations: { candidate: true } });
      if (!invitation?.candidate || !WAITING_STATUSES.includes(invitation.status)) return null;
      if (invitation.closesAt.toISOString() !== closesAt || invitation.closesAt.getTime() <= Date.now()) return null;
      const message = await manager.save(
        manager.create(OutboxMessage, { kind: 'reminder', invitationId, toAddress: invitation.candidate.email, status: 'pending', attempts: 0 }),
      );
      return message.id;
    });
    if (!outboxId) return 'skipped';
    await this.jobs.enqueue(JobName.SendOutboxMessage, { tenantId, outboxId }, { jobId: outboxId });
    return 'done';
  }
}
