import { randomUUID } from 'node:crypto';
import { attemptTokenKey, newAttemptToken, tenantOfAttemptToken } from './attempt-token';

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
});
