import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { failFastRedisOptions } from '../redis/redis.module';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, JobOf, QueueName, jobIdOf } from './job-catalog';

export interface EnqueueOptions {
  delayMs?: number;
}

/**
 * How long a producer waits for Redis before it gives up. BullMQ waits for a connection that is
 * not ready yet without limit, so a request would hang for as long as Redis is down; the work
 * belongs to rows already committed, which the sweeps find again.
 */
export const PRODUCER_TIMEOUT_MS = 3000;

export class QueueUnavailableError extends Error {
  constructor(operation: string) {
    super(`Redis did not answer ${operation} within ${PRODUCER_TIMEOUT_MS} ms`);
    this.name = 'QueueUnavailableError';
  }
}

/**
 * Typed producer for every queue of the catalogue. Job ids come from the catalogue (`JOB_IDS`),
 * never from callers. Every call fails within PRODUCER_TIMEOUT_MS when Redis is unreachable
 * (QueueUnavailableError, or the client's own error at once once it was connected): callers
 * after a commit log it (afterCommit) and leave the work to the sweeps.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: failFastRedisOptions(this.config.REDIS_URL),
        prefix: this.config.REDIS_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<N extends JobName>(name: N, data: JobOf<N>, options: EnqueueOptions = {}): Promise<void> {
    await bounded(`enqueue ${name}`, this.queue(JOB_QUEUE[name]).add(name, data, { jobId: jobIdOf(name, data), delay: options.delayMs }));
  }

  /** One round trip for many jobs of one name (bulk invitations). */
  async enqueueMany<N extends JobName>(name: N, jobs: { data: JobOf<N>; delayMs?: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    await bounded(
      `enqueue ${jobs.length} ${name}`,
      this.queue(JOB_QUEUE[name]).addBulk(jobs.map((job) => ({ name, data: job.data, opts: { jobId: jobIdOf(name, job.data), delay: job.delayMs } }))),
    );
  }

  /**
   * For sweeps that find work whose job was lost or gave up: adds the job when none has that id,
   * and retries it when the one kept under that id has failed (a plain add would be ignored
   * while the failed job is kept). Waiting, delayed, active or completed jobs are left alone.
   */
  async requeue<N extends JobName>(name: N, payloads: JobOf<N>[]): Promise<void> {
    const queue = this.queue(JOB_QUEUE[name]);
    const missing: { data: JobOf<N> }[] = [];
    for (const data of payloads) {
      const id = jobIdOf(name, data);
      const existing = id === undefined ? undefined : await queue.getJob(id);
      if (!existing) missing.push({ data });
      else if (await existing.isFailed()) await existing.retry('failed');
    }
    await this.enqueueMany(name, missing);
  }

  /** Cancels a waiting or delayed job (a reminder no longer needed); running jobs are left alone. */
  async cancel<N extends JobName>(name: N, data: JobOf<N>): Promise<void> {
    await bounded(`cancel ${name}`, this.removePending(name, data));
  }

  private async removePending<N extends JobName>(name: N, data: JobOf<N>): Promise<void> {
    const id = jobIdOf(name, data);
    const job = id === undefined ? undefined : await this.queue(JOB_QUEUE[name]).getJob(id);
    if (job && ((await job.isDelayed()) || (await job.isWaiting()))) await job.remove();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** `work`, or QueueUnavailableError after PRODUCER_TIMEOUT_MS; a late failure of `work` is dropped (already reported). */
function bounded<T>(operation: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(operation)), PRODUCER_TIMEOUT_MS);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
