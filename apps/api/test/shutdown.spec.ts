import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Queue } from 'bullmq';
import { JOB_QUEUE, JOB_SCHEDULES, loadConfig, redisOptions } from '@assay/core';
import { until } from '@assay/testing';
import { exited, freePort, healthy, spawnProcess } from './processes';

/** SIGTERM (a deploy, `docker compose stop`) lets requests in flight finish, then exits cleanly. */
describe('graceful shutdown', () => {
  // The give-up limit guards production against a hung stop; here it must not turn a busy machine into a red test.
  const patient = { SHUTDOWN_TIMEOUT_MS: '600000' };
  it('the API answers the requests it has accepted, then exits with 0', async () => {
    const port = await freePort();
    const api = spawnProcess('api', { ...patient, PORT: String(port), HOST: '127.0.0.1', REDIS_PREFIX: `assay-test-stop-${randomBytes(4).toString('hex')}` });
    try {
      await healthy(port);
      // Requests whose headers the server has already received are in flight (it has answered
      // "100 Continue" to each); their bodies (sign-ups: argon2id takes a while) are sent only after the signal.
      const inFlight = Array.from({ length: 4 }, (_, i) => {
        const body = JSON.stringify({ companyName: '停机测试', slug: `stop-${randomBytes(4).toString('hex')}-${i}`, adminName: '管理员', email: `stop${i}@example.com`, password: 'long enough passphrase' });
        const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/signup', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' } });
        const received = new Promise<void>((resolve) => request.once('continue', resolve));
        const status = new Promise<number>((resolve, reject) => {
          request.on('response', (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          request.on('error', reject);
        });
        request.flushHeaders();
        return { request, body, status, received };
      });
      await Promise.all(inFlight.map((r) => r.received));
      api.kill('SIGTERM');
      // The signal has been handled once the API stops accepting new connections.
      await until(
        () => fetch(`http://127.0.0.1:${port}/api/health`).then(() => false, () => true),
        'the API to stop accepting connections',
      );
      for (const { request, body } of inFlight) request.end(body);
      const statuses = await Promise.all(inFlight.map((r) => r.status));
      expect(statuses).toEqual([201, 201, 201, 201]);
      expect(await exited(api)).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    } finally {
      api.kill('SIGKILL');
    }
  });

  it('the worker stops on SIGTERM with 0', async () => {
    const prefix = `assay-test-stop-${randomBytes(4).toString('hex')}`;
    const worker = spawnProcess('worker', { ...patient, REDIS_PREFIX: prefix });
    const connection = redisOptions(loadConfig(process.env).REDIS_URL);
    const queues = JOB_SCHEDULES.map((schedule) => ({ schedule, queue: new Queue(JOB_QUEUE[schedule.name], { connection, prefix }) }));
    try {
      // Started: it sets up its job schedules after it listens for signals (apps/worker/src/main.ts).
      const scheduled = async () => (await Promise.all(queues.map(async ({ schedule, queue }) => Boolean(await queue.getJobScheduler(schedule.name))))).every(Boolean);
      await until(scheduled, 'the worker to register its job schedules');
      expect(worker.exitCode).toBeNull();
      worker.kill('SIGTERM');
      expect(await exited(worker)).toBe(0);
    } finally {
      worker.kill('SIGKILL');
      // Several schedules share a queue: obliterate each queue once (two at once on one queue race).
      const byName = new Map(queues.map(({ queue }) => [queue.name, queue]));
      for (const queue of byName.values()) await queue.obliterate({ force: true });
      await Promise.all(queues.map(({ queue }) => queue.close()));
    }
  });
});
