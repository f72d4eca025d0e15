import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret, shown once: `whsec_` and 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The key that seals secrets at rest, derived from LINK_SECRET (a database dump alone cannot sign). */
export function secretKey(linkSecret: string): Buffer {
  return createHmac('sha256', linkSecret).update('assay webhook secrets').digest();
}

/** AES-256-GCM: `<iv>.<tag>.<ciphertext>`, base64url. */
export function sealSecret(secret: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

export function unsealSecret(sealed: string, key: Buffer): string {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}
