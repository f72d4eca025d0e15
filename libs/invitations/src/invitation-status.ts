import type { InvitationStatus, StoredInvitationStatus } from '@assay/contracts';

/** Statuses in which the candidate has not started yet (and so can still expire or be reminded). */
export const WAITING_STATUSES: readonly StoredInvitationStatus[] = ['created', 'sent', 'opened'];

export function effectiveStatus(status: StoredInvitationStatus, closesAt: Date, now = new Date()): InvitationStatus {
  return WAITING_STATUSES.includes(status) && closesAt.getTime() <= now.getTime() ? 'expired' : status;
}

/** The same rule in SQL, for counting and filtering in the database. */
export function effectiveStatusSql(alias: string): string {
  return `CASE WHEN ${alias}.status IN ('created','sent','opened') AND ${alias}.closes_at <= now() THEN 'expired' ELSE ${alias}.status END`;
}
