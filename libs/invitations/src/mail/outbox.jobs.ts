import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, DEFAULT_JOB_OPTIONS, DomainError, JobHandler, JobName, JobQueue, TenantTransaction, type JobOf, type JobResult } from '@assay/core';
import { Tenant } from '@assay/identity';
import { PublishedPapers } from '@assay/papers';
import { Invitation } from '../entities/invitation.entity';
import { OutboxMessage } from '../entities/outbox-message.entity';
import { WAITING_STATUSES } from '../invitation-status';
import { linkToken } from '../link-token';
import { Reminders } from '../reminders';
import { MailSender } from './mail-sender';
import { InvitationsService } from '../invitations.service';
import { renderInvitationMail, renderStaffNotice, type RenderedMail } from './mail-templates';

const MAX_ATTEMPTS = DEFAULT_JOB_OPTIONS.attempts ?? 5;

@Injectable()
export class OutboxJobs {
  private readonly logger = new Logger(OutboxJobs.name);

  constructor(
    private readonly tx: TenantTransaction,
    private readonly dataSource: DataSource,
    private readonly papers: PublishedPapers,
    private readonly sender: MailSender,
    private readonly reminders: Reminders,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly invitations: InvitationsService,
  ) {}

  /**
   * Delivers one outbox row exactly once as far as SMTP allows: the row is locked FOR UPDATE for
   * the whole send, so a duplicate job waits and then finds it sent; a worker killed mid-send
   * rolls the transaction back (row still pending) before the server accepted the message, and
   * the retry sends it. Only a crash between the server's "250 OK" and the commit can repeat a
   * message, which then carries the same Message-ID.
   */
  @JobHandler(JobName.SendOutboxMessage)
  async send({ outboxId }: JobOf<JobName.SendOutboxMessage>, job: Job): Promise<JobResult> {
    let failure: Error | null = null;
    const outcome = await this.tx.run(async (manager) => {
      const message = await manager
        .createQueryBuilder(OutboxMessage, 'o')
        .setLock('pessimistic_write')
        .where('o.id = :outboxId', { outboxId })
        .getOne();
      if (!message || message.status !== 'pending') return 'skipped' as const;
      const tenant = await manager.findOne(Tenant, { where: {} });
      if (!tenant) return 'skipped' as const;
      const rendered = message.notice
        ? { mail: renderStaffNotice(message.notice, tenant.locale, tenant.name), invitation: null }
        : await this.renderInvitation(manager, message, tenant);
      if (rendered === 'skipped') return 'skipped' as const;
      const { mail, invitation } = rendered;
      try {
        await this.sender.send(message.toAddress, mail, message.id);
      } catch (error) {
        failure = error as Error;
        const attempts = message.attempts + 1;
        await manager.update(OutboxMessage, { id: outboxId }, {
          attempts,
          lastError: failure.message.slice(0, 500),
          status: job.attemptsMade + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending',
        });
        return 'failed' as const;
      }
      await manager.update(OutboxMessage, { id: outboxId }, { status: 'sent', sentAt: new Date(), attempts: message.attempts + 1, subject: mail.subject });
      if (invitation && message.kind === 'invitation') {
        // The first invitation email: `sent` (unless the candidate already opened a link) and the
        // webhook event, once; a resend only moves sent_at.
        const [, first] = (await manager.query(
          `UPDATE invitations SET status = CASE WHEN status = 'created' THEN 'sent' ELSE status END, sent_at = now(), updated_at = now() WHERE id = $1 AND sent_at IS NULL`,
          [invitation.id],
        )) as [unknown, number];
        if (first === 0) await manager.update(Invitation, { id: invitation.id }, { sentAt: new Date() });
        else await this.invitations.emitEvent(manager, 'invitation.sent', invitation.id);
      }
      return { sent: invitation };
    });
    if (failure) throw new Error(`Sending outbox message ${outboxId} failed; will retry`, { cause: failure });
    if (outcome === 'skipped' || outcome === 'failed') return 'skipped';
    if (outcome.sent && (await this.isFirstInvitationMail(outcome.sent.id))) await this.reminders.schedule(outcome.sent);
    return 'done';
  }

  /** Every minute: re-queue messages still pending after a while (their job was lost). */
  @JobHandler(JobName.DispatchOutbox)
  async dispatch(): Promise<JobResult> {
    const stale: { tenant_id: string; id: string }[] = await this.dataSource.query('SELECT * FROM outbox_stale_pending($1::interval, 1000)', ['2 minutes']);
    if (stale.length === 0) return 'skipped';
    await this.jobs.requeue(
      JobName.SendOutboxMessage,
      stale.map((row) => ({ tenantId: row.tenant_id, outboxId: row.id })),
    );
    this.logger.log({ requeued: stale.length }, 'Re-queued pending outbox messages');
    return 'done';
  }

  /** The invitation email or reminder of `message`, or 'skipped' (with the reason on the row) when it is no longer worth sending. */
  private async renderInvitation(manager: EntityManager, message: OutboxMessage, tenant: Tenant): Promise<{ mail: RenderedMail; invitation: Invitation } | 'skipped'> {
    const invitation = message.invitationId ? await manager.findOne(Invitation, { where: { id: message.invitationId }, relations: { candidate: true } }) : null;
    if (!invitation?.candidate || message.kind === 'staff_notice') return 'skipped';
    if (!WAITING_STATUSES.includes(invitation.status) || invitation.closesAt.getTime() <= Date.now()) {
      // Revoked, started or expired since it was queued: nothing worth sending any more.
      await manager.update(OutboxMessage, { id: message.id }, { status: 'failed', lastError: `invitation is ${invitation.status}` });
      return 'skipped';
    }
    let paper;
    try {
      paper = await this.papers.latest(manager, invitation.paperId);
    } catch (error) {
      // Archived or unpublished since the invitation: retrying cannot help; say why on the row.
      if (!(error instanceof DomainError)) throw error;
      await manager.update(OutboxMessage, { id: message.id }, { status: 'failed', lastError: error.message });
      return 'skipped';
    }
    const mail = renderInvitationMail({
      kind: message.kind,
      locale: invitation.locale ?? tenant.locale,
      tenantName: tenant.name,
      candidateName: invitation.candidate.name,
      paperTitle: paper.title,
      jobRoleName: paper.jobRoleName,
      durationMinutes: Math.round(paper.durationMinutes * (1 + invitation.extraTimePercent / 100)),
      questionCount: paper.questionCount,
      opensAt: invitation.opensAt,
      closesAt: invitation.closesAt,
      link: `${this.config.PUBLIC_URL}/t/${linkToken(this.config.LINK_SECRET, invitation.id, invitation.tokenVersion)}`,
      timeZone: this.config.MAIL_TIME_ZONE,
    });
    return { mail, invitation };
  }

  /** Resends do not schedule reminders again: the first invitation mail already did. */
  private async isFirstInvitationMail(invitationId: string): Promise<boolean> {
    return this.tx.run(async (manager) => (await manager.count(OutboxMessage, { where: { invitationId, kind: 'invitation', status: 'sent' } })) === 1);
  }
}
