import { Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { evictionVerdict, readEvictionPolicy } from './eviction-policy';

export const REDIS = Symbol('REDIS');

/** One Redis server, or a Redis Cluster (REDIS_CLUSTER_NODES): the commands the product sends work on both. */
export type RedisConnection = Redis | Cluster;

/** Where Redis is: REDIS_URL, or the nodes of a cluster (with REDIS_URL's credentials and TLS). */
export type RedisTarget = Pick<AppConfig, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>;

/** The cluster's seed nodes from REDIS_CLUSTER_NODES ("host:port,host:port"); none: one server. */
export function clusterNodes(target: RedisTarget): { host: string; port: number }[] {
  return target.REDIS_CLUSTER_NODES.split(',')
    .map((node) => node.trim())
    .filter(Boolean)
    .map((node) => {
      const at = node.lastIndexOf(':');
      return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
    });
}

/**
 * A client for `target` with `options` (timeouts, retries, key prefix). On a cluster, ioredis'
 * `Cluster` follows the slots; the per-node options (credentials, TLS, timeouts) go to each node
 * and the queueing and prefix options to the cluster client.
 */
export function connectRedis(target: RedisTarget, options: RedisOptions = {}): RedisConnection {
  const single = { ...redisOptions(target.REDIS_URL), ...options };
  const nodes = clusterNodes(target);
  if (nodes.length === 0) return new Redis(single);
  // host, port and db are the single server's: a cluster has its nodes and only database 0.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { host, port, db, keyPrefix, enableOfflineQueue, retryStrategy, ...perNode } = single;
  return new Cluster(nodes, {
    redisOptions: perNode,
    keyPrefix,
    enableOfflineQueue,
    clusterRetryStrategy: retryStrategy ? (times) => retryStrategy(times) : undefined,
  });
}

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

/**
 * BullMQ's `connection` for `target`: options on one server (BullMQ makes and closes its own
 * clients from them); a Cluster client on a cluster, since BullMQ takes a cluster only as a client.
 * BullMQ never closes a client it was given: the owner calls closeConnection at shutdown.
 */
export function queueConnection(target: RedisTarget, options: RedisOptions): RedisOptions | Cluster {
  return clusterNodes(target).length === 0 ? { ...redisOptions(target.REDIS_URL), ...options } : (connectRedis(target, options) as Cluster);
}

/** Closes a client queueConnection made (options need nothing); quit() needs a live connection, else the sockets are dropped. */
export async function closeConnection(connection: object): Promise<void> {
  if (connection instanceof Cluster) await connection.quit().catch(() => connection.disconnect());
}

/** How long one command of a rate-limit or health client may take before it fails. */
const COMMAND_TIMEOUT_MS = 2000;
/** Longest pause between two reconnection tries (BullMQ's own default grows to 20 s). */
const MAX_RECONNECT_DELAY_MS = 2000;
/** How long the first commands of a new client wait for its first connection (start-up, not an outage). */
const FIRST_CONNECTION_WAIT_MS = 2000;

/**
 * For connections on a request's path (producers, rate limits, health): while Redis is
 * unreachable a command fails at once (no offline queue, no retries) instead of waiting for Redis
 * to come back. The client keeps reconnecting in the background, at least every
 * MAX_RECONNECT_DELAY_MS, so it is back within seconds of Redis. Not for BullMQ workers, whose
 * blocking connections need the opposite (maxRetriesPerRequest: null).
 */
export const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_DELAY_MS),
};

/**
 * A fail-fast client that also gives up on a command after COMMAND_TIMEOUT_MS (Redis reachable but
 * not answering). Its connection errors are expected during an outage: the callers handle failed
 * commands. `connected` resolves on the first connection or after FIRST_CONNECTION_WAIT_MS,
 * whichever comes first: without an offline queue, commands sent while the client is still
 * connecting at start-up would fail although Redis is up.
 */
export function failFastRedis(target: RedisTarget, extra: RedisOptions = {}): { client: RedisConnection; connected: Promise<void> } {
  const client = connectRedis(target, { ...FAIL_FAST, commandTimeout: COMMAND_TIMEOUT_MS, ...extra });
  // Without a listener ioredis prints every reconnection error to stderr.
  client.on('error', () => undefined);
  const connected = new Promise<void>((done) => {
    const timer = setTimeout(done, FIRST_CONNECTION_WAIT_MS).unref();
    client.once('ready', () => {
      clearTimeout(timer);
      done();
    });
  });
  return { client, connected };
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      // Used by the health check only, which should report a Redis that is down at start-up as down.
      useFactory: (config: AppConfig) => failFastRedis(config).client,
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RedisModule.name);

  constructor(
    @Inject(REDIS) private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {}

  /**
   * The API and the worker both check at start that Redis will not evict queued jobs (see
   * eviction-policy.ts): a wrong policy is refused in production and warned about elsewhere. A
   * Redis that does not answer yet is not a reason to refuse: the API serves without it (docs/architecture.md).
   */
  async onApplicationBootstrap(): Promise<void> {
    let policy: string;
    try {
      await this.firstConnection();
      policy = await readEvictionPolicy(this.redis);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not read Redis maxmemory-policy at start; it must be noeviction (docs/scaling.md)');
      return;
    }
    const verdict = evictionVerdict(policy, this.config.NODE_ENV === 'production');
    if (verdict.ok) return;
    if (verdict.refuse) throw new Error(verdict.message);
    this.logger.warn(verdict.message);
  }

  private async firstConnection(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((ready, failed) => {
      const timer = setTimeout(() => failed(new Error(`Redis not ready after ${FIRST_CONNECTION_WAIT_MS} ms`)), FIRST_CONNECTION_WAIT_MS).unref();
      this.redis.once('ready', () => {
        clearTimeout(timer);
        ready();
      });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // quit() needs a live connection; during an outage it fails and we just drop the socket.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
