import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../redis/redis.module';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, JobOf, QueueName, jobIdOf } from './job-catalog';

export interface EnqueueOptions {
  delayMs?: number;
}

/** Typed producer for every queue of the catalogue. Job ids come from the catalogue (`JOB_IDS`), never from callers. */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: redisOptions(this.config.REDIS_URL),
        prefix: this.config.REDIS_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async enqueue<N extends JobName>(name: N, data: JobOf<N>, options: EnqueueOptions = {}): Promise<void> {
    await this.queue(JOB_QUEUE[name]).add(name, data, { jobId: jobIdOf(name, data), delay: options.delayMs });
  }

  /** One round trip for many jobs of one name (bulk invitations). */
  async enqueueMany<N extends JobName>(name: N, jobs: { data: JobOf<N>; delayMs?: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(JOB_QUEUE[name]).addBulk(
      jobs.map((job) => ({ name, data: job.data, opts: { jobId: jobIdOf(name, job.data), delay: job.delayMs } })),
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
    const id = jobIdOf(name, data);
    const job = id === undefined ? undefined : await this.queue(JOB_QUEUE[name]).getJob(id);
    if (job && ((await job.isDelayed()) || (await job.isWaiting()))) await job.remove();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
