import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../redis/redis.module';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUE, JobName, JobOf, QueueName } from './job-catalog';

export interface EnqueueOptions {
  /** Deterministic id (e.g. from the entity) so the same job is never queued twice. */
  jobId?: string;
  delayMs?: number;
}

/** Typed producer for every queue of the catalogue. */
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
    await this.queue(JOB_QUEUE[name]).add(name, data, { jobId: options.jobId, delay: options.delayMs });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
