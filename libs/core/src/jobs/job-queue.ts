import { EventEmitter } from 'node:events';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { closeConnection, FAIL_FAST, queueConnection } from '../redis/redis.module';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, JobOf, QueueName, jobIdOf } from './job-catalog';

export interface EnqueueOptions {
  delayMs?: number;
}

/**
 * The longest a producer waits for Redis: BullMQ itself waits without limit for a connection that
 * is not ready, so a request would hang for as long as Redis is down. Reached only when Redis
 * neither answers nor refuses (a busy machine's slow first connection, a host that drops packets);
 * a refused connection fails the waiting calls at once (see JobQueue).
 */
export const PRODUCER_TIMEOUT_MS = 10_000;

export class QueueUnavailableError extends Error {
  constructor(operation: string, reason: string) {
    super(`Redis is unavailable for ${operation}: ${reason}`);
    this.name = 'QueueUnavailableError';
  }
}

/** Errors of the connection itself (refused, reset, timed out, unknown host), not of a command. */
function isConnectionError(error: Error): boolean {
  return typeof (error as NodeJS.ErrnoException).code === 'string';
}

/**
 * Typed producer for every queue of the catalogue. Job ids come from the catalogue (`JOB_IDS`),
 * never from callers. While Redis is unreachable every call fails with QueueUnavailableError: at
 * once after a connection error (until a connection is ready again), else after at most
 * PRODUCER_TIMEOUT_MS. Callers after a commit log it (afterCommit) and leave the work to the
 * sweeps; a call that only waited long still completes in the background.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  /** The last connection error since a connection was last ready; while set, calls fail at once. */
  private unreachable: Error | null = null;
  /** Tells the calls already waiting that the connection failed. */
  private readonly connectionErrors = new EventEmitter().setMaxListeners(0);

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: queueConnection(this.config, FAIL_FAST),
        prefix: this.config.REDIS_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      queue.on('error', (error) => {
        if (!isConnectionError(error)) return;
        this.unreachable = error;
        this.connectionErrors.emit('lost', error);
      });
      queue.client.then(
        (client) => {
          this.unreachable = null;
          client.on('ready', () => (this.unreachable = null));
        },
        () => undefined,
      );
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<N extends JobName>(name: N, data: JobOf<N>, options: EnqueueOptions = {}): Promise<void> {
    await this.bounded(`enqueue ${name}`, () => this.queue(JOB_QUEUE[name]).add(name, data, { jobId: jobIdOf(name, data), delay: options.delayMs }));
  }

  /** One round trip for many jobs of one name (bulk invitations). */
  async enqueueMany<N extends JobName>(name: N, jobs: { data: JobOf<N>; delayMs?: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.bounded(`enqueue ${jobs.length} ${name}`, () =>
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
    await this.bounded(`cancel ${name}`, () => this.removePending(name, data));
  }

  private async removePending<N extends JobName>(name: N, data: JobOf<N>): Promise<void> {
    const id = jobIdOf(name, data);
    const job = id === undefined ? undefined : await this.queue(JOB_QUEUE[name]).getJob(id);
    if (job && ((await job.isDelayed()) || (await job.isWaiting()))) await job.remove();
  }

  /** `work`, unless Redis is known unreachable; failing at once on a connection error, or after PRODUCER_TIMEOUT_MS. */
  private bounded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.unreachable) return Promise.reject(new QueueUnavailableError(operation, this.unreachable.message));
    const pending = work();
    // A failure after we gave up is already reported by the rejection below.
    pending.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    let onError: (error: Error) => void = () => undefined;
    const givenUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError(operation, `no answer within ${PRODUCER_TIMEOUT_MS} ms`)), PRODUCER_TIMEOUT_MS);
      onError = (error) => reject(new QueueUnavailableError(operation, error.message));
      this.connectionErrors.once('lost', onError);
    });
    return Promise.race([pending, givenUp]).finally(() => {
      clearTimeout(timer);
      this.connectionErrors.off('lost', onError);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map(async (queue) => {
        await queue.close();
        await closeConnection(queue.opts.connection);
      }),
    );
  }
}
