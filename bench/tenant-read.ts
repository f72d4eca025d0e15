/**
 * Authenticated tenant-scoped read under concurrency: the real API (`GET /api/v1/users?pageSize=50`,
 * JWT bearer, Nest pipeline, TypeORM, row-level security) against bare Fastify + pg doing the same
 * database work, in the same run, on the same database.
 *
 *   node -r @swc-node/register bench/tenant-read.ts [--duration 15] [--warmup 3] [--connections 50,200] [--no-build] [--profile]
 *
 * By itself it: builds (npm run build), recreates and migrates the database `assay_bench`, starts the
 * compiled API and the bare server as child processes on free ports (3100/3101 if free), seeds two
 * tenants through the API, checks one response of each server, runs autocannon against each target at
 * each concurrency, prints a Markdown table, writes bench/results/tenant-read-<date>.json (summary) and
 * .raw.json (autocannon output, git-ignored), and stops the processes it started.
 * Only 127.0.0.1 is ever contacted. See docs/performance.md.
 */
import { createSecretKey } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import jwt from 'jsonwebtoken';
import {
  benchEnvironment,
  build,
  call,
  cpuDelta,
  freePort,
  machine,
  option,
  postgresCpu,
  procCpuMs,
  recreateDatabase,
  ROOT,
  runBenchmark,
  signup,
  startApi,
  startChild,
  waitFor,
  type Measurement,
} from './support';

const POOL_SIZE = 20;
const PAGE_SIZE = 50;
const STAFF_A = 50; // + the admin: 51 users, so a page of 50 is full and the total needs a COUNT
const STAFF_B = 20;

// ---------------------------------------------------------------------------------------------
// Options

const DURATION = Number(option('duration', '15'));
const WARMUP = Number(option('warmup', '3'));
const CONNECTIONS = option('connections', '50,200').split(',').map(Number);
const BUILD = !process.argv.includes('--no-build');
const PROFILE = process.argv.includes('--profile');

// A database and Redis prefix of its own, never the developer's `assay` (see support.ts).
const { env: benchEnv, config } = benchEnvironment('assay-bench', POOL_SIZE);

// ---------------------------------------------------------------------------------------------
// Seeding and checks

interface UserPage {
  items: { id: string; tenantId: string; email: string }[];
  total: number;
  page: number;
  pageSize: number;
}

