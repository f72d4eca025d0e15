import type { JobsOptions } from 'bullmq';

/**
 * The one job catalogue shared by producers (api, services) and processors (worker): queue names,
 * job names, typed payloads and options. A job name belongs to exactly one queue.
 */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum JobName {
  PurgeExpired = 'purge-expired',
}

/**
 * Payload of each job. Every tenant-scoped job carries `tenantId`; the maintenance jobs are the
 * exception: they act on all tenants through narrow SECURITY DEFINER functions.
 */
export interface JobPayloads {
  [JobName.PurgeExpired]: Record<string, never>;
}

export type JobOf<N extends JobName> = JobPayloads[N];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.PurgeExpired]: QueueName.Maintenance,
};

/** Retries with exponential backoff; finished jobs are kept a while for inspection, then trimmed. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Maintenance]: 1,
};

/** Repeatable jobs, upserted by the worker at start-up (idempotent: one scheduler per id). */
export const JOB_SCHEDULES: { name: JobName; everyMs: number }[] = [{ name: JobName.PurgeExpired, everyMs: 3600_000 }];
