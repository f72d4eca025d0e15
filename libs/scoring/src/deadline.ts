import { ScoringError, ScoringErrorCode } from './errors';

export interface DeadlineInput {
  startedAt: Date;
  durationMinutes: number;
  /** Accommodation for candidates who need it, e.g. 25 for 25% more time; 0 for none. */
  extraTimePercent: number;
  /** End of the invitation window; the attempt never runs past it. */
  windowClosesAt: Date | null;
}

function assertValidDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new ScoringError(ScoringErrorCode.InvalidDeadlineInput, `${name} must be a valid date.`);
  }
}

/**
 * When the attempt ends: start + duration × (1 + extra / 100). The allowed time is rounded to whole
 * seconds (half up, in the candidate's favour) so every candidate with the same settings gets the
 * same number of seconds; the result is capped at the window close, but never earlier than the
 * start (a window that closed before the start leaves zero time rather than a negative one).
 */
export function computeDeadline({ startedAt, durationMinutes, extraTimePercent, windowClosesAt }: DeadlineInput): Date {
  assertValidDate(startedAt, 'startedAt');
  if (windowClosesAt !== null) assertValidDate(windowClosesAt, 'windowClosesAt');
  if (!Number.isFinite(durationMinutes) || durationMinutes <= 0) {
    throw new ScoringError(ScoringErrorCode.InvalidDeadlineInput, `durationMinutes must be positive, got ${durationMinutes}.`);
  }
  if (!Number.isFinite(extraTimePercent) || extraTimePercent < 0) {
    throw new ScoringError(ScoringErrorCode.InvalidDeadlineInput, `extraTimePercent must be >= 0, got ${extraTimePercent}.`);
  }
  // Multiply before dividing so that common values (e.g. 7 min at 15%) stay exact integers.
  const allowedSeconds = Math.round(Number(((durationMinutes * 60 * (100 + extraTimePercent)) / 100).toPrecision(15)));
  let end = startedAt.getTime() + allowedSeconds * 1000;
  if (windowClosesAt !== null) end = Math.min(end, windowClosesAt.getTime());
  return new Date(Math.max(end, startedAt.getTime()));
}

/**
 * Whole seconds left, for the countdown; rounded up so that it reaches 0 exactly when the deadline
 * passes, never while saves are still accepted on time.
 */
export function secondsLeft(deadline: Date, now: Date): number {
  assertValidDate(deadline, 'deadline');
  assertValidDate(now, 'now');
  return Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / 1000));
}

/**
 * Whether an answer saved at `now` still counts. The grace period absorbs network latency: a
 * candidate who typed before the deadline on a slow phone connection must not lose the answer.
 * The boundary is inclusive.
 */
export function acceptsSave(deadline: Date, graceSeconds: number, now: Date): boolean {
  assertValidDate(deadline, 'deadline');
  assertValidDate(now, 'now');
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) {
    throw new ScoringError(ScoringErrorCode.InvalidDeadlineInput, `graceSeconds must be >= 0, got ${graceSeconds}.`);
  }
  return now.getTime() <= deadline.getTime() + graceSeconds * 1000;
}
