import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque credentials carry their tenant in clear (it is not a secret) so they can be checked
 * inside that tenant's row-level security; the secret part is 256 random bits, stored as SHA-256
 * (high-entropy secrets need no slow hash, and every API request checks one).
 */
export type CredentialKind = 'rt' | 'ak';

export interface ParsedCredential {
  tenantId: string;
  secret: string;
}

const CREDENTIAL = /^(rt|ak)_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function newCredential(kind: CredentialKind, tenantId: string): { token: string; secret: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${kind}_${tenantId.replace(/-/g, '')}_${secret}`, secret };
}

export function parseCredential(kind: CredentialKind, token: string): ParsedCredential | null {
  const match = CREDENTIAL.exec(token);
  if (!match || match[1] !== kind) return null;
  const h = match[2];
  return { tenantId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, secret: match[3] };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** A readable one-time password for staff created by an admin without one. */
export function temporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}
