import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { afterCommit, AppConfig, containsPattern, DomainError, JobName, JobQueue, pageOrCursor, TenantTransaction, type PageWithCursor } from '@assay/core';
import { PublishedPapers, type PublishedPaper } from '@assay/papers';
import type { InvitationRow, RowError } from './bulk/invitation-rows';
import type { CreateInvitationDto, FunnelQueryDto, InvitationQueryDto, InvitationTermsDto } from './dto/invitation.dto';
import { Candidate } from './entities/candidate.entity';
import { Invitation } from './entities/invitation.entity';
import { OutboxMessage } from './entities/outbox-message.entity';
import { INVITATION_STATUSES, type InvitationStatus } from '@assay/contracts';
import { effectiveStatus, effectiveStatusSql, WAITING_STATUSES } from './invitation-status';
import { hashLinkToken, linkToken } from './link-token';
import { Reminders } from './reminders';
import { WebhooksService, type WebhookEventData, type WebhookEventType } from '@assay/webhooks';

/** What dropping an invitation's reminders needs of it (their job ids). */
export type ReminderTarget = Pick<Invitation, 'id' | 'tenantId' | 'closesAt' | 'reminderHours'>;

export interface InvitationView extends Omit<Invitation, 'tokenHash' | 'status'> {
  status: InvitationStatus;
}

export interface BulkResult {
  total: number;
  created: number;
  /** Candidates already invited to this paper: nothing new was created for them. */
  skipped: number;
  errors: RowError[];
}

interface NewInvitation {
  id: string;
  candidateId: string;
  extraTimePercent: number;
}

