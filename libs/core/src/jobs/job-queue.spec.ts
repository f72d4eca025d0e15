import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import { loadConfig } from '../config/app-config';
import { redisOptions } from '../redis/redis.module';
import { JobName, QueueName } from './job-catalog';
import { JobQueue } from './job-queue';

describe('JobQueue.requeue', () => {
  const config = Object.assign(loadConfig(process.env), { REDIS_PREFIX: `assay-test-jq-${randomBytes(4).toString('hex')}` });
  const jobs = new JobQueue(config);
  afterAll(async () => {
    await jobs.queue(QueueName.Mail).obliterate({ force: true });
    await jobs.onApplicationShutdown();
  });

  it('adds missing jobs, retries failed ones, and leaves the others alone', async () => {
    const failing = new Worker(QueueName.Mail, async () => Promise.reject(new Error('boom')), {
      connection: redisOptions(config.REDIS_URL),
      prefix: config.REDIS_PREFIX,
    });
    const failed = new Promise<string | undefined>((resolve) => failing.once('failed', (job) => resolve(job?.id)));
    const data = (outboxId: string) => ({ tenantId: '00000000-0000-4000-8000-000000000001', outboxId });
    const queue = jobs.queue(QueueName.Mail);
    await queue.add(JobName.SendOutboxMessage, data('was-failed'), { jobId: 'was-failed', attempts: 1 });
    expect(await failed).toBe('was-failed');
    await failing.close();
    expect(await (await queue.getJob('was-failed'))?.getState()).toBe('failed');
    await queue.add(JobName.SendOutboxMessage, data('was-delayed'), { jobId: 'was-delayed', delay: 60_000 });

    await jobs.requeue(JobName.SendOutboxMessage, [data('was-failed'), data('was-delayed'), data('was-lost')]);

    expect(await (await queue.getJob('was-failed'))?.getState()).toBe('waiting');
    expect(await (await queue.getJob('was-delayed'))?.getState()).toBe('delayed');
    expect(await (await queue.getJob('was-lost'))?.getState()).toBe('waiting');
  });
});
