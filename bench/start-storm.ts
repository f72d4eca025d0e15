/**
 * The start storm (issue 16): what one start (`POST /api/v1/links/:token/attempt`) costs in the API
 * process and in the PostgreSQL backends, and how fast a closed loop of starts goes. Compares the
 * compiled API of one or more checkouts (`--roots`, e.g. main's and a branch's, each built first),
 * in rounds whose order rotates, so a loaded machine slows every server alike (CPU per start is the
 * less noisy figure).
 *
 *   node -r @swc-node/register bench/start-storm.ts [--starts 1000] [--connections 200] [--rounds 3]
 *     [--roots /work/main,/path/to/branch] [--labels before,after] [--database assay_bench_start] [--no-build]
 *
 * Uses the database `--database` (dropped and recreated, migrated from this checkout) and the Redis
 * prefix `assay-bench-start`; no worker runs (the deadline jobs wait in Redis). Each server gets a
 * fresh set of invitations per round, started once each (a start, never a take-over). CPU: the API
 * process's and that of the backends serving the database (pg_stat_activity), read from /proc
 * around each storm; a backend opened during a storm counts whole (the pools close connections
 * idle for 10 s, so each server reopens some after another server's storm). Writes
 * bench/results/start-storm-<date>.json. With BENCH_CHILD_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" the APIs write a profile.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { linkToken } from '@assay/invitations';
import { multipart, publishedPaperVia } from '@assay/testing';
import { percentile } from './latency';
import { agentRequest } from './open-loop';
import { benchEnvironment, build, call, cpuDelta, loadAverage, option, procCpuMs, recreateDatabase, ROOT, runBenchmark, signup, startApi } from './support';

const STARTS = Number(option('starts', '1000'));
const CONNECTIONS = Number(option('connections', '200'));
const ROUNDS = Number(option('rounds', '3'));
const ROOTS = option('roots', ROOT).split(',');
const LABELS = option('labels', ROOTS.map((_, i) => `api${i + 1}`).join(',')).split(',');
const DB = option('database', 'assay_bench_start');
const BUILD = !process.argv.includes('--no-build');
const POOL_SIZE = 20;
const TIMEOUT_MS = 60_000;
/** Starts before each server's first round, to open its pool's connections and warm its code. */
const WARMUP = 200;

const { env: benchEnv, config } = benchEnvironment('assay-bench-start', POOL_SIZE, DB);
const env: Record<string, string> = { ...benchEnv, LINK_RATE_LIMIT: '1000000' };

interface Storm {
  label: string;
  round: number;
  starts: number;
  errors: number;
  seconds: number;
  startsPerSecond: number;
  p50: number;
  p99: number;
  apiCpuMsPerStart: number;
  postgresCpuMsPerStart: number;
  load: number[];
}

/** CPU ms of the backends now serving the database (other than the observer's). */
async function backendsCpu(owner: Client): Promise<Map<number, number>> {
  const { rows } = await owner.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [DB]);
  return new Map(rows.map(({ pid }) => [pid, procCpuMs(pid)]));
}

