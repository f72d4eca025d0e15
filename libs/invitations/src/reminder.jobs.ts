import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, JobQueue, TenantTransaction, type JobOf, type JobResult } from '@assay/core';
import { Invitation } from './entities/invitation.entity';
import { OutboxMessage } from './entities/outbox-message.entity';
import { WAITING_STATUSES } from './invitation-status';
import { Reminders } from './reminders';

/** How far ahead the reminder sweep looks: longer than its interval (JOB_SCHEDULES), so no reminder falls between two runs. */
const REMINDER_SWEEP_AHEAD = '15 minutes';
/** Invitations one sweep handles; the next run takes the rest. */
const REMINDER_SWEEP_LIMIT = 1000;

/** A UUID (version 8, name-based) from a name: the same name, the same id. */
export function deterministicUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

@Injectable()
export class ReminderJobs {
  private readonly logger = new Logger(ReminderJobs.name);

  constructor(
    private readonly tx: TenantTransaction,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly reminders: Reminders,
  ) {}

  /** Queues a reminder email unless the candidate started, the invitation was revoked, or its window moved. */
  @JobHandler(JobName.RemindInvitation)
  async remind({ tenantId, invitationId, reminder, closesAt }: JobOf<JobName.RemindInvitation>): Promise<JobResult> {
    const outboxId = await this.tx.runAs(tenantId, async (manager) => {
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

  /**
   * Reminder jobs are written only when the invitation email is sent or the window is extended; one
   * lost then (Redis down, or flushed) is queued again here before it is due, across tenants
   * (the SECURITY DEFINER function invitation_reminders_due). Scheduling is idempotent (job ids
   * from the catalogue), so a reminder still queued is left as it is.
   */
  @JobHandler(JobName.SweepReminders)
  async sweep(): Promise<JobResult> {
    const due = (await this.dataSource.query('SELECT * FROM invitation_reminders_due($1::interval, $2)', [REMINDER_SWEEP_AHEAD, REMINDER_SWEEP_LIMIT])) as {
      tenant_id: string;
      id: string;
      closes_at: Date;
      reminder_hours: number[];
    }[];
    for (const row of due) {
      await this.reminders.schedule({ id: row.id, tenantId: row.tenant_id, closesAt: row.closes_at, reminderHours: row.reminder_hours });
    }
    if (due.length > 0) this.logger.log({ invitations: due.length }, 'Re-queued due reminders');
    return due.length > 0 ? 'done' : 'skipped';
  }
}
