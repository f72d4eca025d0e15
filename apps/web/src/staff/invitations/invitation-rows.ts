/** Pure helpers of the invitation screens (unit-tested in invitation-rows.spec.ts). */
import { linesOf } from '../papers/paper-issues';

export type InvitationCounts = Record<'created' | 'sent' | 'opened' | 'started' | 'submitted' | 'graded' | 'expired' | 'revoked', number>;
export const FUNNEL_STEPS = ['invited', 'opened', 'started', 'submitted', 'graded'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/**
 * The funnel from the current statuses: each step counts the invitations that got at least that
 * far (a graded one was also opened, started and submitted). Revoked and expired invitations were
 * invited and got no further, whatever happened before they stopped.
 */
export function funnel(counts: InvitationCounts): { step: FunnelStep; count: number }[] {
  const graded = counts.graded;
  const submitted = graded + counts.submitted;
  const started = submitted + counts.started;
  const opened = started + counts.opened;
  const invited = opened + counts.created + counts.sent + counts.expired + counts.revoked;
  const reached: Record<FunnelStep, number> = { invited, opened, started, submitted, graded };
  return FUNNEL_STEPS.map((step) => ({ step, count: reached[step] }));
}

/**
 * The rows of a CSV file as Excel numbers them (header = row 1), for showing a bulk upload's row
 * errors beside the row. One row a line: a candidate list has no line breaks inside its cells.
 */
export function csvRowsByNumber(text: string): Map<number, string> {
  const rows = new Map<number, string>();
  linesOf(text.replace(/^\uFEFF/, '')).forEach((line, index) => rows.set(index + 1, line));
  return rows;
}
