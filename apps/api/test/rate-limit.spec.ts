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
