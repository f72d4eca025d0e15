import type { EntityManager } from 'typeorm';

/**
 * Erasure of a person (docs/privacy.md), in the caller's transaction, for `needles` (the
 * candidate's id, their invitations' ids, their email):
 * - a stored first answer that mentions any of them is dropped; the key stays, not replayable, so
 *   a retry still creates nothing and gets 409 `idempotency.not_replayable`, as for a download;
 * - a key that itself holds one (a client that keyed its requests by email) is deleted: the key is
 *   then personal data, and its protection against a repeat (24 hours at most) ends with it.
 */
export async function eraseIdempotentResponses(manager: EntityManager, needles: string[]): Promise<number> {
  const found = needles.filter((n) => n.length > 0);
  if (found.length === 0) return 0;
  const mentions = (column: string) => `EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE strpos(lower(${column}), lower(n)) > 0)`;
  const [, deleted] = (await manager.query(`DELETE FROM idempotency_keys WHERE ${mentions('key')}`, [found])) as [unknown, number];
  const [, updated] = (await manager.query(
    `UPDATE idempotency_keys SET response_body = NULL, replayable = false WHERE response_body IS NOT NULL AND ${mentions('response_body::text')}`,
    [found],
  )) as [unknown, number];
  return deleted + updated;
}
