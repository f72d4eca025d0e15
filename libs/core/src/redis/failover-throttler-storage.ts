import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import Redis from 'ioredis';
import { failFastRedis, type RedisConnection, type RedisTarget } from './redis.module';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters in Redis, so a limit holds across every API instance; while Redis is
 * unreachable, counters in this process instead. A limit then holds per instance, which is
 * looser but never blocks: the client fails fast (failFastRedis), so a request never waits on a
 * dead Redis (beyond the first seconds after start-up) and never fails because of it. Each request tries Redis again first, so the shared
 * counters are back as soon as Redis is.
 */
export class FailoverThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(FailoverThrottlerStorage.name);
  private readonly client: RedisConnection;
  private readonly connected: Promise<void>;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  /** Logged once per outage, not once per request. */
  private degraded = false;

  constructor(target: RedisTarget, keyPrefix: string) {
    ({ client: this.client, connected: this.connected } = failFastRedis(target, { keyPrefix }));
    // The library's constructor overloads take a server or a cluster, not their union.
    this.shared = this.client instanceof Redis ? new ThrottlerStorageRedisService(this.client) : new ThrottlerStorageRedisService(this.client);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      await this.connected;
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.degraded) this.logger.log('Redis is back: rate limits are shared again');
      this.degraded = false;
      return record;
    } catch (error) {
      if (!this.degraded) this.logger.warn({ err: error }, 'Redis is unreachable: rate limits are counted in this process until it is back');
      this.degraded = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.client.disconnect();
  }
}
