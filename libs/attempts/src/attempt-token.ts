import { createHash, randomBytes } from 'node:crypto';

/**
 * The secret a candidate's client sends as `X-Attempt-Token` after starting: `at_<tenant id>_<256
 * random bits>`. The tenant id is in clear (like refresh tokens and API keys) so the token is
 * checked inside that tenant's row-level security; the database keeps only the SHA-256 hash.
 */
export const ATTEMPT_TOKEN_HEADER = 'x-attempt-token';

const PATTERN = /^at_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export function newAttemptToken(tenantId: string): string {
  return `at_${tenantId}_${randomBytes(32).toString('base64url')}`;
}

/** The tenant a well-formed token names, or null. */
export function tenantOfAttemptToken(token: string | undefined): string | null {
  if (typeof token !== 'string') return null;
  return PATTERN.exec(token)?.[1] ?? null;
}

export function hashAttemptToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
