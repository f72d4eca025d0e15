/**
 * Autosave under a campus wave: 1,000 started attempts, against the real compiled API
 * (`PUT /api/v1/attempts/:id/answers/:questionId`) and, in the same run, two bare Fastify + pg
 * baselines (bench/bare-autosave-server.ts): `bare`, the statement the API sends for a save alone
 * (`attempt_save`, one per save; a busy API shares one statement among the saves that queue, see
 * docs/attempts.md, "Group commit"), and `plain`, one plain `INSERT ... ON CONFLICT DO UPDATE` of the answer (no function,
 * no lock, no check, no row-level security). Every save is a real write: one seq counter
 * per attempt for the whole run (both servers), so no save is a superseded no-op, the question
 * rotating. Also times the start storm (1,000 starts).
 *
 * Two load models, in this order:
 * - **closed loop** (maximum throughput): autocannon with 1,000 connections, each firing its next
 *   save as soon as the previous one is answered; consecutive requests rotate through the attempts.
 *   Each `--connections` value is one round measuring the three servers (order rotated per round);
 *   reports the API/plain and API/bare throughput ratios per round and their medians.
 * - **open loop** (1,000 candidates at human pace): one keep-alive connection per started attempt,
 *   each sending a save every `--intervals` seconds (default 4 and 2, i.e. ~250 and ~500 saves/s
 *   offered), phases spread uniformly at random. Latency is measured from the time the save was
 *   due, not when it was sent, so a save queued behind a slow one on the same connection counts
 *   its wait (no coordinated omission). autocannon's `connectionRate` cannot express this: it is an
 *   integer number of requests per second per connection (at least 1), released in a burst at each
 *   one-second tick.
 *
 *   node -r @swc-node/register bench/autosave.ts [--duration 15] [--warmup 3] [--connections 1000] [--attempts 1000] [--intervals 4,2] [--label before] [--database assay_bench_autosave] [--no-build]
 *
 * Uses its own database `assay_bench_autosave` (dropped and recreated) and Redis prefix
 * `assay-bench-autosave`, or the database `--database` names and a prefix of the same name; only 127.0.0.1 is contacted; stops only the processes it started.
 * Writes bench/results/autosave-<date>.json (+ .raw.json, git-ignored). See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { databaseUrlWithName, dropDatabase, provisionDatabase, runMigrations, loadConfig } from '@assay/core';
import { linkToken } from '@assay/invitations';
import { MIGRATIONS } from '@assay/migrations';
import { startBareAutosave } from './bare-autosave-server';
import { measureOpen, type OpenMeasurement, type SaveTarget, type StartedAttempt } from './open-loop';
import {
  benchEnvironment,
  build,
  call,
  cpuDelta,
  loadAverage,
  machine,
  option,
  postgresCpu,
  procCpuMs,
  ROOT,
  runBenchmark,
  signup,
  startApi,
  type Measurement,
} from './support';

/** Its own database unless told another (`--database assay_h_me`: two people's runs never share one). */
const DB = option('database', 'assay_bench_autosave');
const POOL_SIZE = 20;
const DURATION = Number(option('duration', '15'));
const WARMUP = Number(option('warmup', '3'));
const CONNECTIONS = option('connections', '1000').split(',').map(Number);
const ATTEMPTS = Number(option('attempts', '1000'));
/** Open loop: seconds between two saves of one candidate, one step per value (empty: no open loop). */
const INTERVALS = option('intervals', '4,2').split(',').filter(Boolean).map(Number);
const BUILD = !process.argv.includes('--no-build');
/** Appended to the results file name (e.g. `before`), so two runs of one day do not overwrite each other. */
const LABEL = option('label', '');

const { env: baseEnv } = benchEnvironment(DB === 'assay_bench_autosave' ? 'assay-bench-autosave' : DB.replace(/_/g, '-'), POOL_SIZE);
const benchEnv: Record<string, string> = {
  ...baseEnv,
  DATABASE_URL: databaseUrlWithName(baseEnv.DATABASE_URL, DB),
  MIGRATION_DATABASE_URL: databaseUrlWithName(baseEnv.MIGRATION_DATABASE_URL, DB),
  LINK_RATE_LIMIT: '1000000',
};
Object.assign(process.env, benchEnv);
const config = loadConfig();

type Started = StartedAttempt;

// autocannon's `requests` / setupRequest is not in bench/autocannon.d.ts.
type RequestShape = { method: string; path: string; headers: Record<string, string>; body: string };
const cannon = autocannon as unknown as (options: Record<string, unknown>) => Promise<autocannon.Result>;

