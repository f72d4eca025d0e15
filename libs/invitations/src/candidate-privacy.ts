import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@assay/core';
import { Candidate } from './entities/candidate.entity';
import { Invitation } from './entities/invitation.entity';
import { OutboxMessage } from './entities/outbox-message.entity';
import { WAITING_STATUSES } from './invitation-status';
import { hashLinkToken } from './link-token';

/** What an erased candidate's row says instead of their name (the column requires a name). */
export const ERASED_NAME = '[erased]';

/** An address that names nobody and can never be delivered (`.invalid`, RFC 2606), unique per candidate. */
export function erasedEmail(candidateId: string): string {
  return `erased-${candidateId}@erased.invalid`;
}

export interface CandidateRecord {
  candidate: Candidate;
  /** Without their link's hash (never selected). */
  invitations: Invitation[];
}

export interface CandidateMailRecord {
  kind: string;
  invitationId: string | null;
  toAddress: string;
  subject: string | null;
  status: string;
  sentAt: Date | null;
  createdAt: Date;
}

/**
 * The invitations domain's part of a data-subject request (docs/privacy.md): its own tables only
 * (`candidates`, `invitations`, `outbox_messages`), always in the caller's transaction so the
 * whole erasure of one person commits or rolls back as one.
 */
@Injectable()
export class CandidatePrivacy {
  /**
   * The candidate and their invitations; 404 when the id is not one of the tenant's candidates
   * (row-level security hides others'). `lock` (for an erasure) holds the candidate's row until
   * the transaction ends, so no invitation is added meanwhile.
   */
  async find(manager: EntityManager, candidateId: string, options: { lock: boolean }): Promise<CandidateRecord> {
    const candidate = await manager.findOne(Candidate, { where: { id: candidateId }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!candidate) throw DomainError.notFound('candidate');
    const invitations = await manager.find(Invitation, { where: { candidateId }, order: { createdAt: 'ASC' } });
    return { candidate, invitations };
  }

  /** The emails written to the candidate: addresses, subjects, states (bodies are never stored). */
  mails(manager: EntityManager, invitationIds: string[]): Promise<CandidateMailRecord[]> {
    return manager
      .createQueryBuilder(OutboxMessage, 'o')
      .select(['o.kind', 'o.invitationId', 'o.toAddress', 'o.subject', 'o.status', 'o.sentAt', 'o.createdAt'])
      .where('o.invitationId = ANY(:ids)', { ids: invitationIds })
      .orderBy('o.createdAt', 'ASC')
      .getMany();
  }

  /**
   * Erases the person from the invitations domain: name, email, phone and ATS id become
   * placeholders or null; invitations lose their ATS id, and those still waiting are revoked (the
   * link dies, reminders skip themselves); their emails lose address, subject and error text, and
   * those not yet sent will never be. Ids, statuses and times stay: the anonymised history.
   */
  async erase(manager: EntityManager, record: CandidateRecord): Promise<{ invitations: number; emails: number }> {
    const candidateId = record.candidate.id;
    await manager.update(Candidate, { id: candidateId }, { name: ERASED_NAME, email: erasedEmail(candidateId), phone: null, externalId: null, erasedAt: new Date() });
    const waiting = record.invitations.filter((i) => WAITING_STATUSES.includes(i.status)).map((i) => i.id);
    for (const id of waiting) {
      await manager.update(Invitation, { id }, { status: 'revoked', revokedAt: new Date(), tokenHash: hashLinkToken(randomUUID()) });
    }
    const ids = record.invitations.map((i) => i.id);
    await manager.query('UPDATE invitations SET external_id = NULL, updated_at = now() WHERE id = ANY($1)', [ids]);
    const emails = (await manager.query(
      `UPDATE outbox_messages
          SET to_address = $2, subject = NULL, last_error = NULL,
              status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END, updated_at = now()
        WHERE invitation_id = ANY($1)`,
      [ids, erasedEmail(candidateId)],
    )) as [unknown, number];
    return { invitations: ids.length, emails: emails[1] };
  }
}