/** `invitationIds` started once each, `CONNECTIONS` at a time, each in-flight slot on its own keep-alive connection. */
async function storm(api: string, invitationIds: string[]): Promise<{ durations: number[]; errors: number; seconds: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const durations: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONNECTIONS, invitationIds.length) }, async () => {
      while (next < invitationIds.length) {
        const id = invitationIds[next++];
        const at = performance.now();
        const outcome = await agentRequest(api, agent, { method: 'POST', path: `/api/v1/links/${linkToken(config.LINK_SECRET, id, 1)}/attempt`, headers: {} }, TIMEOUT_MS);
        durations.push(performance.now() - at);
        if (!('status' in outcome) || outcome.status !== 201) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { durations, errors, seconds };
}

async function measure(label: string, round: number, api: { url: string; pid: number }, owner: Client, invitationIds: string[]): Promise<Storm> {
  const load = loadAverage();
  const apiBefore = procCpuMs(api.pid);
  const pgBefore = await backendsCpu(owner);
  const { durations, errors, seconds } = await storm(api.url, invitationIds);
  const apiMs = procCpuMs(api.pid) - apiBefore;
  const pgAfter = await backendsCpu(owner);
  // A backend opened during the storm counts whole (connecting included): the pool closes
  // connections idle for 10 s, so each server reopens some after the other's storm.
  const pgMs = cpuDelta(pgBefore, pgAfter);
  const sorted = durations.sort((a, b) => a - b);
  const result: Storm = {
    label,
    round,
    starts: invitationIds.length,
    errors,
    seconds: Math.round(seconds * 100) / 100,
    startsPerSecond: Math.round(invitationIds.length / seconds),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    apiCpuMsPerStart: Math.round((apiMs / invitationIds.length) * 100) / 100,
    postgresCpuMsPerStart: Math.round((pgMs / invitationIds.length) * 100) / 100,
    load,
  };
  console.log(`  ${JSON.stringify(result)}`);
  return result;
}

/** A company, a published paper, and `count` invitations in one bulk upload; their ids. */
async function arrange(api: string, owner: Client, count: number): Promise<string[]> {
  const { tenantId, token } = await signup(api, 'start-storm');
  const paper = await publishedPaperVia((url, body) => call(`${api}/api/v1${url}`, { method: 'POST', token, body }), '校园招聘笔试');
  const rows = ['姓名,邮箱', ...Array.from({ length: count }, (_, i) => `考生${i},storm${i}@start.bench.test`)];
  const { payload, headers } = multipart([
    { name: 'closesAt', value: new Date(Date.now() + 86_400_000).toISOString() },
    { name: 'file', filename: 'candidates.csv', content: Buffer.from(`${rows.join('\r\n')}\r\n`), contentType: 'text/csv' },
  ]);
  const bulk = await call<{ created: number }>(`${api}/api/v1/papers/${paper.paperId}/invitations/bulk`, { method: 'POST', token, payload, headers });
  if (bulk.status !== 200 || bulk.body.created !== count) throw new Error(`bulk invitations: ${bulk.status} ${JSON.stringify(bulk.body)}`);
  const { rows: invited } = await owner.query<{ id: string }>('SELECT id FROM invitations WHERE tenant_id = $1 ORDER BY id', [tenantId]);
  return invited.map((r) => r.id);
}

async function main(): Promise<void> {
  if (BUILD) build();
  await recreateDatabase(config);
  const owner = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await owner.connect();
  try {
    const apis: { label: string; url: string; pid: number }[] = [];
    for (const [i, root] of ROOTS.entries()) {
      const { url, child } = await startApi(env, 3150 + i, LABELS[i], [], root);
      apis.push({ label: LABELS[i], url, pid: child.pid as number });
    }
    const perApi = WARMUP + ROUNDS * STARTS;
    console.log(`Inviting ${perApi * apis.length} candidates...`);
    const ids = await arrange(apis[0].url, owner, perApi * apis.length);
    const batches = apis.map((_, i) => ids.slice(i * perApi, (i + 1) * perApi));
    for (const [i, api] of apis.entries()) {
      console.log(`Warming ${api.label} (${WARMUP} starts)...`);
      const warm = await storm(api.url, batches[i].slice(0, WARMUP));
      if (warm.errors > 0) throw new Error(`${api.label}: ${warm.errors} failed starts while warming`);
    }
    const results: Storm[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      console.log(`Round ${round + 1} of ${ROUNDS}: ${STARTS} starts, ${CONNECTIONS} in flight, per server...`);
      for (let k = 0; k < apis.length; k += 1) {
        const i = (round + k) % apis.length;
        const from = WARMUP + round * STARTS;
        results.push(await measure(apis[i].label, round + 1, apis[i], owner, batches[i].slice(from, from + STARTS)));
      }
    }
    const lines = ['| server | round | starts/s | p50 ms | p99 ms | errors | API CPU ms/start | postgres CPU ms/start | load at start |', '|---|---:|---:|---:|---:|---:|---:|---:|---|'];
    for (const r of results) {
      lines.push(`| ${r.label} | ${r.round} | ${r.startsPerSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.apiCpuMsPerStart} | ${r.postgresCpuMsPerStart} | ${r.load.join(' ')} |`);
    }
    const loadAtEnd = loadAverage();
    console.log(`\n${lines.join('\n')}\n\nLoad at end: ${loadAtEnd.join(' ')}`);
    const file = join(ROOT, 'bench', 'results', `start-storm-${new Date().toISOString().slice(0, 10)}.json`);
    const options = { starts: STARTS, connections: CONNECTIONS, rounds: ROUNDS, roots: ROOTS, labels: LABELS, database: DB, poolSize: POOL_SIZE };
    writeFileSync(file, `${JSON.stringify({ benchmark: 'start-storm', date: new Date().toISOString(), options, results, loadAtEnd }, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    await owner.end();
  }
}

runBenchmark(main);
