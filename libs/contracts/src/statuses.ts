/**
 * Lifecycle statuses shared by the API, the database and clients.
 *
 * Invitation: created -> sent -> opened -> started -> submitted -> graded, or expired / revoked.
 * `expired` is never stored: an invitation still waiting for its candidate when the window closes
 * is expired from that instant, so it is derived on read (no job has to flip it in time).
 */
export const INVITATION_STATUSES = ['created', 'sent', 'opened', 'started', 'submitted', 'graded', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export type StoredInvitationStatus = Exclude<InvitationStatus, 'expired'>;

/**
 * Attempt: in_progress -> submitted -> scored (objective only) or awaiting_grading -> graded
 * (open answers marked by graders).
 */
export const ATTEMPT_STATUSES = ['in_progress', 'submitted', 'awaiting_grading', 'scored', 'graded'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
