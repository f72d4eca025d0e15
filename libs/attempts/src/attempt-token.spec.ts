import { createHash, randomUUID } from 'node:crypto';
import { attemptTokenKey, AttemptTokenTenants, hashAttemptToken, newAttemptToken, tenantOfAttemptToken } from './attempt-token';

describe('attempt tokens', () => {
  const key = attemptTokenKey('a link secret of at least thirty-two characters');
  const tenantId = randomUUID();

  it('name their tenant only to the holder of the key, never in clear', () => {
    const token = newAttemptToken(tenantId, key);
    expect(token).toMatch(/^at_[A-Za-z0-9_-]{59}_[A-Za-z0-9_-]{43}$/);
    expect(token).not.toContain(tenantId);
    expect(token).not.toContain(tenantId.replace(/-/g, ''));
    expect(tenantOfAttemptToken(token, key)).toBe(tenantId);
    expect(newAttemptToken(tenantId, key).split('_')[1]).not.toBe(token.split('_')[1]);
  });

  it('open to nothing when altered, forged, sealed under another key or in the old clear format', () => {
    const token = newAttemptToken(tenantId, key);
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    expect(tenantOfAttemptToken(flipped, key)).toBeNull();
    expect(tenantOfAttemptToken(token, attemptTokenKey('another link secret of thirty-two characters'))).toBeNull();
    expect(tenantOfAttemptToken(`at_${tenantId}_${'x'.repeat(43)}`, key)).toBeNull();
    expect(tenantOfAttemptToken(undefined, key)).toBeNull();
  });

  it('open to the same tenants through AttemptTokenTenants, remembered or not', () => {
    const tenants = new AttemptTokenTenants(key, 2);
    const otherTenant = randomUUID();
    const [first, second, third] = [newAttemptToken(tenantId, key), newAttemptToken(otherTenant, key), newAttemptToken(tenantId, key)];
    // The third pushes the first out of a memory of two: opened again, it still names its tenant.
    for (const token of [first, second, first, third, first, second]) expect(tenants.tenantOf(token)).toBe(tenantOfAttemptToken(token, key));
    expect(tenants.tenantOf(second)).toBe(otherTenant);
    // The remembered seal with other random bits is another valid token of the same tenant, as when opened.
    expect(tenants.tenantOf(`${first.slice(0, 63)}${'y'.repeat(43)}`)).toBe(tenantId);
    const flipped = first.slice(0, 10) + (first[10] === 'A' ? 'B' : 'A') + first.slice(11);
    expect(tenants.tenantOf(flipped)).toBeNull();
    expect(new AttemptTokenTenants(attemptTokenKey('another link secret of thirty-two characters')).tenantOf(first)).toBeNull();
    expect(tenants.tenantOf(`at_${tenantId}_${'x'.repeat(43)}`)).toBeNull();
    expect(tenants.tenantOf(undefined)).toBeNull();
  });

  it('are stored as their SHA-256, base64url', () => {
    const token = newAttemptToken(tenantId, key);
    expect(hashAttemptToken(token)).toBe(createHash('sha256').update(token).digest('base64url'));
  });
});
