import type { Cluster, Redis } from 'ioredis';

/**
 * BullMQ keeps jobs, locks and schedules as ordinary Redis keys: a Redis that evicts keys under
 * memory pressure silently loses jobs (BullMQ's "Going to production" guide asks for
 * `maxmemory-policy noeviction`; with it, a full Redis refuses writes, which the producers and the
 * sweeps already survive). docs/scaling.md, "Redis", says how to run one.
 */
export const REQUIRED_EVICTION_POLICY = 'noeviction';

export type EvictionVerdict = { ok: true } | { ok: false; refuse: boolean; message: string };

/** What to do about the policy Redis reports: refuse to start in production, warn elsewhere. */
export function evictionVerdict(policy: string, production: boolean): EvictionVerdict {
  if (policy === REQUIRED_EVICTION_POLICY) return { ok: true };
  const message =
    `Redis maxmemory-policy is "${policy}": under memory pressure Redis would delete queued jobs. ` +
    `Set maxmemory-policy ${REQUIRED_EVICTION_POLICY} (redis.conf, CONFIG SET, or the managed service's parameter group); see docs/scaling.md, "Redis".`;
  return { ok: false, refuse: production, message };
}

/** The policy from `INFO memory` rather than `CONFIG GET`, which several managed services disable. */
export async function readEvictionPolicy(client: Redis | Cluster): Promise<string> {
  const policy = /^maxmemory_policy:(\S+)/m.exec(await client.info('memory'))?.[1];
  if (!policy) throw new Error('INFO memory reports no maxmemory_policy');
  return policy;
}