async function seed(api: string): Promise<{ questionIds: string[]; attempts: Started[]; storm: Record<string, number> }> {
  const { token } = await signup(api, 'bench-autosave');
  const post = async <T = { id: string }>(path: string, body: unknown): Promise<T> => {
    const response = await call<T>(`${api}/api/v1${path}`, { method: 'POST', token, body });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const role = await post('/job-roles', { name: '在线客服专员' });
  const questionIds = [
    (await post('/questions', { type: 'single_choice', stem: '客户情绪激动时?', options: [{ key: 'A', text: '解释' }, { key: 'B', text: '倾听' }], answerKey: 'B', points: 2 })).id,
    (await post('/questions', { type: 'multiple_choice', stem: '售后范围?', options: [{ key: 'A', text: '退换' }, { key: 'B', text: '定价' }, { key: 'C', text: '维修' }], answerKey: ['A', 'C'], points: 4 })).id,
    (await post('/questions', { type: 'true_false', stem: '客户永远是对的。', answerKey: false, points: 1 })).id,
    (await post('/questions', { type: 'fill_blank', stem: '首次响应不超过 ___ 秒。', answerKey: [['30']], points: 2 })).id,
    (await post('/questions', { type: 'essay', kind: 'scenario', stem: '破损商品如何处理?', rubric: [{ criterion: '方案', points: 2 }], points: 2 })).id,
  ];
  const paper = await post('/papers', {
    jobRoleId: role.id,
    title: '客服笔试',
    durationMinutes: 120,
    sections: [{ title: '一', pointsPerQuestion: 2, questionIds }],
  });
  await post(`/papers/${paper.id}/publish`, {});

  console.log(`Inviting ${ATTEMPTS} candidates...`);
  const invitationIds: string[] = [];
  const closesAt = new Date(Date.now() + 86_400_000).toISOString();
  for (let i = 0; i < ATTEMPTS; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, ATTEMPTS - i) }, (_, j) =>
        post('/invitations', { paperId: paper.id, candidate: { name: `考生${i + j}`, email: `c${i + j}@autosave.bench.test` }, closesAt }),
      ),
    );
    invitationIds.push(...batch.map((b) => b.id));
  }

  // The start storm: every candidate starts at once (200 at a time in flight).
  console.log(`Starting ${ATTEMPTS} attempts (200 concurrent)...`);
  const latencies: number[] = [];
  const attempts: Started[] = [];
  const began = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < invitationIds.length) {
        const id = invitationIds[next++];
        const t0 = performance.now();
        const started = await call<Started>(`${api}/api/v1/links/${linkToken(config.LINK_SECRET, id, 1)}/attempt`, { method: 'POST' });
        latencies.push(performance.now() - t0);
        if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
        attempts.push(started.body);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((x, y) => x - y);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]);
  const storm = { starts: attempts.length, seconds: Math.round(seconds * 100) / 100, startsPerSecond: Math.round(attempts.length / seconds), p50: pct(50), p99: pct(99), failures: 0 };
  console.log(`  ${storm.starts} starts in ${storm.seconds} s (${storm.startsPerSecond}/s), p50 ${storm.p50} ms, p99 ${storm.p99} ms`);
  return { questionIds, attempts, storm };
}

/**
 * The next save of an attempt: one seq counter per attempt for the whole run, shared by every
 * measurement of both servers. (Before, each measurement restarted at the same seq, so the server
 * measured second answered `superseded` without writing: it did less work.)
 */
const seqs = new Map<string, number>();
function nextSave(attempt: Started, questionIds: string[]): { questionId: string; body: string } {
  const seq = (seqs.get(attempt.attemptId) ?? 1_000_000) + 1; // above the correctness check's seq
  seqs.set(attempt.attemptId, seq);
  return {
    questionId: questionIds[seq % questionIds.length],
    body: JSON.stringify({ answer: { text: `回答 ${seq}:先安抚客户情绪,再核实问题,给出补发或退款方案。` }, seq }),
  };
}

