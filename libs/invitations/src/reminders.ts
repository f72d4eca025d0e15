import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, type JobOf } from '@assay/core';
import type { Invitation } from './entities/invitation.entity';

type Schedulable = Pick<Invitation, 'id' | 'tenantId' | 'closesAt' | 'reminderHours'>;

/** Reminder jobs, delayed to `closesAt - hours` (their ids carry the window end: see JOB_IDS). */
@Injectable()
export class Reminders {
  constructor(private readonly jobs: JobQueue) {}

  async schedule(invitation: Schedulable, now = Date.now()): Promise<void> {
    for (const [index, hours] of invitation.reminderHours.entries()) {
      const at = invitation.closesAt.getTime() - hours * 3600_000;
      if (at <= now) continue;
      await this.jobs.enqueue(JobName.RemindInvitation, reminderJob(invitation, index), { delayMs: at - now });
    }
  }

  async cancel(invitation: Schedulable): Promise<void> {
    for (const index of invitation.reminderHours.keys()) {
      await this.jobs.cancel(JobName.RemindInvitation, reminderJob(invitation, index));
    }
  }
}

function reminderJob(invitation: Schedulable, index: number): JobOf<JobName.RemindInvitation> {
  return { tenantId: invitation.tenantId, invitationId: invitation.id, reminder: index + 1, closesAt: invitation.closesAt.toISOString() };
}
