import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DomainError, driverPool, TenantTransaction } from '@assay/core';
import { Tenant } from '@assay/identity';
import { PublishedPapers } from '@assay/papers';
import { Invitation, type MailLocale } from './entities/invitation.entity';
import type { InvitationStatus } from '@assay/contracts';
import { effectiveStatus } from './invitation-status';
import { InvitationsService } from './invitations.service';
import { hashLinkToken, LINK_TOKEN_PATTERN } from './link-token';

/** What a candidate sees on opening the personal link: never keys, never other candidates. */
export interface InvitationIntro {
  invitationId: string;
  locale: MailLocale;
  tenantName: string;
  candidateName: string;
  paperTitle: string;
  jobRoleName: string;
  instructions: string | null;
  /** Including the candidate's extra time. */
  durationMinutes: number;
  questionCount: number;
  totalPoints: number;
  opensAt: string;
  closesAt: string;
  status: InvitationStatus;
  /** False before the window opens, after the candidate submitted, or when time is up. */
  canStart: boolean;
  serverTime: string;
}

/** One answer for a wrong, revoked, expired or foreign token: nothing to learn by probing. */
export const LINK_NOT_FOUND = () =>
  new DomainError('not_found', 'link.not_found', 'This link is not valid any more. Please use the newest email you received, or contact the company that invited you.');

@Injectable()
export class LinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TenantTransaction,
    private readonly papers: PublishedPapers,
    private readonly invitations: InvitationsService,
  ) {}

  /**
   * Finds the invitation of a token (tenant and paper included); dead links are 404. One autocommit
   * statement on the driver's pool (no tenant is known yet, so nothing to bind).
   */
  async resolve(token: string): Promise<{ tenantId: string; invitationId: string; paperId: string }> {
    if (!LINK_TOKEN_PATTERN.test(token)) throw LINK_NOT_FOUND();
    const { rows } = await driverPool(this.dataSource).query<{ tenant_id: string; invitation_id: string; paper_id: string }>(
      'SELECT tenant_id, invitation_id, paper_id FROM invitation_by_token_hash($1)',
      [hashLinkToken(token)],
    );
    const [row] = rows;
    if (!row) throw LINK_NOT_FOUND();
    return { tenantId: row.tenant_id, invitationId: row.invitation_id, paperId: row.paper_id };
  }

  /** The intro page's content; the first opening moves the invitation to `opened`. The clock does not start. */
  async open(token: string): Promise<InvitationIntro> {
    const { tenantId, invitationId } = await this.resolve(token);
    return this.tx.runAs(tenantId, async (manager) => {
      const invitation = await manager.findOne(Invitation, { where: { id: invitationId }, relations: { candidate: true } });
      if (!invitation?.candidate) throw LINK_NOT_FOUND();
      const status = effectiveStatus(invitation.status, invitation.closesAt);
      if (status === 'revoked' || status === 'expired') throw LINK_NOT_FOUND();
      const { affected } = await manager.update(Invitation, { id: invitationId, status: In(['created', 'sent']) }, { status: 'opened', openedAt: new Date() });
      if (affected) await this.invitations.emitEvent(manager, 'invitation.opened', invitationId);
      const tenant = await manager.findOneOrFail(Tenant, { where: {} });
      const paper = await this.papers.latest(manager, invitation.paperId);
      const now = new Date();
      return {
        invitationId,
        locale: invitation.locale ?? tenant.locale,
        tenantName: tenant.name,
        candidateName: invitation.candidate.name,
        paperTitle: paper.title,
        jobRoleName: paper.jobRoleName,
        instructions: paper.instructions,
        durationMinutes: Math.round(paper.durationMinutes * (1 + invitation.extraTimePercent / 100)),
        questionCount: paper.questionCount,
        totalPoints: paper.totalPoints,
        opensAt: invitation.opensAt.toISOString(),
        closesAt: invitation.closesAt.toISOString(),
        status: status === 'created' || status === 'sent' ? 'opened' : status,
        canStart: ['created', 'sent', 'opened', 'started'].includes(status) && invitation.opensAt <= now && invitation.closesAt > now,
        serverTime: now.toISOString(),
      };
    });
  }
}
