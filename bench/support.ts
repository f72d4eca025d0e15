/**
 * What every benchmark in bench/ shares: its own environment (database `assay_bench`, a Redis
 * prefix of its own, never the developer's `assay`), building, recreating the database, starting
 * and stopping child processes (only those started here are ever stopped), HTTP to 127.0.0.1 only,
 * CPU accounting from /proc, and a description of the machine.
 *
 * Benchmarks that use it recreate `assay_bench` (run those one at a time) unless they name a database
 * of their own (bench/grading.ts: `assay_bench_grading`).
 */
import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type AppConfig, databaseUrlWithName, dropDatabase, loadConfig, provisionDatabase, runMigrations } from '@assay/core';
import { MIGRATIONS } from '@assay/migrations';

export const ROOT = join(__dirname, '..');
export const BENCH_DB = 'assay_bench';

// ---------------------------------------------------------------------------------------------
// Options

export function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

// ---------------------------------------------------------------------------------------------
// Environment

/**
 * The environment of the servers a benchmark starts (also put into this process's env), and the
 * config loaded from it. Host, roles and passwords come from the developer's settings; the database
 * name is always `database` (`assay_bench` unless the benchmark has its own).
 */
export function benchEnvironment(redisPrefix: string, poolSize: number, database = BENCH_DB): { env: Record<string, string>; config: AppConfig } {
  const base = loadConfig();
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrlWithName(base.DATABASE_URL, database),
    MIGRATION_DATABASE_URL: databaseUrlWithName(base.MIGRATION_DATABASE_URL, database),
    DATABASE_ADMIN_URL: base.DATABASE_ADMIN_URL,
    DATABASE_POOL_SIZE: String(poolSize),
    REDIS_URL: base.REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    AUTH_RATE_LIMIT: '1000000',
    ACCESS_TOKEN_TTL_SECONDS: '7200', // longer than any run: no token expires mid-measurement
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    // Production refuses the development defaults: each run gets its own random secrets.
    JWT_SECRET: randomBytes(48).toString('base64'),
    LINK_SECRET: randomBytes(48).toString('base64'),
  };
  Object.assign(process.env, env);
  return { env, config: loadConfig() };
}

export function build(): void {
  console.log('Building (npm run build)...');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** Drops and recreates the config's database (benchEnvironment's; roles created if missing) and applies every migration. */
