import { createHash, createHmac } from 'node:crypto';

/**
 * A candidate's personal link token: HMAC-SHA256(LINK_SECRET, invitation id + token version),
 * 256 bits, URL-safe. The database holds only its SHA-256 hash, so a database copy reveals no
 * working link; the worker can still put the same link in the invitation and every reminder.
 * Resending bumps the version: the old link dies at once.
 */
export function linkToken(secret: string, invitationId: string, version: number): string {
  return createHmac('sha256', secret).update(`${invitationId}:${version}`).digest('base64url');
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