@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    private readonly tx: TenantTransaction,
    private readonly papers: PublishedPapers,
    private readonly jobs: JobQueue,
    private readonly reminders: Reminders,
    private readonly config: AppConfig,
    private readonly webhooks: WebhooksService,
  ) {}

  /** One candidate: created with the candidate (or matched by email), emailed by the worker. */
  async invite(dto: CreateInvitationDto): Promise<InvitationView> {
    const row: InvitationRow = {
      row: 1,
      name: dto.candidate.name,
      email: dto.candidate.email.toLowerCase(),
      phone: dto.candidate.phone ?? null,
      externalId: dto.candidate.externalId ?? null,
      extraTimePercent: null,
    };
    const { createdIds, outboxIds } = await this.tx.run(async (manager) => {
      const paper = await this.papers.latest(manager, dto.paperId);
      const created = await this.createInvitations(manager, paper, [row], dto, null);
      if (created.createdIds.length === 0) {
        const candidate = await manager.findOneByOrFail(Candidate, { email: row.email });
        const existing = await manager.findOneByOrFail(Invitation, { paperId: dto.paperId, candidateId: candidate.id });
        throw new DomainError('conflict', 'invitation.exists', `This candidate is already invited to this paper (invitation ${existing.id}); resend or extend it instead.`);
      }
      if (dto.externalId) await manager.update(Invitation, { id: created.createdIds[0] }, { externalId: dto.externalId });
      return created;
    });
    await this.enqueueMail(outboxIds);
    return this.get(createdIds[0]);
  }

  /** Many candidates from an upload: valid rows created in one transaction, existing ones skipped. */
  async inviteMany(paperId: string, rows: InvitationRow[], errors: RowError[], terms: InvitationTermsDto, source: string): Promise<BulkResult> {
    const { createdIds, outboxIds } = await this.tx.run(async (manager) => {
      const paper = await this.papers.latest(manager, paperId);
      return this.createInvitations(manager, paper, rows, terms, source);
    });
    await this.enqueueMail(outboxIds);
    return { total: rows.length + new Set(errors.map((e) => e.row)).size, created: createdIds.length, skipped: rows.length - createdIds.length, errors };
  }

  /** Newest first, by page number or by cursor (docs/api.md#lists). */
  list(query: InvitationQueryDto): Promise<PageWithCursor<InvitationView>> {
    return this.tx.run(async (manager) => {
      const qb = manager.createQueryBuilder(Invitation, 'i').innerJoinAndSelect('i.candidate', 'c');
      if (query.paperId) qb.andWhere('i.paperId = :paperId', { paperId: query.paperId });
      if (query.jobRoleId) qb.andWhere('i.jobRoleId = :jobRoleId', { jobRoleId: query.jobRoleId });
      if (query.candidateId) qb.andWhere('i.candidateId = :candidateId', { candidateId: query.candidateId });
      if (query.status) qb.andWhere(`${effectiveStatusSql('i')} = :status`, { status: query.status });
      if (query.externalId) qb.andWhere('i.externalId = :externalId', { externalId: query.externalId });
      if (query.candidateExternalId) qb.andWhere('c.externalId = :candidateExternalId', { candidateExternalId: query.candidateExternalId });
      if (query.q) {
        qb.andWhere('(c.name ILIKE :q OR c.email ILIKE :q OR c.externalId ILIKE :q OR i.externalId ILIKE :q)', { q: containsPattern(query.q) });
      }
      return pageOrCursor(qb, { sort: 'i.created_at', id: 'i.id', type: 'timestamptz' }, query, (i) => this.view(i));
    });
  }

  get(id: string): Promise<InvitationView> {
    return this.tx.run(async (manager) => this.view(await this.find(manager, id)));
  }

  /** Counts per status, every status present (zeros included) so charts need no gap filling. */
  funnel(query: FunnelQueryDto): Promise<{ total: number; counts: Record<InvitationStatus, number> }> {
    return this.tx.run(async (manager) => {
      const qb = manager
        .createQueryBuilder(Invitation, 'i')
        .select(`${effectiveStatusSql('i')}`, 'status')
        .addSelect('count(*)::int', 'n')
        .groupBy('1');
      if (query.paperId) qb.andWhere('i.paperId = :paperId', { paperId: query.paperId });
      if (query.jobRoleId) qb.andWhere('i.jobRoleId = :jobRoleId', { jobRoleId: query.jobRoleId });
      const rows = await qb.getRawMany<{ status: InvitationStatus; n: number }>();
      const counts = Object.fromEntries(INVITATION_STATUSES.map((s) => [s, 0])) as Record<InvitationStatus, number>;
      for (const row of rows) counts[row.status] = row.n;
      return { total: rows.reduce((sum, r) => sum + r.n, 0), counts };
    });
  }

  async revoke(id: string): Promise<InvitationView> {
    const invitation = await this.tx.run(async (manager) => {
      const found = await this.find(manager, id, { lock: true });
      if (found.status === 'revoked') return found;
      if (!WAITING_STATUSES.includes(found.status)) {
        throw new DomainError('conflict', 'invitation.already_started', 'The candidate has already started; the invitation can no longer be revoked.');
      }
      // A fresh unknown hash: the link dies at once.
      await manager.update(Invitation, { id }, { status: 'revoked', revokedAt: new Date(), tokenHash: hashLinkToken(randomUUID()) });
      return found;
    });
    await this.stopReminders(invitation);
    return this.get(id);
  }

  /** Sends the invitation again with a new link; the old link stops working now. */
  async resend(id: string): Promise<InvitationView> {
    const outboxId = await this.tx.run(async (manager) => {
      const invitation = await this.find(manager, id, { lock: true });
      if (!WAITING_STATUSES.includes(invitation.status) || effectiveStatus(invitation.status, invitation.closesAt) === 'expired') {
        throw new DomainError('conflict', 'invitation.not_resendable', 'Only an invitation that is still open and not started can be resent; extend an expired one first.');
      }
      const tokenVersion = invitation.tokenVersion + 1;
      await manager.update(Invitation, { id }, { tokenVersion, tokenHash: hashLinkToken(linkToken(this.config.LINK_SECRET, id, tokenVersion)) });
      const outbox = await manager.save(
        manager.create(OutboxMessage, { kind: 'invitation', invitationId: id, toAddress: invitation.candidate?.email, status: 'pending', attempts: 0 }),
      );
      return outbox.id;
    });
    await this.enqueueMail([outboxId]);
    return this.get(id);
  }

  /** Moves the end of the window later; reminders follow the new end. */
  async extend(id: string, closesAt: Date): Promise<InvitationView> {
    const { before, after } = await this.tx.run(async (manager) => {
      const invitation = await this.find(manager, id, { lock: true });
      if (invitation.status === 'revoked') throw new DomainError('conflict', 'invitation.revoked', 'A revoked invitation cannot be extended; invite the candidate again.');
      if (closesAt.getTime() <= invitation.closesAt.getTime()) {
        throw DomainError.invalid('invitation.window_not_later', 'The new end must be later than the current one.', [
          { field: 'closesAt', reason: `must be after ${invitation.closesAt.toISOString()}` },
        ]);
      }
      await manager.update(Invitation, { id }, { closesAt });
      return { before: invitation, after: { ...invitation, closesAt } };
    });
    // Old reminders carry the old window end, so a left-over one skips itself; new ones lost to a
    // Redis outage are queued again by the reminder sweep (ReminderJobs.sweep).
    await afterCommit(this.logger, { invitationId: id }, 'Could not move the reminders to the new window end', async () => {
      await this.reminders.cancel(before);
      if (after.sentAt) await this.reminders.schedule(after);
    });
    return this.get(id);
  }

  /**
   * After a candidate's start committed (the attempts library's `attempt_start`, which locks the
   * invitation FOR UPDATE, so a start and a revoke, resend or extend of it serialise, marks it
   * started and writes its `invitation.started` webhook event): the deliveries of that event are
   * queued and the pending reminders dropped. Not awaited by the start, best effort: a lost
   * delivery job is found by the webhook sweep, a reminder left behind skips itself.
   */
  async afterStart(invitation: ReminderTarget, webhookEndpointIds: readonly string[]): Promise<void> {
    this.webhooks.queueDeliveries(invitation.tenantId, webhookEndpointIds);
    await this.stopReminders(invitation);
  }

  /** The candidate's attempt was submitted, in the caller's transaction. */
  async markSubmitted(manager: EntityManager, id: string, submittedAt: Date, attemptId: string): Promise<void> {
    await manager.update(Invitation, { id }, { status: 'submitted', submittedAt });
    await this.emitEvent(manager, 'invitation.submitted', id, { attemptId });
  }

  /**
   * The attempt's result is final, in the caller's transaction: `invitation.graded`, then
   * `invitation.passed` or `invitation.failed` when the paper has a pass mark. A re-grade
   * (another revision of the marks) reports again.
   */
  async markGraded(manager: EntityManager, id: string, result: { attemptId: string; passed: boolean | null }): Promise<void> {
    await manager.update(Invitation, { id }, { status: 'graded' });
    await this.emitEvent(manager, 'invitation.graded', id, result);
    if (result.passed !== null) await this.emitEvent(manager, result.passed ? 'invitation.passed' : 'invitation.failed', id, result);
  }

  /**
   * A webhook event about one invitation, in the caller's transaction: its ids, the candidate's
   * id in the tenant's ATS, and `extra` (ids and outcomes only; never names, emails or answers).
   */
  async emitEvent(manager: EntityManager, type: WebhookEventType, id: string, extra: WebhookEventData = {}): Promise<void> {
    const [row] = (await manager.query(
      `SELECT i.id, i.external_id, i.candidate_id, i.paper_id, i.job_role_id, c.external_id AS candidate_external_id
         FROM invitations i JOIN candidates c ON c.id = i.candidate_id WHERE i.id = $1`,
      [id],
    )) as { id: string; external_id: string | null; candidate_id: string; paper_id: string; job_role_id: string; candidate_external_id: string | null }[];
    if (!row) return;
    await this.webhooks.emit(manager, type, {
      invitationId: row.id,
      invitationExternalId: row.external_id,
      candidateId: row.candidate_id,
      candidateExternalId: row.candidate_external_id,
      paperId: row.paper_id,
      jobRoleId: row.job_role_id,
      ...extra,
    });
  }

  /**
   * After a start or a revocation committed: drops the pending reminder jobs, best effort. One left
   * behind (Redis down) is harmless: ReminderJobs skips an invitation that is no longer waiting.
   */
  stopReminders(invitation: ReminderTarget): Promise<boolean> {
    return afterCommit(this.logger, { invitationId: invitation.id, tenantId: invitation.tenantId }, 'Could not cancel reminders; they will skip themselves', () =>
      this.reminders.cancel(invitation),
    );
  }

  private async createInvitations(
    manager: EntityManager,
    paper: PublishedPaper,
    rows: InvitationRow[],
    terms: InvitationTermsDto,
    source: string | null,
  ): Promise<{ createdIds: string[]; outboxIds: string[] }> {
    const opensAt = terms.opensAt ?? new Date();
    if (terms.closesAt.getTime() <= Math.max(opensAt.getTime(), Date.now())) {
      throw DomainError.invalid('invitation.window_invalid', 'The window must end in the future and after it opens.', [
        { field: 'closesAt', reason: 'must be later than opensAt and now' },
      ]);
    }
    if (rows.length === 0) return { createdIds: [], outboxIds: [] };
    const candidates: { id: string; email: string }[] = await manager.query(
      `INSERT INTO candidates (name, email, phone, external_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (tenant_id, email) DO UPDATE
         SET name = EXCLUDED.name,
             phone = COALESCE(EXCLUDED.phone, candidates.phone),
             external_id = COALESCE(EXCLUDED.external_id, candidates.external_id),
             updated_at = now()
       RETURNING id, email`,
      [rows.map((r) => r.name), rows.map((r) => r.email), rows.map((r) => r.phone), rows.map((r) => r.externalId)],
    );
    const candidateByEmail = new Map(candidates.map((c) => [c.email, c.id]));
    const planned: NewInvitation[] = rows.map((r) => ({
      id: randomUUID(),
      candidateId: candidateByEmail.get(r.email) as string,
      extraTimePercent: r.extraTimePercent ?? terms.extraTimePercent ?? 0,
    }));
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO invitations (id, candidate_id, paper_id, job_role_id, opens_at, closes_at, extra_time_percent, locale, reminder_hours, token_hash, source)
       SELECT id, candidate_id, $3, $4, $5, $6, extra, $7, $8, token_hash, $9
         FROM unnest($1::uuid[], $2::uuid[], $10::smallint[], $11::text[]) AS t(id, candidate_id, extra, token_hash)
       ON CONFLICT (tenant_id, paper_id, candidate_id) DO NOTHING
       RETURNING id`,
      [
        planned.map((p) => p.id),
        planned.map((p) => p.candidateId),
        paper.paperId,
        paper.jobRoleId,
        opensAt,
        terms.closesAt,
        terms.locale ?? null,
        terms.reminderHours ?? [24],
        source,
        planned.map((p) => p.extraTimePercent),
        planned.map((p) => hashLinkToken(linkToken(this.config.LINK_SECRET, p.id, 1))),
      ],
    );
    const createdIds = inserted.map((r) => r.id);
    const emailOfCandidate = new Map(candidates.map((c) => [c.id, c.email]));
    const candidateOf = new Map(planned.map((p) => [p.id, p.candidateId]));
    const outbox: { id: string }[] = await manager.query(
      `INSERT INTO outbox_messages (kind, invitation_id, to_address)
       SELECT 'invitation', * FROM unnest($1::uuid[], $2::text[])
       RETURNING id`,
      [createdIds, createdIds.map((id) => emailOfCandidate.get(candidateOf.get(id) as string))],
    );
    return { createdIds, outboxIds: outbox.map((o) => o.id) };
  }

  /** After commit; if Redis is unreachable here, the outbox sweep sends them within minutes. */
  private async enqueueMail(outboxIds: string[]): Promise<void> {
    const tenantId = this.tx.currentTenantId();
    const jobs = outboxIds.map((outboxId) => ({ data: { tenantId, outboxId } }));
    for (let i = 0; i < jobs.length; i += 1000) {
      const batch = jobs.slice(i, i + 1000);
      const queued = await afterCommit(this.logger, { tenantId, messages: jobs.length - i }, 'Queueing emails failed; the outbox sweep will send them', () =>
        this.jobs.enqueueMany(JobName.SendOutboxMessage, batch),
      );
      // Redis is unreachable: the next batches would only wait as long again.
      if (!queued) return;
    }
  }

  /**
   * `lock`: the row is locked first (FOR UPDATE), for changes that depend on its status. A
   * candidate starting (AttemptsService.start locks the same row) then either goes first, and the
   * change sees `started`, or waits for it.
   */
  private async find(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Invitation> {
    if (options.lock) await manager.query('SELECT 1 FROM invitations WHERE id = $1 FOR UPDATE', [id]);
    const invitation = await manager.findOne(Invitation, { where: { id }, relations: { candidate: true } });
    if (!invitation) throw DomainError.notFound('invitation');
    return invitation;
  }

  private view(invitation: Invitation): InvitationView {
    const { tokenHash: _secret, ...rest } = invitation;
    return { ...rest, status: effectiveStatus(invitation.status, invitation.closesAt) };
  }
}