async function measure(name: string, base: string, pathOf: (a: Started, q: string) => string, pid: number, attempts: Started[], questionIds: string[], connections: number, raw: unknown[]): Promise<Measurement> {
  let cursor = 0;
  const setupRequest = (request: RequestShape) => {
    const attempt = attempts[cursor % attempts.length];
    cursor += 1;
    const { questionId, body } = nextSave(attempt, questionIds);
    return {
      ...request,
      method: 'PUT',
      path: pathOf(attempt, questionId),
      headers: { 'content-type': 'application/json', 'x-attempt-token': attempt.attemptToken, 'user-agent': 'bench' },
      body,
    };
  };
  const run = (duration: number) => cannon({ url: base, connections, duration, timeout: 10, requests: [{ setupRequest }] });
  if (WARMUP > 0) await run(WARMUP);
  const serverBefore = procCpuMs(pid);
  const pgBefore = postgresCpu();
  const clientBefore = process.cpuUsage();
  const result = await run(DURATION);
  const client = process.cpuUsage(clientBefore);
  const serverMs = procCpuMs(pid) - serverBefore;
  const pgMs = cpuDelta(pgBefore, postgresCpu());
  raw.push({ target: name, connections, result });
  const total = result['2xx'] + result.non2xx;
  const per = (ms: number) => (total > 0 ? Math.round((ms / total) * 1000) / 1000 : 0);
  return {
    target: name,
    connections,
    requests: total,
    rps: Math.round(result.requests.average),
    latency: { mean: result.latency.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverCpuMsPerRequest: per(serverMs),
    postgresCpuMsPerRequest: per(pgMs),
    // The load generator shares the machine: a server whose responses cost it more to read leaves less CPU to the rest.
    loadGeneratorCpuMsPerRequest: per((client.user + client.system) / 1000),
    loadAverage1mAfter: loadAverage()[0],
  };
}

interface Target extends SaveTarget {
  name: 'api' | 'bare' | 'plain';
}

const TARGET_NAMES: Record<string, string> = { api: 'Assay API', bare: 'bare Fastify + pg, same SQL', plain: 'bare Fastify + pg, plain upsert' };

/** The servers in the order of round `index`: rotated by one each round, so none is always measured first. */
function rotated<T>(servers: T[], index: number): T[] {
  const shift = index % servers.length;
  return [...servers.slice(shift), ...servers.slice(0, shift)];
}

/** The API's saves/s over a baseline's, per round (the i-th measurement of each), and their median. */
function ratios(results: Measurement[], baseline: string): { perRound: number[]; median: number } {
  const of = (target: string) => results.filter((r) => r.target === target);
  const perRound = of('api').map((a, i) => Math.round((a.rps / (of(baseline)[i]?.rps ?? NaN)) * 100) / 100);
  return { perRound, median: [...perRound].sort((x, y) => x - y)[Math.floor(perRound.length / 2)] };
}

async function main(): Promise<void> {
  if (BUILD) build();
  console.log(`Recreating database ${DB}...`);
  await dropDatabase(config.DATABASE_ADMIN_URL, DB);
  await provisionDatabase({ adminUrl: config.DATABASE_ADMIN_URL, ownerUrl: config.MIGRATION_DATABASE_URL, appUrl: config.DATABASE_URL });
  await runMigrations(config.MIGRATION_DATABASE_URL, MIGRATIONS);
  const host = await machine(config);

  const { url: api, child: apiChild } = await startApi(benchEnv, 3102, 'api');
  const { questionIds, attempts, storm } = await seed(api);

  const { url: bare, child: bareChild } = await startBareAutosave(benchEnv, Number(new URL(api).port) + 1);

  // Correctness first: the three servers save and answer with the same shape.
  const [first] = attempts;
  const checkBody = { answer: 'B', seq: 1 };
  const apiSave = await call<Record<string, unknown>>(`${api}/api/v1/attempts/${first.attemptId}/answers/${questionIds[0]}`, {
    method: 'PUT',
    body: checkBody,
    headers: { 'x-attempt-token': first.attemptToken },
  });
  const bareSave = await call<Record<string, unknown>>(`${bare}/attempts/${first.attemptId}/answers/${questionIds[1]}`, {
    method: 'PUT',
    body: checkBody,
    headers: { 'x-attempt-token': first.attemptToken },
  });
  const plainSave = await call<Record<string, unknown>>(`${bare}/plain/attempts/${first.attemptId}/answers/${questionIds[2]}`, {
    method: 'PUT',
    body: checkBody,
    headers: { 'x-attempt-token': first.attemptToken },
  });
  for (const [name, save] of Object.entries({ api: apiSave, bare: bareSave, plain: plainSave })) {
    if (save.status !== 200 || save.body.status !== 'saved') throw new Error(`check failed: ${name} ${save.status} ${JSON.stringify(save.body)}`);
    if (Object.keys(save.body).sort().join() !== Object.keys(apiSave.body).sort().join()) throw new Error(`response shapes differ: ${name}`);
  }

  const servers: Target[] = [
    { name: 'api', base: api, pid: apiChild.pid as number, path: (a, q) => `/api/v1/attempts/${a.attemptId}/answers/${q}` },
    { name: 'bare', base: bare, pid: bareChild.pid as number, path: (a, q) => `/attempts/${a.attemptId}/answers/${q}` },
    { name: 'plain', base: bare, pid: bareChild.pid as number, path: (a, q) => `/plain/attempts/${a.attemptId}/answers/${q}` },
  ];
  const raw: unknown[] = [];
  const results: Measurement[] = [];
  for (const [index, connections] of CONNECTIONS.entries()) {
    const targets = rotated(servers, index);
    for (const target of targets) {
      console.log(`Measuring ${target.name} at ${connections} connections (${WARMUP} s warm-up, ${DURATION} s)...`);
      const m = await measure(target.name, target.base, target.path, target.pid, attempts, questionIds, connections, raw);
      console.log(`  ${m.rps} saves/s, p50 ${m.latency.p50} ms, p99 ${m.latency.p99} ms, errors ${m.errors}, non-2xx ${m.non2xx}`);
      results.push(m);
    }
  }

  const open: OpenMeasurement[] = [];
  for (const [index, intervalSeconds] of INTERVALS.entries()) {
    const targets = rotated(servers, index);
    for (const target of targets) {
      console.log(`Open loop, ${target.name}: ${attempts.length} candidates, one save each every ${intervalSeconds} s (${WARMUP} s warm-up, ${DURATION} s)...`);
      const m = await measureOpen(target, attempts, (attempt) => nextSave(attempt, questionIds), { intervalSeconds, warmupSeconds: WARMUP, durationSeconds: DURATION });
      console.log(`  offered ${m.offeredPerSecond}/s, achieved ${m.achievedPerSecond}/s, p50 ${m.latency.p50} ms, p90 ${m.latency.p90} ms, p99 ${m.latency.p99} ms, errors ${m.errors}, timeouts ${m.timeouts}, non-2xx ${m.non2xx}`);
      open.push(m);
    }
  }

  const db = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await db.connect();
  const { rows } = await db.query<{ responses: string; max_seq: string }>('SELECT count(*) AS responses, max(seq) AS max_seq FROM responses');
  await db.end();

  const lines = [
    '| server | conns | saves/s | p50 ms | p90 ms | p99 ms | errors / non-2xx | server CPU ms/save | postgres CPU ms/save | load generator CPU ms/save |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${TARGET_NAMES[r.target]} | ${r.connections} | ${r.rps} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p99} | ${r.errors} / ${r.non2xx} | ${r.serverCpuMsPerRequest} | ${r.postgresCpuMsPerRequest} | ${r.loadGeneratorCpuMsPerRequest} |`,
    );
  }
  const closedLoopRatios = { apiOverPlain: ratios(results, 'plain'), apiOverBare: ratios(results, 'bare') };
  for (const [name, r] of Object.entries(closedLoopRatios)) lines.push('', `${name} saves/s per round: ${r.perRound.join(', ')}; median ${r.median}`);
  lines.push('', '| server | load | offered saves/s | achieved saves/s | p50 ms | p90 ms | p99 ms | max ms | errors / timeouts / non-2xx | server CPU ms/save | postgres CPU ms/save |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of open) {
    lines.push(
      `| ${TARGET_NAMES[r.target]} | ${r.candidates} candidates, 1 save / ${r.intervalSeconds} s | ${r.offeredPerSecond} | ${r.achievedPerSecond} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p99} | ${r.latency.max} | ${r.errors} / ${r.timeouts} / ${r.non2xx} | ${r.serverCpuMsPerRequest} | ${r.postgresCpuMsPerRequest} |`,
    );
  }
  console.log(`\n${lines.join('\n')}\n\nStart storm: ${JSON.stringify(storm)}\nResponses stored: ${rows[0].responses}`);

  const date = new Date().toISOString().slice(0, 10);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `autosave-${date}${LABEL ? `-${LABEL}` : ''}.json`),
    JSON.stringify({ date: new Date().toISOString(), machine: host, options: { DURATION, WARMUP, CONNECTIONS, ATTEMPTS, INTERVALS, POOL_SIZE }, startStorm: storm, results, closedLoopRatios, openLoop: open, loadAverageAtEnd: loadAverage(), responsesStored: Number(rows[0].responses) }, null, 2),
  );
  writeFileSync(join(dir, `autosave-${date}${LABEL ? `-${LABEL}` : ''}.raw.json`), JSON.stringify(raw));
}

runBenchmark(main);
