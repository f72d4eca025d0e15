import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { TenantContext } from '../database/tenant-context';
import { closeConnection, queueConnection } from '../redis/redis.module';
import { JOB_QUEUE, JOB_SCHEDULES, JobName, QUEUE_CONCURRENCY, QueueName } from './job-catalog';
import { JOB_HANDLER, JobResult } from './job-handler.decorator';
import { JobQueue } from './job-queue';

type Handler = (data: unknown, job: Job) => Promise<JobResult>;

/** Finds the handler of every catalogue job, then runs one BullMQ worker per queue. */
export function collectHandlers(
  providers: { instance: object | undefined }[],
  reflector: Reflector,
  scanner: MetadataScanner,
): Map<JobName, Handler> {
  const handlers = new Map<JobName, Handler>();
  const problems: string[] = [];
  for (const { instance } of providers) {
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => Promise<JobResult>>;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const name = reflector.get<JobName | undefined>(JOB_HANDLER, prototype[method]);
      if (!name) continue;
      if (handlers.has(name)) problems.push(`job "${name}" has two handlers`);
      handlers.set(name, prototype[method].bind(instance) as Handler);
    }
  }
  for (const name of Object.values(JobName)) {
    if (!handlers.has(name)) problems.push(`job "${name}" has no handler`);
  }
  if (problems.length > 0) throw new Error(`Job catalogue is not fully handled: ${problems.join('; ')}`);
  return handlers;
}

@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobRunner.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = collectHandlers(this.discovery.getProviders(), this.reflector, this.scanner);
    for (const queueName of Object.values(QueueName)) {
      const worker = new Worker(queueName, (job) => this.process(handlers, job), {
        // Blocking commands wait for jobs: retried without limit (BullMQ sets this itself for options).
        connection: queueConnection(this.config, { maxRetriesPerRequest: null }),
        prefix: this.config.REDIS_PREFIX,
        concurrency: QUEUE_CONCURRENCY[queueName],
        lockDuration: this.config.QUEUE_LOCK_MS,
        stalledInterval: this.config.QUEUE_STALLED_CHECK_MS,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'Job failed'),
      );
      this.workers.push(worker);
    }
    for (const schedule of JOB_SCHEDULES) {
      await this.jobs
        .queue(JOB_QUEUE[schedule.name])
        .upsertJobScheduler(schedule.name, { every: schedule.everyMs }, { name: schedule.name, data: {} });
    }
    this.logger.log(`Processing ${handlers.size} job types on ${this.workers.length} queues`);
  }

  private async process(handlers: Map<JobName, Handler>, job: Job): Promise<JobResult> {
    const handler = handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job "${job.name}"`);
    const started = Date.now();
    const tenantId = (job.data as { tenantId?: string }).tenantId ?? null;
    this.logger.log({ job: job.name, jobId: job.id, tenantId }, 'Job started');
    // A tenant job runs inside its tenant's context, so services use TenantTransaction.run as in requests.
    const result = tenantId
      ? await TenantContext.run({ tenantId, userId: null, apiKeyId: null, roles: [] }, () => handler(job.data, job))
      : await handler(job.data, job);
    this.logger.log({ job: job.name, jobId: job.id, tenantId, result, durationMs: Date.now() - started }, 'Job finished');
    return result;
  }

  /**
   * Lets running jobs finish before anything else closes (the database pool and Redis close in
   * the later shutdown hooks); BullMQ re-queues what a killed worker held.
   */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker) => {
        await worker.close();
        await closeConnection(worker.opts.connection);
      }),
    );
  }
}