export async function recreateDatabase(config: AppConfig): Promise<void> {
  const database = new URL(config.DATABASE_URL).pathname.slice(1);
  console.log(`Recreating database ${database}...`);
  await dropDatabase(config.DATABASE_ADMIN_URL, database);
  await provisionDatabase({ adminUrl: config.DATABASE_ADMIN_URL, ownerUrl: config.MIGRATION_DATABASE_URL, appUrl: config.DATABASE_URL });
  const applied = await runMigrations(config.MIGRATION_DATABASE_URL, MIGRATIONS);
  console.log(`  migrations: ${applied.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Child processes: only those started here are ever stopped.

const children = new Set<ChildProcess>();
let stopping = false;

/**
 * Node flags for the servers a benchmark starts (the API, the bare baselines), from
 * BENCH_CHILD_NODE_FLAGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them under load
 * (NODE_OPTIONS refuses --cpu-prof, and would profile the load generator too).
 */
const CHILD_NODE_FLAGS = (process.env.BENCH_CHILD_NODE_FLAGS ?? '').split(' ').filter(Boolean);

export function startChild(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [...CHILD_NODE_FLAGS, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => console.log(`  [${name}] ${line}`));
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', prefix);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) console.error(`  [${name}] exited (${signal ?? code})`);
  });
  children.add(child);
  return child;
}

export async function stopChildren(): Promise<void> {
  stopping = true;
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Runs main, then stops every child started here, also on error and on SIGINT/SIGTERM. */
export function runBenchmark(main: () => Promise<void>): void {
  process.on('SIGINT', () => void stopChildren().then(() => process.exit(130)));
  process.on('SIGTERM', () => void stopChildren().then(() => process.exit(143)));
  main()
    .then(
      () => stopChildren(),
      async (error: unknown) => {
        console.error(error instanceof Error ? (error.stack ?? error.message) : error);
        process.exitCode = 1;
        await stopChildren();
      },
    )
    .finally(() => {
      // pg/ioredis handles of the imported libraries must not keep the process alive.
      setTimeout(() => process.exit(), 200).unref();
    });
}

export async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const got = typeof address === 'object' && address ? address.port : null;
        server.close(() => resolve(got));
      });
    });
  return (await tryListen(preferred)) ?? ((await tryListen(0)) as number);
}

export async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process serving ${url} exited (${child.exitCode})`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

/**
 * Starts the compiled API (`dist/apps/api/src/main.js` of the checkout `root`, this one unless
 * another is named, to compare builds) on a free port and waits for its health check; `nodeArgs` go
 * before the script (e.g. `-r` of a probe).
 */
export async function startApi(
  env: Record<string, string>,
  preferredPort = 3100,
  name = 'api',
  nodeArgs: string[] = [],
  root = ROOT,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort(preferredPort);
  const url = `http://127.0.0.1:${port}`;
  const child = startChild(name, [...nodeArgs, join(root, 'dist/apps/api/src/main.js')], { ...env, PORT: String(port) });
  await waitFor(`${url}/api/health`, child);
  console.log(`API up on ${url}`);
  return { url, child };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers (127.0.0.1 only)

export async function call<T>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; payload?: Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`refusing to contact ${url}`);
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.payload ? new Uint8Array(init.payload) : (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface SignupResponse {
  accessToken: string;
  tenant: { id: string; slug: string };
}

export async function signup(api: string, slug: string): Promise<{ tenantId: string; token: string }> {
  const response = await call<SignupResponse>(`${api}/api/v1/auth/signup`, {
    method: 'POST',
    body: { companyName: `Bench ${slug}`, slug, adminName: `Admin ${slug}`, email: `admin@${slug}.bench.test`, password: 'bench-password-123' },
  });
  if (response.status !== 201) throw new Error(`signup ${slug}: ${response.status} ${JSON.stringify(response.body)}`);
  return { tenantId: response.body.tenant.id, token: response.body.accessToken };
}

// ---------------------------------------------------------------------------------------------
// CPU accounting from /proc (Linux): user+system time of a process, and of every process of a name.

const CLOCK_TICK_MS = 10; // CLK_TCK = 100 on Linux x86_64

export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS; // utime, stime
  } catch {
    return 0;
  }
}

/** CPU ms of every process whose command name is `name` (e.g. `postgres`, `redis-server`), by pid. */
export function processesCpu(name: string): Map<number, number> {
  const cpu = new Map<number, number>();
  if (os.platform() !== 'linux') return cpu;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === name) cpu.set(Number(entry), procCpuMs(Number(entry)));
    } catch {
      // gone
    }
  }
  return cpu;
}

export function postgresCpu(): Map<number, number> {
  return processesCpu('postgres');
}

export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

// ---------------------------------------------------------------------------------------------

export async function machine(config: AppConfig): Promise<Record<string, unknown>> {
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    const cpus = os.cpus();
    return {
      cpuModel: cpus[0]?.model,
      cpuCount: cpus.length,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      postgres: rows[0].version,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    };
  } finally {
    await client.end();
  }
}

export function loadAverage(): number[] {
  return os.loadavg().map((l) => Math.round(l * 100) / 100);
}

/** One autocannon run of a benchmark against one server, with the CPU it cost. */
export interface Measurement {
  target: string;
  connections: number;
  requests: number;
  rps: number;
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  /** The bench process's own CPU per request: it is the load generator (autocannon in-process). */
  loadGeneratorCpuMsPerRequest: number;
  loadAverage1mAfter: number;
}
