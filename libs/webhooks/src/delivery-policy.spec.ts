import { MAX_RETRY_WAIT_MS, nextAttemptAt, shouldDisable } from './delivery-policy';
import { webhookUrlProblem } from './webhook-url';
import { isPrivateAddress, privateAddressOf, privateHostOf } from './private-networks';
import { newWebhookSecret, sealSecret, secretKey, unsealSecret } from './webhook-secret';

const now = new Date('2026-12-03T08:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('webhook delivery policy', () => {
  it('doubles the wait after each failure, capped, and stops after the last attempt', () => {
    const settings = { baseMs: 30_000, maxAttempts: 12 };
    expect(nextAttemptAt(1, now, settings)).toEqual(later(30_000));
    expect(nextAttemptAt(2, now, settings)).toEqual(later(60_000));
    expect(nextAttemptAt(5, now, settings)).toEqual(later(480_000));
    expect(nextAttemptAt(11, now, settings)).toEqual(later(MAX_RETRY_WAIT_MS));
    expect(nextAttemptAt(12, now, settings)).toBeNull();
  });

  it('disables only after both enough consecutive failures and enough time', () => {
    const settings = { failures: 20, hours: 24 };
    expect(shouldDisable(20, new Date(now.getTime() - 24 * 3600_000), now, settings)).toBe(true);
    expect(shouldDisable(19, new Date(now.getTime() - 48 * 3600_000), now, settings)).toBe(false);
    expect(shouldDisable(500, new Date(now.getTime() - 3600_000), now, settings)).toBe(false);
  });
});

describe('webhook URLs', () => {
  it('accepts http(s) and refuses other schemes, credentials and fragments, saying why', () => {
    expect(webhookUrlProblem('https://ats.example.com/hooks?x=1')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hooks')).toBeNull();
    expect(webhookUrlProblem('javascript:alert(1)')).toContain('http:// or https://');
    expect(webhookUrlProblem('https://key@ats.example.com/')).toContain('user name or password');
    expect(webhookUrlProblem('https://ats.example.com/#x')).toContain('fragment');
    expect(webhookUrlProblem('/relative')).toContain('absolute URL');
  });
});

describe('private networks', () => {
  it('knows loopback, private, link-local and mapped addresses from public ones', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect([address, isPrivateAddress(address)]).toEqual([address, false]);
    }
  });

  it('finds private hosts in URLs, by literal and by resolving the name', async () => {
    expect(privateHostOf('http://[::1]:8080/x')).toBe('::1');
    expect(privateHostOf('http://localhost/x')).toBe('localhost');
    expect(privateHostOf('https://ats.example.com/x')).toBeNull();
    expect(await privateAddressOf('http://localhost:9/x')).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});

describe('webhook secrets at rest', () => {
  it('seal and unseal under the derived key only', () => {
    const secret = newWebhookSecret();
    const sealed = sealSecret(secret, secretKey('a'.repeat(40)));
    expect(sealed).not.toContain(secret.slice(6));
    expect(unsealSecret(sealed, secretKey('a'.repeat(40)))).toBe(secret);
    expect(() => unsealSecret(sealed, secretKey('b'.repeat(40)))).toThrow();
  });
});
