import { randomBytes } from 'node:crypto';
import { TestApi } from './test-api';

describe('rate limiting of login, sign-up and token endpoints', () => {
  let first: TestApi;
  let second: TestApi;
  beforeAll(async () => {
    // Two API instances sharing one Redis, as behind a load balancer.
    const env = { AUTH_RATE_LIMIT: '3', REDIS_PREFIX: `assay-test-rl-${randomBytes(4).toString('hex')}` };
    first = await TestApi.start(env);
    second = await TestApi.start(env);
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('counts attempts across instances and answers 429 as a problem document', async () => {
    const attempt = (api: TestApi) =>
      api.request('POST', '/api/v1/auth/login', {
        body: { email: 'guess@example.com', password: 'guess guess' },
        remoteAddress: '127.0.0.9',
      });
    expect((await attempt(first)).status).toBe(401);
    expect((await attempt(second)).status).toBe(401);
    expect((await attempt(first)).status).toBe(401);
    const limited = await attempt(second);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.code).toBe('request.rate_limited');
    // Another client is not affected.
    const other = await first.request('POST', '/api/v1/auth/login', {
      body: { email: 'guess@example.com', password: 'guess guess' },
      remoteAddress: '127.0.0.10',
    });
    expect(other.status).toBe(401);
  });

  it('does not limit ordinary authenticated endpoints', async () => {
    const tenant = await first.signup();
    for (let i = 0; i < 6; i += 1) {
      expect((await first.request('GET', '/api/v1/tenant', { token: tenant.accessToken, remoteAddress: '127.0.0.11' })).status).toBe(200);
    }
  });
});

describe('rate limiting of candidate links', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start({ LINK_RATE_LIMIT: '5', REDIS_PREFIX: `assay-test-links-${randomBytes(4).toString('hex')}` });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 429 to a client guessing tokens, and 404 before that', async () => {
    const guess = (i: number) => api.request('GET', `/api/v1/links/${String(i).padStart(43, 'A')}`, { remoteAddress: '127.0.0.21' });
    for (let i = 0; i < 5; i += 1) expect((await guess(i)).status).toBe(404);
    const limited = await guess(6);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('request.rate_limited');
    // Logins are limited separately.
    const login = await api.request('POST', '/api/v1/auth/login', { body: { email: 'a@example.com', password: 'guess guess' }, remoteAddress: '127.0.0.21' });
    expect(login.status).toBe(401);
  });

  it("limits the start (a plain Fastify route) as ThrottlerGuard did: the links limit per address on the start's own count, its headers, 429 with Retry-After", async () => {
    const url = `/api/v1/links/${'S'.repeat(43)}/attempt`;
    const start = (remoteAddress: string) => api.request('POST', url, { remoteAddress });
    for (let i = 0; i < 5; i += 1) {
      const refused = await start('127.0.0.22');
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 404, code: 'link.not_found' });
      expect(refused.headers).toMatchObject({ 'x-ratelimit-limit-links': '5', 'x-ratelimit-remaining-links': String(4 - i) });
      expect(Number(refused.headers['x-ratelimit-reset-links'])).toBeGreaterThan(0);
    }
    const limited = await start('127.0.0.22');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(limited.body).toEqual({
      type: 'https://assay.dev/problems/request/rate_limited',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many requests; wait a minute and try again.',
      code: 'request.rate_limited',
      instance: url,
      requestId: limited.headers['x-request-id'],
    });
    const retryAfter = Number(limited.headers['retry-after-links']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers).not.toHaveProperty('x-ratelimit-remaining-links');
    // Another address, and this address's reading of a link's intro, are counted apart.
    expect((await start('127.0.0.23')).status).toBe(404);
    expect((await api.request('GET', `/api/v1/links/${'S'.repeat(43)}`, { remoteAddress: '127.0.0.22' })).status).toBe(404);
  });
});
