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
    const data = (outboxId: string) => ({ tenantId: '00000000-0000-4000-8000-000000000001', outboxId });
    await jobs.queue(QueueName.Mail).add(JobName.SendOutboxMessage, data('was-failed'), { jobId: 'was-failed', attempts: 1 });
    const queue = jobs.queue(QueueName.Mail);
    for (let i = 0; i < 100 && !(await (await queue.getJob('was-failed'))?.isFailed()); i += 1) await new Promise((r) => setTimeout(r, 50));
    await failing.close();
    await queue.add(JobName.SendOutboxMessage, data('was-delayed'), { jobId: 'was-delayed', delay: 60_000 });

    await jobs.requeue(JobName.SendOutboxMessage, [data('was-failed'), data('was-delayed'), data('was-lost')]);

    expect(await (await queue.getJob('was-failed'))?.getState()).toBe('waiting');
    expect(await (await queue.getJob('was-delayed'))?.getState()).toBe('delayed');
    expect(await (await queue.getJob('was-lost'))?.getState()).toBe('waiting');
  });
});
