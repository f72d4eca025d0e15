import { createCipheriv, createDecipheriv, createSecretKey, hash, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The secret a candidate's client sends as `X-Attempt-Token` after starting:
 * `at_<sealed tenant>_<256 random bits>`. The database keeps only its SHA-256 hash.
 *
 * The token must name its tenant (the autosave checks it inside that tenant's row-level security in
 * one statement, with no lookup first), but not in clear: the tenant id is sealed with AES-256-GCM
 * under a key derived from LINK_SECRET. Opening it costs microseconds and no round trip, a forged
 * or altered token opens to nothing (GCM's tag), and tokens of one tenant say nothing about which
 * company a candidate is being tested by. Changing LINK_SECRET ends running attempts' tokens (the
 * candidate reopens the link and takes the attempt over), as it already ends personal links.
 */
export const ATTEMPT_TOKEN_HEADER = 'x-attempt-token';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** 12-byte IV + 16-byte tenant id + 16-byte tag, base64url: 59 characters. */
const PATTERN = /^at_([A-Za-z0-9_-]{59})_[A-Za-z0-9_-]{43}$/;

/** The sealing key, derived once per process from LINK_SECRET (a distinct label, so it never equals the link key). */
export function attemptTokenKey(linkSecret: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', linkSecret, Buffer.alloc(0), 'assay attempt-token tenant v1', 32)));
}

export function newAttemptToken(tenantId: string, key: KeyObject): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([iv, cipher.update(Buffer.from(tenantId.replace(/-/g, ''), 'hex')), cipher.final(), cipher.getAuthTag()]);
  return `at_${sealed.toString('base64url')}_${randomBytes(32).toString('base64url')}`;
}

/** The tenant a token sealed with this key names, or null for anything else. */
export function tenantOfAttemptToken(token: string | undefined, key: KeyObject): string | null {
  const sealed = sealedPart(token);
  return sealed === null ? null : openSeal(sealed, key);
}

/**
 * tenantOfAttemptToken for a process that opens the same tokens again and again (every autosave of
 * a candidate sends the one token of the attempt): the tenants of the last `capacity` seals it
 * opened are remembered, so a save costs a map lookup instead of an AES-GCM decipher (~25 µs of CPU,
 * most of it building the Decipheriv: docs/performance.md, issue 16). The seal is the token's
 * non-secret part (the sealed tenant, not the 256 random bits); the answer for a seal never changes
 * under one key, so a remembered one is the one opening would give. Only seals that opened are
 * remembered: a forged token is opened (and refused) every time, and cannot fill the memory.
 */
export class AttemptTokenTenants {
  private readonly tenants = new Map<string, string>();

  constructor(
    private readonly key: KeyObject,
    private readonly capacity = 10_000,
  ) {}

  tenantOf(token: string | undefined): string | null {
    const sealed = sealedPart(token);
    if (sealed === null) return null;
    const known = this.tenants.get(sealed);
    if (known !== undefined) return known;
    const tenantId = openSeal(sealed, this.key);
    if (tenantId === null) return null;
    // A Map iterates in insertion order: the first key is the oldest seal remembered.
    if (this.tenants.size >= this.capacity) this.tenants.delete(this.tenants.keys().next().value as string);
    this.tenants.set(sealed, tenantId);
    return tenantId;
  }
}

function sealedPart(token: string | undefined): string | null {
  if (typeof token !== 'string') return null;
  return PATTERN.exec(token)?.[1] ?? null;
}

function openSeal(sealedText: string, key: KeyObject): string | null {
  const sealed = Buffer.from(sealedText, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const hex = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } catch {
    return null;
  }
}

/** One-shot `crypto.hash` (no Hash object per call: a few µs less per save than createHash). */
export function hashAttemptToken(token: string): string {
  return hash('sha256', token, 'base64url');
}
