import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { normalizeIp, ThrottlerException, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';

/** Options of ThrottlerGuard that RouteThrottle does not implement; refused at start-up rather than ignored. */
const UNSUPPORTED = ['skipIf', 'ignoreUserAgents', 'getTracker', 'generateKey', 'setHeaders', 'errorMessage'] as const;

/**
 * ThrottlerGuard's check of one named throttler, for a plain Fastify route that Nest's guards do
 * not run on (the candidate's start, libs/attempts/src/start.route.ts): the same storage and counter
 * key (`guardKey`, the `<Controller>-<method>` the guard hashed), the same limit, window and block,
 * the same `X-RateLimit-{Limit,Remaining,Reset}-<name>` headers on what it lets through, and on what
 * it refuses `Retry-After-<name>` and a ThrottlerException, i.e. 429 `request.rate_limited` through
 * problemOf. As with `@SkipThrottle()` of every other throttler, only the named one counts.
 */
export class RouteThrottle {
  private readonly limit: number;
  private readonly ttl: number;
  private readonly blockDuration: number;
  private readonly ipv6SubnetPrefix: number | undefined;
  private readonly headerSuffix: string;

  constructor(
    options: ThrottlerModuleOptions,
    private readonly name: string,
    private readonly storage: ThrottlerStorage,
    private readonly guardKey: string,
  ) {
    const throttlers = Array.isArray(options) ? options : options.throttlers;
    const throttler = throttlers.find((t) => (t.name ?? 'default') === name);
    if (!throttler) throw new Error(`No throttler named "${name}" is configured`);
    for (const source of Array.isArray(options) ? [throttler] : [options, throttler]) {
      const used = UNSUPPORTED.filter((option) => (source as Record<string, unknown>)[option] !== undefined);
      if (used.length > 0) throw new Error(`RouteThrottle does not implement the throttler option(s) ${used.join(', ')}`);
    }
    const { limit, ttl, blockDuration = ttl } = throttler;
    if (typeof limit !== 'number' || typeof ttl !== 'number' || typeof blockDuration !== 'number') throw new Error(`Throttler "${name}": limit, ttl and blockDuration must be numbers`);
    this.limit = limit;
    this.ttl = ttl;
    this.blockDuration = blockDuration;
    this.ipv6SubnetPrefix = Array.isArray(options) ? undefined : options.ipv6SubnetPrefix;
    this.headerSuffix = name === 'default' ? '' : `-${name}`;
  }

  /** Counts the request; throws ThrottlerException (429) when its client is over the limit. */
  async check(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const tracker = normalizeIp(request.ip, this.ipv6SubnetPrefix);
    const key = createHash('sha256').update(`${this.guardKey}-${this.name}-${tracker}`).digest('hex');
    const { totalHits, timeToExpire, isBlocked, timeToBlockExpire } = await this.storage.increment(key, this.ttl, this.limit, this.blockDuration, this.name);
    if (isBlocked) {
      void reply.header(`Retry-After${this.headerSuffix}`, timeToBlockExpire);
      throw new ThrottlerException();
    }
    void reply
      .header(`X-RateLimit-Limit${this.headerSuffix}`, this.limit)
      .header(`X-RateLimit-Remaining${this.headerSuffix}`, Math.max(0, this.limit - totalHits))
      .header(`X-RateLimit-Reset${this.headerSuffix}`, timeToExpire);
  }
}
