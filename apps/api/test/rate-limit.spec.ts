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
});
