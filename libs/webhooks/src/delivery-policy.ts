/** At most this long between two attempts of one delivery, however many failed before. */
export const MAX_RETRY_WAIT_MS = 6 * 3600_000;

export interface RetrySettings {
  baseMs: number;
  maxAttempts: number;
}

/**
 * When a delivery that has now failed `attempts` times is tried again: base, 2 x base, 4 x base,
 * ... capped at MAX_RETRY_WAIT_MS; null once it has had all its attempts (it is then `failed`).
 */
export function nextAttemptAt(attempts: number, now: Date, settings: RetrySettings): Date | null {
  if (attempts >= settings.maxAttempts) return null;
  const wait = Math.min(settings.baseMs * 2 ** (attempts - 1), MAX_RETRY_WAIT_MS);
  return new Date(now.getTime() + wait);
}

export interface DisableSettings {
  failures: number;
  hours: number;
}

/**
 * Sustained failure: at least `failures` consecutive failed attempts, the first of them at least
 * `hours` ago. Both, so that neither a burst during a short outage nor one failure a day for
 * weeks disables an endpoint.
 */
export function shouldDisable(consecutiveFailures: number, failingSince: Date, now: Date, settings: DisableSettings): boolean {
  return consecutiveFailures >= settings.failures && now.getTime() - failingSince.getTime() >= settings.hours * 3600_000;
}
