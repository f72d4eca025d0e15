import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobQueue, TenantTransaction, type JobOf, type JobResult } from '@assay/core';
import { Invitation } from './entities/invitation.entity';
import { OutboxMessage } from './entities/outbox-message.entity';
import { WAITING_STATUSES } from './invitation-status';

/** A UUID (version 8, name-based) from a name: the same name, the same id. */
export function deterministicUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

@Injectable()
export class ReminderJobs {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly jobs: JobQueue,
  ) {}

  /** Queues a reminder email unless the candidate started, the invitation was revoked, or its window moved. */
  @JobHandler(JobName.RemindInvitation)
  async remind({ tenantId, invitationId, reminder, closesAt }: JobOf<JobName.RemindInvitation>): Promise<JobResult> {
    const outboxId = await this.tx.run(async (manager) => {
      const invitation = await manager.findOne(Invitation, { where: { id: invitationId }, relations: { candidate: true } });
      if (!invitation?.candidate || !WAITING_STATUSES.includes(invitation.status)) return null;
      if (invitation.closesAt.toISOString() !== closesAt || invitation.closesAt.getTime() <= Date.now()) return null;
      // The row id comes from the job, so a retry after a failed enqueue finds the same row
      // instead of writing (and sending) a second reminder.
      const id = deterministicUuid(`${invitationId}:reminder:${reminder}:${closesAt}`);
      await manager
        .createQueryBuilder()
        .insert()
        .into(OutboxMessage)
        .values({ id, kind: 'reminder', invitationId, toAddress: invitation.candidate.email, status: 'pending', attempts: 0 })
        .orIgnore()
        .execute();
      return id;
    });
    if (!outboxId) return 'skipped';
    await this.jobs.enqueue(JobName.SendOutboxMessage, { tenantId, outboxId });
    return 'done';
  }
}
