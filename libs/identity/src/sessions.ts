import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@assay/core';

export const SESSION_ENDED = () =>
  new DomainError('unauthenticated', 'auth.session_ended', 'This session has ended (logout, password or role change, or account disabled); log in again or refresh.');

/**
 * Ends every access token issued to the user so far, inside the caller's transaction: the guard
 * compares the token's session version with this row on the next request. Refresh tokens that
 * are still valid (the user's other devices) simply get tokens of the new version.
 */
export async function endAccessTokens(manager: EntityManager, userId: string): Promise<void> {
  await manager.query('UPDATE users SET session_version = session_version + 1 WHERE id = $1', [userId]);
}

/** The version new access tokens of the user carry; read inside the transaction that issues them. */
export async function currentSessionVersion(manager: EntityManager, userId: string): Promise<number> {
  const [row] = (await manager.query('SELECT session_version FROM users WHERE id = $1', [userId])) as { session_version: number }[];
  return row.session_version;
}

/**
 * The guard's check, one statement per request with a staff token (a definer function on the
 * primary key, no transaction): the database is the truth, so a change made by any API process is
 * seen by every other at once, with no cache to invalidate.
 */
@Injectable()
export class SessionCheck {
  constructor(private readonly dataSource: DataSource) {}

  async assertCurrent(tenantId: string, userId: string, sessionVersion: number): Promise<void> {
    const [row] = (await this.dataSource.query('SELECT auth_session_version($1, $2) AS version', [tenantId, userId])) as { version: number | null }[];
    if (row?.version !== sessionVersion) throw SESSION_ENDED();
  }
}
