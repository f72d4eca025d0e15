import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@assay/core';
import { decideLoginAttempt, LOGIN_BACKOFF } from './login-backoff';

/**
 * The account a login names, as stored in `login_throttles`: a hash of the normalised email, the
 * same for every company the email has an account in, and for emails with no account at all (so a
 * lock tells an attacker nothing about whether the account exists, and no unknown address is kept).
 */
export function loginAccountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

export const LOGIN_LOCKED = (retryAfterSeconds: number) =>
  new DomainError(
    'rate_limited',
    'auth.login_locked',
    `Too many failed logins for this email; try again in ${retryAfterSeconds} seconds. Signed-in sessions are not affected.`,
    [],
    { extensions: { retryAfterSeconds } },
  );

/**
 * Per-account backoff on top of the per-address rate limit, kept in PostgreSQL (the truth, and
 * logins keep their protection while Redis is down). Policy: login-backoff.ts.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts the attempt before the password is checked, or refuses it while the account is locked. */
  async begin(email: string): Promise<void> {
    const key = loginAccountKey(email);
    const refusal = await this.dataSource.transaction(async (manager) => {
      // The row lock orders parallel attempts on one account: each sees the count of the one before.
      await manager.query('INSERT INTO login_throttles (account_key, failures, last_attempt_at) VALUES ($1, 0, now()) ON CONFLICT DO NOTHING', [key]);
      const [row] = (await manager.query(
        'SELECT failures, locked_until, last_attempt_at, now() AS now FROM login_throttles WHERE account_key = $1 FOR UPDATE',
        [key],
      )) as { failures: number; locked_until: Date | null; last_attempt_at: Date; now: Date }[];
      const state = row.failures === 0 ? null : { failures: row.failures, lockedUntil: row.locked_until, lastAttemptAt: row.last_attempt_at };
      const decision = decideLoginAttempt(state, row.now);
      if (!decision.allowed) return decision.retryAfterSeconds;
      await manager.query('UPDATE login_throttles SET failures = $2, locked_until = $3, last_attempt_at = $4 WHERE account_key = $1', [
        key,
        decision.next.failures,
        decision.next.lockedUntil,
        decision.next.lastAttemptAt,
      ]);
      return null;
    });
    if (refusal !== null) throw LOGIN_LOCKED(refusal);
  }

  /** The right password was given (a login, or a password change): the account starts afresh. */
  async clear(email: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query('DELETE FROM login_throttles WHERE account_key = $1', [loginAccountKey(email)]);
  }

  /** Rows nobody has tried for a day and that hold no lock: the hourly maintenance drops them. */
  async purgeForgotten(): Promise<number> {
    const [, purged] = (await this.dataSource.query(
      `DELETE FROM login_throttles WHERE last_attempt_at < now() - make_interval(secs => $1) AND (locked_until IS NULL OR locked_until < now())`,
      [LOGIN_BACKOFF.forgetAfterSeconds],
    )) as [unknown, number];
    return purged;
  }
}