async function seedTenant(api: string, slug: string, staff: number): Promise<{ tenantId: string; token: string }> {
  const { tenantId, token } = await signup(api, slug);
  // Sequential: each user costs an argon2 hash, and the API should not be busy when measured.
  for (let i = 1; i <= staff; i++) {
    const created = await call(`${api}/api/v1/users`, {
      method: 'POST',
      token,
      body: { email: `grader${String(i).padStart(3, '0')}@${slug}.bench.test`, name: `Grader ${i}`, roles: ['grader'], password: 'bench-password-123' },
    });
    if (created.status !== 201) throw new Error(`create user ${i} in ${slug}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return { tenantId, token };
}

function assertPage(name: string, status: number, page: UserPage, tenantId: string, total: number): void {
  const problems: string[] = [];
  if (status !== 200) problems.push(`status ${status}`);
  if (page?.items?.length !== PAGE_SIZE) problems.push(`${page?.items?.length} items, expected ${PAGE_SIZE}`);
  if (page?.total !== total) problems.push(`total ${page?.total}, expected ${total}`);
  if (page?.items?.some((u) => u.tenantId !== tenantId)) problems.push('a row of another tenant');
  if (problems.length > 0) throw new Error(`${name}: wrong response: ${problems.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Load

interface Target {
  name: string;
  label: string;
  url: string;
  headers: Record<string, string>;
  pid: () => number;
}

/** tenant-read also records the run's length and the load generator's own CPU. */
interface TenantReadMeasurement extends Measurement {
  duration: number;
}

async function measure(target: Target, connections: number, raw: unknown[]): Promise<TenantReadMeasurement> {
  const run = (duration: number) => autocannon({ url: target.url, connections, duration, headers: target.headers, timeout: 10 });
  if (WARMUP > 0) await run(WARMUP);
  const pid = target.pid();
  const serverBefore = procCpuMs(pid);
  const pgBefore = postgresCpu();
  const selfBefore = process.cpuUsage();
  const result = await run(DURATION);
  const self = process.cpuUsage(selfBefore);
  const serverMs = procCpuMs(pid) - serverBefore;
  const pgMs = cpuDelta(pgBefore, postgresCpu());
  raw.push({ target: target.name, connections, result });
  const total = result['2xx'] + result.non2xx;
  const perRequest = (ms: number) => (total > 0 ? Math.round((ms / total) * 1000) / 1000 : 0);
  return {
    target: target.name,
    connections,
    duration: DURATION,
    requests: total,
    rps: Math.round(result.requests.average),
    latency: { mean: result.latency.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverCpuMsPerRequest: perRequest(serverMs),
    postgresCpuMsPerRequest: perRequest(pgMs),
    loadGeneratorCpuMsPerRequest: perRequest((self.user + self.system) / 1000),
    loadAverage1mAfter: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

/**
 * Microbenchmark of what the guard does per request: HS256 verification of the token, with the
 * secret as the string the app passes today, and as a KeyObject. Given a string, jsonwebtoken 9
 * first tries createPublicKey(secret), which throws, then createSecretKey: on every call.
 */
function jwtVerifyMicros(token: string, secret: jwt.Secret): number {
  const n = 10_000;
  for (let i = 0; i < 1_000; i++) jwt.verify(token, secret, { algorithms: ['HS256'] });
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) jwt.verify(token, secret, { algorithms: ['HS256'] });
  return Math.round((Number(process.hrtime.bigint() - start) / 1000 / n) * 10) / 10;
}

// ---------------------------------------------------------------------------------------------
// Profile (optional, --profile): a V8 CPU profile of the API under load, self time by package.

async function profileApi(apiEnv: Record<string, string>, token: string, connections: number): Promise<Record<string, number>> {
  const dir = join(os.tmpdir(), 'assay-bench-profiles'); // outside the repository: profiles are large
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const port = await freePort(3102);
  const child = startChild('api-profile', ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/apps/api/src/main.js'], { ...apiEnv, PORT: String(port) });
  await waitFor(`http://127.0.0.1:${port}/api/health`, child);
  const url = `http://127.0.0.1:${port}/api/v1/users?pageSize=${PAGE_SIZE}`;
  await autocannon({ url, connections, duration: WARMUP, headers: { authorization: `Bearer ${token}` } });
  await autocannon({ url, connections, duration: DURATION, headers: { authorization: `Bearer ${token}` } });
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
  if (!file) return {};
  interface ProfileNode {
    id: number;
    callFrame: { url: string; functionName: string };
  }
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
    endTime: number;
    startTime: number;
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Only the samples of the measured load (the last DURATION seconds), not start-up or warm-up.
  let at = profile.startTime;
  const from = profile.endTime - DURATION * 1e6;
  const samples = profile.samples.filter((_, i) => (at += profile.timeDeltas[i]) >= from);
  const buckets: Record<string, number> = {};
  for (const id of samples) {
    const node = byId.get(id);
    const url = node?.callFrame.url ?? '';
    let bucket: string;
    if (!url) bucket = node?.callFrame.functionName ? `(${node.callFrame.functionName})` : '(native)';
    else if (url.includes('node_modules/')) {
      const rest = url.slice(url.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
      bucket = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    } else if (url.startsWith('node:')) bucket = url;
    else bucket = `app: ${url.replace(/^.*\/dist\//, '')}`;
    buckets[bucket] = (buckets[bucket] ?? 0) + 1;
  }
  const total = samples.length;
  return Object.fromEntries(
    Object.entries(buckets)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => [k, Math.round((v / total) * 1000) / 10]),
  );
}

// ---------------------------------------------------------------------------------------------

function table(results: TenantReadMeasurement[], targets: Target[]): string {
  const lines = [
    '| server | conns | req/s | p50 ms | p90 ms | p99 ms | errors / non-2xx | server CPU ms/req | postgres CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of CONNECTIONS) {
    for (const t of targets) {
      const m = results.find((r) => r.target === t.name && r.connections === c);
      if (!m) continue;
      lines.push(
        `| ${t.label} | ${c} | ${m.rps} | ${m.latency.p50} | ${m.latency.p90} | ${m.latency.p99} | ${m.errors + m.timeouts} / ${m.non2xx} | ${m.serverCpuMsPerRequest} | ${m.postgresCpuMsPerRequest} |`,
      );
    }
  }
  lines.push('', '| conns | API / bare req/s | API / bare p50 | API / bare p99 |', '|---:|---:|---:|---:|');
  for (const c of CONNECTIONS) {
    const api = results.find((r) => r.target === 'api' && r.connections === c);
    const bare = results.find((r) => r.target === 'bare' && r.connections === c);
    if (!api || !bare) continue;
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
    lines.push(`| ${c} | ${ratio(api.rps, bare.rps)} | ${ratio(api.latency.p50, bare.latency.p50)} | ${ratio(api.latency.p99, bare.latency.p99)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const startedAt = new Date();
  if (BUILD) build();
  await recreateDatabase(config);

  const { url: api, child: apiChild } = await startApi(benchEnv);
  const apiPort = Number(new URL(api).port);

  console.log(`Seeding: tenant A with ${STAFF_A} staff + admin, tenant B with ${STAFF_B} staff + admin...`);
  const a = await seedTenant(api, 'bench-a', STAFF_A);
  const b = await seedTenant(api, 'bench-b', STAFF_B);

  const barePort = await freePort(apiPort + 1);
  const bare = `http://127.0.0.1:${barePort}`;
  const bareChild = startChild('bare', [...process.execArgv, join(__dirname, 'bare-tenant-read-server' + (__filename.endsWith('.ts') ? '.ts' : '.js'))], {
    ...benchEnv,
    PORT: String(barePort),
  });
  await waitFor(`${bare}/health`, bareChild);
  console.log(`Bare Fastify + pg up on ${bare}`);

  // Correctness before speed: 200, a full page, the right total, only the caller's tenant, same rows.
  const apiUrl = `${api}/api/v1/users?pageSize=${PAGE_SIZE}`;
  const apiA = await call<UserPage>(apiUrl, { token: a.token });
  assertPage('API tenant A', apiA.status, apiA.body, a.tenantId, STAFF_A + 1);
  const apiB = await call<UserPage>(`${api}/api/v1/users?pageSize=${STAFF_B + 1}`, { token: b.token });
  if (apiB.body.total !== STAFF_B + 1 || apiB.body.items.some((u) => u.tenantId !== b.tenantId)) throw new Error('API tenant B: RLS did not filter');
  const bareHeaders = { authorization: 'Bearer bench', 'x-tenant-id': a.tenantId };
  for (const path of ['/users', '/users-window']) {
    const got = await call<UserPage>(`${bare}${path}`, { headers: bareHeaders });
    assertPage(`bare ${path}`, got.status, got.body, a.tenantId, STAFF_A + 1);
    if (got.body.items.map((u) => u.id).join() !== apiA.body.items.map((u) => u.id).join()) throw new Error(`bare ${path}: not the API's rows`);
    const bodyRatio = JSON.stringify(got.body).length / JSON.stringify(apiA.body).length;
    if (Math.abs(bodyRatio - 1) > 0.05) throw new Error(`bare ${path}: body size differs from the API's by ${((bodyRatio - 1) * 100).toFixed(1)}%`);
  }
  console.log('Responses verified: 200, 50 items, total 51, tenant A only, same rows from both servers.');

  const targets: Target[] = [
    { name: 'api', label: 'Assay API (Nest + JWT + TypeORM)', url: apiUrl, headers: { authorization: `Bearer ${a.token}` }, pid: () => apiChild.pid as number },
    { name: 'bare', label: 'bare Fastify + pg (same 5 statements)', url: `${bare}/users`, headers: bareHeaders, pid: () => bareChild.pid as number },
    {
      name: 'bare-window',
      label: 'bare, count folded in (4 statements)',
      url: `${bare}/users-window`,
      headers: bareHeaders,
      pid: () => bareChild.pid as number,
    },
  ];

  const info = await machine(config);
  info.jwtVerifyMicrosStringSecret = jwtVerifyMicros(a.token, config.JWT_SECRET);
  info.jwtVerifyMicrosKeyObjectSecret = jwtVerifyMicros(a.token, createSecretKey(Buffer.from(config.JWT_SECRET)));
  console.log('Machine:', JSON.stringify(info));

  const results: TenantReadMeasurement[] = [];
  const raw: unknown[] = [];
  for (const [i, connections] of CONNECTIONS.entries()) {
    // Alternate the order between concurrencies, so neither server always runs on a "fresher" machine.
    const order = i % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      process.stdout.write(`  ${target.name} @ ${connections} connections, ${WARMUP}s warm-up + ${DURATION}s... `);
      const m = await measure(target, connections, raw);
      console.log(`${m.rps} req/s, p50 ${m.latency.p50} ms, p99 ${m.latency.p99} ms, errors ${m.errors + m.timeouts}, non-2xx ${m.non2xx}`);
      results.push(m);
    }
  }

  let profile: Record<string, number> | undefined;
  if (PROFILE) {
    console.log('Profiling the API (separate run, not measured)...');
    profile = await profileApi({ ...benchEnv }, a.token, CONNECTIONS[0]);
    console.log(JSON.stringify(profile, null, 2));
  }

  const markdown = table(results, targets);
  console.log(`\n${markdown}\n`);

  const date = startedAt.toISOString().slice(0, 10);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const summary = {
    benchmark: 'tenant-read',
    startedAt: startedAt.toISOString(),
    command: 'node -r @swc-node/register bench/tenant-read.ts ' + process.argv.slice(2).join(' '),
    settings: { durationSeconds: DURATION, warmupSeconds: WARMUP, connections: CONNECTIONS, poolSize: POOL_SIZE, pageSize: PAGE_SIZE, usersInTenant: STAFF_A + 1 },
    machine: info,
    results,
    ...(profile ? { apiProfileSelfTimePercent: profile } : {}),
    markdown,
  };
  writeFileSync(join(dir, `tenant-read-${date}.json`), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(join(dir, `tenant-read-${date}.raw.json`), JSON.stringify({ ...summary, raw }, null, 2) + '\n');
  console.log(`Wrote bench/results/tenant-read-${date}.json and .raw.json`);
}

runBenchmark(main);
