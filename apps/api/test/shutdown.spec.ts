import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { exited, freePort, healthy, spawnProcess } from './processes';

/** SIGTERM (a deploy, `docker compose stop`) lets requests in flight finish, then exits cleanly. */
describe('graceful shutdown', () => {
  it('the API answers the requests it has accepted, then exits with 0', async () => {
    const port = await freePort();
    const api = spawnProcess('api', { PORT: String(port), HOST: '127.0.0.1', REDIS_PREFIX: `assay-test-stop-${randomBytes(4).toString('hex')}` });
    try {
      await healthy(port);
      // Requests whose headers the server has already received are in flight; their bodies
      // (sign-ups: argon2id takes a while) are sent only after the signal.
      const inFlight = Array.from({ length: 4 }, (_, i) => {
        const body = JSON.stringify({ companyName: '停机测试', slug: `stop-${randomBytes(4).toString('hex')}-${i}`, adminName: '管理员', email: `stop${i}@example.com`, password: 'long enough passphrase' });
        const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/signup', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
        const status = new Promise<number>((resolve, reject) => {
          request.on('response', (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          request.on('error', reject);
        });
        request.flushHeaders();
        return { request, body, status };
      });
      await new Promise((r) => setTimeout(r, 500));
      api.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      for (const { request, body } of inFlight) request.end(body);
      const statuses = await Promise.all(inFlight.map((r) => r.status));
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
