import Redis from 'ioredis';
import { evictionVerdict, loadConfig, readEvictionPolicy, RedisModule } from '@assay/core';
import { OwnRedis } from '@assay/testing';

describe('Redis must not evict queued jobs (maxmemory-policy noeviction)', () => {
  it('reads the policy the server reports', async () => {
    const client = new Redis(loadConfig(process.env).REDIS_URL);
    try {
      const [, configured] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
      expect(await readEvictionPolicy(client)).toBe(configured);
    } finally {
      client.disconnect();
    }
  });

  it('accepts noeviction; refuses any other policy in production and warns elsewhere', () => {
    expect(evictionVerdict('noeviction', true)).toEqual({ ok: true });
    expect(evictionVerdict('allkeys-lru', true)).toMatchObject({ ok: false, refuse: true, message: expect.stringContaining('maxmemory-policy noeviction') });
    expect(evictionVerdict('volatile-lru', false)).toMatchObject({ ok: false, refuse: false });
  });

  it('the API and the worker (RedisModule) refuse to start in production on an evicting Redis, and start elsewhere', async () => {
    // A Redis of this test's own (the shared one must keep its policy), evicting like a cache would.
    const redis = await OwnRedis.start({ args: ['--maxmemory-policy', 'allkeys-lru'] });
    const clients: Redis[] = [];
    const moduleFor = (nodeEnv: string) => {
      const client = new Redis(redis.url);
      clients.push(client);
      return new RedisModule(client, loadConfig({ ...process.env, NODE_ENV: nodeEnv, REDIS_URL: redis.url, JWT_SECRET: 'p'.repeat(40), LINK_SECRET: 'q'.repeat(40) }));
    };
    try {
      await expect(moduleFor('production').onApplicationBootstrap()).rejects.toThrow('maxmemory-policy is "allkeys-lru"');
      await expect(moduleFor('development').onApplicationBootstrap()).resolves.toBeUndefined();
    } finally {
      for (const client of clients) client.disconnect();
      await redis.stop();
    }
  });
});
