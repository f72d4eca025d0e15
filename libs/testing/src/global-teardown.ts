import Redis from 'ioredis';
// Loaded outside Jest's module mapper (see global-setup.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { dropDatabase, loadConfig, redisOptions } from '../../core/src';

export default async function globalTeardown(): Promise<void> {
  const config = loadConfig(process.env);
  const database = process.env.ASSAY_TEST_DATABASE;
  if (database) await dropDatabase(config.DATABASE_ADMIN_URL, database);
  const redis = new Redis(redisOptions(config.REDIS_URL));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${config.REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
