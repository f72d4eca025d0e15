import { randomBytes } from 'node:crypto';
import { exited, freePort, healthy, spawnProcess } from './processes';

/** SIGTERM (a deploy, `docker compose stop`) lets requests in flight finish, then exits cleanly. */
describe('graceful shutdown', () => {
  it('the API answers the requests it has accepted, then exits with 0', async () => {
    const port = await freePort();
    const api = spawnProcess('api', { PORT: String(port), HOST: '127.0.0.1', REDIS_PREFIX: `assay-test-stop-${randomBytes(4).toString('hex')}` });
    try {
      await healthy(port);
      // Sign-ups hash a password with argon2id: long enough to be in flight when the signal arrives.
      const inFlight = Array.from({ length: 4 }, (_, i) =>
        fetch(`http://127.0.0.1:${port}/api/v1/auth/signup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ companyName: '停机测试', slug: `stop-${randomBytes(4).toString('hex')}-${i}`, adminName: '管理员', email: `stop${i}@example.com`, password: 'long enough passphrase' }),
        }),
      );
      await new Promise((r) => setTimeout(r, 20));
      api.kill('SIGTERM');
      const statuses = await Promise.all(inFlight.map(async (response) => (await response).status));
      expect(statuses).toEqual([201, 201, 201, 201]);
      expect(await exited(api)).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    } finally {
      api.kill('SIGKILL');
    }
  }, 60_000);

  it('the worker stops on SIGTERM with 0', async () => {
    const worker = spawnProcess('worker', { REDIS_PREFIX: `assay-test-stop-${randomBytes(4).toString('hex')}` });
    try {
      await new Promise((r) => setTimeout(r, 4000));
      expect(worker.exitCode).toBeNull();
      worker.kill('SIGTERM');
      expect(await exited(worker)).toBe(0);
    } finally {
      worker.kill('SIGKILL');
    }
  }, 60_000);
});
