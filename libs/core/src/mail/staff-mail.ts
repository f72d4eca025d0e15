import type { EntityManager } from 'typeorm';

/** A notice to a tenant's admins (only one kind so far). Ids and what to do; no personal data. */
export interface StaffNotice {
  kind: 'webhook_disabled';
  endpointId: string;
  url: string;
  reason: string;
}

/**
 * Emails a notice to every active admin of the current tenant through the mail outbox, inside the
 * caller's transaction; answers the outbox rows' ids, which the caller queues
 * (JobName.SendOutboxMessage) after its commit (the outbox sweep sends any it loses). A port: the invitations library owns the outbox and provides it; a library
 * that may not import invitations (webhooks, which invitations imports) receives it by injection.
 */
export abstract class StaffMail {
  abstract noticeToAdmins(manager: EntityManager, notice: StaffNotice): Promise<string[]>;
}
