/**
 * The events a tenant's endpoints may subscribe to (docs/integrations.md lists each payload).
 * Each is written by the domain that owns the change, inside the transaction that makes it.
 */
export const WEBHOOK_EVENT_TYPES = [
  'invitation.sent',
  'invitation.opened',
  'invitation.started',
  'invitation.submitted',
  'invitation.graded',
  'invitation.passed',
  'invitation.failed',
  'paper.published',
  'paper.marking_finished',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * What a payload may carry: ids (ours and the tenant's external ones), versions, statuses and
 * outcomes. Never names, emails, phones or answers: receivers fetch what they are allowed to see.
 */
export type WebhookEventData = Record<string, string | number | boolean | null>;
