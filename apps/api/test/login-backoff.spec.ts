import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { connectAsOwner, freePort } from '@assay/testing';
import { TestApi, type ApiResponse, type SignedUpTenant } from './test-api';

/**
 * Issue 15, finding 6: the login limit was per client address only (30 guesses from 3 addresses,
 * then the right password from a 4th: 200). Now each account backs off too, in PostgreSQL, without
 * letting an attacker keep its owner out for good, and without telling known from unknown emails.
 */
describe('security: per-account login backoff', () => {
  let api: TestApi;
  let db: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    db = await connectAsOwner();
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });

  const login = (email: string, password: string, address: string) => api.request('POST', '/api/v1/auth/login', { body: { email, password }, remoteAddress: address });
  const outcome = (response: ApiResponse) => `${response.status} ${response.body.code ?? ''}`.trim();
  /** Time moves in the database, not by waiting: the lock ran out a second ago. */
  const lockRunsOut = (email: string) =>
    db.query(`UPDATE login_throttles SET locked_until = now() - interval '1 second' WHERE account_key = encode(sha256(convert_to(lower($1), 'UTF8')), 'hex')`, [email]);
  const guessesFromThreeAddresses = async (email: string) => {
    const outcomes: string[] = [];
    for (let i = 0; i < 30; i += 1) outcomes.push(outcome(await login(email, `wrong guess ${i}`, `10.66.${i % 3}.1`)));
    return outcomes;
  };

  it('30 guesses from 3 addresses lock the account: the right password from a 4th is refused, saying when to retry', async () => {
    const tenant = await api.signup();
    const outcomes = await guessesFromThreeAddresses(tenant.email);
    expect(outcomes.slice(0, 5)).toEqual(Array(5).fill('401 auth.invalid_credentials'));
    expect(new Set(outcomes.slice(5))).toEqual(new Set(['429 auth.login_locked']));

    const right = await login(tenant.email, tenant.password, '10.66.9.1');
    expect(outcome(right)).toBe('429 auth.login_locked');
    expect(String(right.headers['content-type'])).toContain('application/problem+json');
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(right.body.detail).toMatch(/try again in \d+ seconds/);
  });

  it('an unknown email gets exactly the same answers as a known one', async () => {
    const unknown = `nobody-${randomBytes(4).toString('hex')}@example.com`;
    const known = (await api.signup()).email;
    expect(await guessesFromThreeAddresses(unknown)).toEqual(await guessesFromThreeAddresses(known));
  });

  it('after the lock the right password works and clears the failures; a wrong one locks again, doubling, never beyond 15 minutes', async () => {
    const tenant = await api.signup();
    for (let i = 0; i < 5; i += 1) expect((await login(tenant.email, 'wrong guess', '10.67.0.1')).status).toBe(401);
    expect(outcome(await login(tenant.email, tenant.password, '10.67.0.2'))).toBe('429 auth.login_locked');

    await lockRunsOut(tenant.email);
    expect((await login(tenant.email, tenant.password, '10.67.0.2')).status).toBe(200);
    // Cleared: five more failures before the next lock.
    for (let i = 0; i < 5; i += 1) expect((await login(tenant.email, 'wrong guess', '10.67.0.1')).status).toBe(401);
    const relocked = await login(tenant.email, 'wrong guess', '10.67.0.1');
    expect(outcome(relocked)).toBe('429 auth.login_locked');

    // A persistent attacker: each guess after a lock doubles it, up to 15 minutes.
    const retryAfters: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      await lockRunsOut(tenant.email);
      expect((await login(tenant.email, 'wrong guess', '10.67.0.1')).status).toBe(401);
      retryAfters.push(Number((await login(tenant.email, 'wrong guess', '10.67.0.1')).headers['retry-after']));
    }
    expect(retryAfters[0]).toBeGreaterThan(30);
    expect(retryAfters[0]).toBeLessThanOrEqual(60);
    expect(Math.max(...retryAfters)).toBeLessThanOrEqual(900);
    expect(retryAfters.at(-1)).toBeGreaterThan(480);

    // ...and still the owner gets in as soon as it runs out.
    await lockRunsOut(tenant.email);
    expect((await login(tenant.email, tenant.password, '10.67.0.2')).status).toBe(200);
  });

  it('a burst of parallel guesses gets no more than the free five checked', async () => {
    const tenant = await api.signup();
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(tenant.email, `burst ${i}`, `10.68.${i}.1`)));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(5);
    expect(burst.filter((r) => r.body.code === 'auth.login_locked')).toHaveLength(7);
  });

  it('a password change clears the account\'s failures', async () => {
    const tenant: SignedUpTenant = await api.signup();
    for (let i = 0; i < 5; i += 1) await login(tenant.email, 'wrong guess', '10.69.0.1');
    const changed = await api.request('POST', '/api/v1/auth/password', {
      token: tenant.accessToken,
      body: { currentPassword: tenant.password, newPassword: 'another long passphrase 77' },
    });
    expect(changed.status).toBe(204);
    expect((await login(tenant.email, 'another long passphrase 77', '10.69.0.2')).status).toBe(200);
  });
});

describe('security: per-account login backoff while Redis is down', () => {
  let api: TestApi;
  beforeAll(async () => {
    // Last in this file: TestApi.start keeps the dead Redis address in process.env.
    api = await TestApi.start({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_PREFIX: `assay-test-backoff-${randomBytes(4).toString('hex')}` });
  }, 120_000);
  afterAll(async () => {
    await api.close();
  });

  it('still counts and locks, from the database', async () => {
    const tenant = await api.signup();
    for (let i = 0; i < 5; i += 1) expect((await api.request('POST', '/api/v1/auth/login', { body: { email: tenant.email, password: 'wrong guess' }, remoteAddress: `10.70.${i}.1` })).status).toBe(401);
    const right = await api.request('POST', '/api/v1/auth/login', { body: { email: tenant.email, password: tenant.password }, remoteAddress: '10.70.9.1' });
    expect({ status: right.status, code: right.body.code }).toEqual({ status: 429, code: 'auth.login_locked' });
  });
});
