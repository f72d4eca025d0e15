import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, TenantTransaction } from '@assay/core';
import type { Invitation } from './entities/invitation.entity';

type Schedulable = Pick<Invitation, 'id' | 'closesAt' | 'reminderHours'>;

/**
 * Reminder jobs, delayed to `closesAt - hours`. Their ids carry the window end, so an extended
 * invitation gets new jobs and the old ones (cancelled, or skipped by the handler's state guard
 * if already running) can never remind for the old window.
 */
@Injectable()
export class Reminders {
  constructor(
    private readonly jobs: JobQueue,
    private readonly tx: TenantTransaction,
  ) {}

  static jobId(invitationId: string, hours: number, closesAt: Date): string {
    return `${invitationId}-r${hours}-${closesAt.getTime()}`;
  }

  async schedule(invitation: Schedulable, now = Date.now()): Promise<void> {
    const tenantId = this.tx.currentTenantId();
    for (const [index, hours] of invitation.reminderHours.entries()) {
      const at = invitation.closesAt.getTime() - hours * 3600_000;
      if (at <= now) continue;
      await this.jobs.enqueue(
        JobName.RemindInvitation,
        { tenantId, invitationId: invitation.id, reminder: index + 1, closesAt: invitation.closesAt.toISOString() },
        { jobId: Reminders.jobId(invitation.id, hours, invitation.closesAt), delayMs: at - now },
      );
    }
  }

  async cancel(invitation: Schedulable): Promise<void> {
    for (const hours of invitation.reminderHours) {
      await this.jobs.cancel(JobName.RemindInvitation, Reminders.jobId(invitation.id, hours, invitation.closesAt));
    }
  }
}
