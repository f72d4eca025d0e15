import type { EntityManager } from 'typeorm';

/**
 * Erasure of a person (docs/privacy.md): the stored first answers of `Idempotency-Key` requests
 * that mention any of `needles` (the candidate's id, their invitations' ids, their email) are
 * dropped, in the caller's transaction. The key stays, not replayable: a retry still creates
 * nothing and gets 409 `idempotency.not_replayable`, as for a download.
 */
export async function eraseIdempotentResponses(manager: EntityManager, needles: string[]): Promise<number> {
  const found = needles.filter((n) => n.length > 0);
  if (found.length === 0) return 0;
  const [, count] = (await manager.query(
    `UPDATE idempotency_keys SET response_body = NULL, replayable = false
      WHERE response_body IS NOT NULL AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS n WHERE strpos(response_body::text, n) > 0)`,
    [found],
  )) as [unknown, number];
  return count;
}
