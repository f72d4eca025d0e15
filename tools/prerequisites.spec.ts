import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '@assay/core';
import { freePort } from '@assay/testing';
import { explainMissing, missingServices } from './prerequisites';

/** A newcomer's first `npm start` on a machine without PostgreSQL or Redis: what is missing, and how to get it. */
describe('start-up check of PostgreSQL and Redis', () => {
  const nowhere = async () => {
    const [pg, redis] = [await freePort(), await freePort()];
    return { pg, redis, settings: { DATABASE_ADMIN_URL: `postgres://postgres@127.0.0.1:${pg}/postgres`, REDIS_URL: `redis://127.0.0.1:${redis}` } };
  };

  it('finds nothing missing when both answer', async () => {
    expect(await missingServices(loadConfig(process.env))).toEqual([]);
  });

  it('names each missing server, its address and setting, and the exact ways to get it', async () => {
    const { pg, redis, settings } = await nowhere();
    const missing = await missingServices(settings);
    expect(missing).toEqual([
      { name: 'PostgreSQL', setting: 'DATABASE_ADMIN_URL', address: `127.0.0.1:${pg}`, reason: 'connection refused' },
      { name: 'Redis', setting: 'REDIS_URL', address: `127.0.0.1:${redis}`, reason: 'connection refused' },
    ]);
    const message = explainMissing(missing);
    expect(message).toContain('Assay needs PostgreSQL and Redis');
    expect(message).toContain(`PostgreSQL 127.0.0.1:${pg} (DATABASE_ADMIN_URL): connection refused`);
    expect(message).toContain('sudo apt-get install postgresql redis-server');
    expect(message).toContain('sudo service postgresql start');
    expect(message).toContain('sudo service redis-server start');
    expect(message).toContain('docker compose up -d postgres redis');

    const redisOnly = explainMissing(missing.filter((service) => service.name === 'Redis'));
    expect(redisOnly).toContain('sudo apt-get install redis-server\n');
    expect(redisOnly).toContain('docker compose up -d redis\n');
    expect(redisOnly).not.toContain('postgres');
  });

  it('`npm start` stops with that explanation (exit 1) instead of a bare ECONNREFUSED', async () => {
    const { settings } = await nowhere();
    const root = resolve(__dirname, '..');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(root, 'tools/start.ts')], {
      cwd: root,
      env: { ...process.env, ...settings },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('close', done));
    expect(code).toBe(1);
    expect(output).toContain('Assay needs PostgreSQL and Redis');
    expect(output).toContain('docker compose up -d postgres redis');
    expect(output).not.toContain('ECONNREFUSED');
  });
});
