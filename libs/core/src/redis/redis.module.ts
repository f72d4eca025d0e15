import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';

export const REDIS = Symbol('REDIS');

/** ioredis options from a redis:// URL (BullMQ takes options, not URLs). */
export function redisOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/** How long one command of a request-path client may take before it fails. */
const COMMAND_TIMEOUT_MS = 1000;
/** Longest pause between two reconnection tries (BullMQ's own default grows to 20 s). */
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * For clients on a request's path (producers, rate limits, health): when Redis is unreachable a
 * command fails at once (no offline queue, no retries) or after COMMAND_TIMEOUT_MS, instead of
 * waiting for Redis to come back. The client keeps reconnecting in the background, at least every
 * MAX_RECONNECT_DELAY_MS, so it is back within seconds of Redis. Not for BullMQ
 * workers, whose blocking connections need the opposite (maxRetriesPerRequest: null).
 */
export function failFastRedisOptions(url: string): RedisOptions {
  return {
    ...redisOptions(url),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
  };
}

/** A fail-fast client whose connection errors are expected during an outage: the callers report failed commands. */
export function failFastRedis(url: string, extra: RedisOptions = {}): Redis {
  const client = new Redis({ ...failFastRedisOptions(url), ...extra });
  // Without a listener ioredis prints every reconnection error to stderr.
  client.on('error', () => undefined);
  return client;
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => failFastRedis(config.REDIS_URL),
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // quit() needs a live connection; during an outage it fails and we just drop the socket.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
