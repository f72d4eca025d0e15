import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { eraseIdempotentResponses, TenantTransaction } from '@assay/core';
import { AnalyticsPrivacy } from '@assay/analytics';
import { AttemptPrivacy } from '@assay/attempts';
import { GradingPrivacy } from '@assay/grading';
import { CandidatePrivacy, ERASED_NAME, erasedEmail, type CandidateRecord } from '@assay/invitations';
import { WebhookPrivacy } from '@assay/webhooks';
import { CANDIDATE_EXPORT_FORMAT, type CandidateExport, type ErasureReport } from './privacy-records';

/**
 * Data-subject requests and retention for one candidate (docs/privacy.md), orchestrated here and
 * carried out by each table's owner through its exported service, all in one transaction: an
 * erasure commits whole or not at all, and a retried one finds nothing left and does no harm.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);

  constructor(
    private readonly tx: TenantTransaction,
    private readonly candidates: CandidatePrivacy,
    private readonly attempts: AttemptPrivacy,
    private readonly grading: GradingPrivacy,
    private readonly analytics: AnalyticsPrivacy,
    private readonly webhooks: WebhookPrivacy,
  ) {}

  /** An admin's erasure on the person's request. */
  erase(candidateId: string): Promise<ErasureReport> {
    return this.tx.run((manager) => this.eraseIn(manager, candidateId, 'request'));
  }

  /**
   * The retention job's erasure: only if the candidate, now locked, is still past their company's
   * period (a new invitation since the sweep listed them is new activity) and not erased yet.
   */
  eraseExpired(tenantId: string, candidateId: string): Promise<ErasureReport | null> {
    return this.tx.runAs(tenantId, async (manager) => {
      await this.candidates.find(manager, candidateId, { lock: true });
      const [due] = (await manager.query('SELECT id FROM candidates_past_retention(1, $1) WHERE tenant_id = app_current_tenant()', [candidateId])) as { id: string }[];
      return due ? this.eraseIn(manager, candidateId, 'retention') : null;
    });
  }

  /** Everything held about one candidate, as one JSON document (their right of access). */
  export(candidateId: string): Promise<CandidateExport> {
    return this.tx.run(async (manager) => {
      const record = await this.candidates.find(manager, candidateId, { lock: false });
      const invitationIds = record.invitations.map((i) => i.id);
      const attempts = await this.attempts.find(manager, invitationIds, { lock: false });
      const attemptIds = attempts.map((a) => a.id);
      const { responses, events } = await this.attempts.export(manager, attemptIds);
      const grading = await this.grading.export(manager, attemptIds);
      return {
        format: CANDIDATE_EXPORT_FORMAT,
        exportedAt: new Date().toISOString(),
        candidate: record.candidate,
        invitations: record.invitations,
        emails: await this.candidates.mails(manager, invitationIds),
        attempts,
        answers: responses,
        attemptEvents: events,
        grading,
        webhookEvents: await this.webhooks.events(manager, candidateId),
      };
    });
  }

  private async eraseIn(manager: EntityManager, candidateId: string, reason: 'request' | 'retention'): Promise<ErasureReport> {
    const record = await this.candidates.find(manager, candidateId, { lock: true });
    const invitationIds = record.invitations.map((i) => i.id);
    const attempts = await this.attempts.find(manager, invitationIds, { lock: true });
    const attemptIds = attempts.map((a) => a.id);
    // Read before the candidate's own row is erased: the stored answers are found by their email.
    const idempotentResponses = await eraseIdempotentResponses(manager, needles(record));
    const attemptCounts = await this.attempts.erase(manager, attempts);
    const gradingCounts = await this.grading.erase(manager, attemptIds);
    const analyticsRows = await this.analytics.erase(manager, attemptIds, { name: ERASED_NAME, email: erasedEmail(candidateId) });
    const webhookEvents = await this.webhooks.erase(manager, candidateId);
    const invitationCounts = await this.candidates.erase(manager, record);
    const report: ErasureReport = {
      candidateId,
      erasedAt: new Date().toISOString(),
      invitations: invitationCounts.invitations,
      emails: invitationCounts.emails,
      attempts: attemptCounts.attempts,
      answers: attemptCounts.answers,
      attemptEvents: attemptCounts.events,
      gradingAnswers: gradingCounts.answers,
      gradingMarks: gradingCounts.marks,
      analyticsRows,
      webhookEvents,
      idempotentResponses,
    };
    // Ids and counts only: this line must not carry what it reports erased.
    this.logger.log({ ...report, reason }, 'Candidate erased');
    return report;
  }
}

/** What identifies the person in a stored API answer: their ids and email (a name alone is not searched, it may be any word). */
function needles(record: CandidateRecord): string[] {
  if (record.candidate.erasedAt) return [record.candidate.id, ...record.invitations.map((i) => i.id)];
  return [record.candidate.id, record.candidate.email, ...record.invitations.map((i) => i.id)];
}
