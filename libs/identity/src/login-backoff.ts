/**
 * Per-account login backoff, the policy alone (no I/O). Every attempt on an account counts as a
 * failure when it starts and a successful one clears the count, so a burst of parallel guesses
 * cannot slip through before the first failure is written. After `freeFailures` failures the account
 * is locked for `firstLockSeconds`, doubling with each further failure up to `maxLockSeconds`;
 * attempts during a lock are refused without checking the password and do not extend it, so the
 * owner can always log in once the lock has run out (at most 15 minutes after an attacker's last
 * guess), and an attacker gets at most four guesses an hour.
 */
export const LOGIN_BACKOFF = {
  freeFailures: 5,
  firstLockSeconds: 30,
  maxLockSeconds: 15 * 60,
  /** Failures older than this are forgotten: a typo last week does not shorten today's allowance. */
  forgetAfterSeconds: 24 * 60 * 60,
} as const;

export interface LoginFailures {
  failures: number;
  lockedUntil: Date | null;
  lastAttemptAt: Date;
}

export type LoginAttemptDecision = { allowed: true; next: LoginFailures } | { allowed: false; retryAfterSeconds: number };

/** How long the account is locked after its `failures`-th failure in a row (0: not locked). */
export function lockSeconds(failures: number): number {
  if (failures < LOGIN_BACKOFF.freeFailures) return 0;
  return Math.min(LOGIN_BACKOFF.firstLockSeconds * 2 ** (failures - LOGIN_BACKOFF.freeFailures), LOGIN_BACKOFF.maxLockSeconds);
}

/** Whether an attempt may check the password now, and the account's state if it fails. */
export function decideLoginAttempt(state: LoginFailures | null, now: Date): LoginAttemptDecision {
  if (state?.lockedUntil && state.lockedUntil > now) {
    return { allowed: false, retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  const forgotten = !state || now.getTime() - state.lastAttemptAt.getTime() > LOGIN_BACKOFF.forgetAfterSeconds * 1000;
  const failures = (forgotten ? 0 : state.failures) + 1;
  const lock = lockSeconds(failures);
  return { allowed: true, next: { failures, lockedUntil: lock > 0 ? new Date(now.getTime() + lock * 1000) : null, lastAttemptAt: now } };
}
