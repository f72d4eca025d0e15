/**
 * Analytics refresh: the refresh-analytics job rebuilding the snapshots of a paper version and of
 * its job role with 100,000 scored attempts of 30 questions (3,000,000 marked answers), while
 * report reads continue.
 *
 *   node -r @swc-node/register bench/analytics-refresh.ts [--attempts 100000] [--readers 8] [--think 0] [--no-build] [--database assay_bench] [--suffix -after]
 *
 * By itself it: builds (npm run build), recreates and migrates `--database` (`assay_bench` by
 * default; another name lets two runs share the server), starts the compiled API and worker (Redis
 * prefix `assay-bench-analytics`, followed by the database's name when it is not the default), signs up a tenant and makes a published
 * paper of 20 single-choice and 10 true/false questions over three competencies through the API,
 * then writes the cohort with SQL (candidates, invitations, scored attempts, one marked response
 * per question; ability varies by candidate, difficulty by question). Then:
 *   1. cold refreshes (no snapshot yet) of the version, then of the role, timed by the job's own
 *      processedOn/finishedOn;
 *   2. a second refresh of the role while `readers` clients read its report and a page of
 *      candidates in a loop (pausing `think` ms between reads; 0: as fast as they are
 *      answered); the reads' latency during the refresh is recorded (p50, p99, max) next to the
 *      same reads with no refresh running.
 * Each refresh also reports its phases as the job logs them (wall and worker-process CPU of the
 * load, the report thread and the writes), the worker process's CPU and that of the PostgreSQL
 * backends of the benchmark's database over the whole job (with readers running, their backends'
 * too), and the 1-minute load average when it was queued: CPU compares better than wall time
 * across a loaded machine's runs.
 * Writes bench/results/analytics-refresh-<date><suffix>.json, stops the processes it started. Only
 * 127.0.0.1 is contacted. See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { JOB_QUEUE, JobName, jobIdOf, redisOptions, type JobOf } from '@assay/core';
import { BENCH_DB, benchEnvironment, build, call, cpuDelta, loadAverage, machine, option, procCpuMs, recreateDatabase, ROOT, runBenchmark, signup, startApi, startChild, waitFor } from './support';

const ATTEMPTS = Number(option('attempts', '100000'));
const READERS = Number(option('readers', '8'));
/** Each reader's pause between two reads, in ms: 0 (the default) reads in a closed loop, as fast as answered; people pause. */
const THINK_MS = Number(option('think', '0'));
const BUILD = !process.argv.includes('--no-build');
const DATABASE = option('database', BENCH_DB);
const REDIS_PREFIX = DATABASE === BENCH_DB ? 'assay-bench-analytics' : `assay-bench-analytics-${DATABASE}`;
const BASELINE_MS = 5000;

const { env: benchEnv, config } = benchEnvironment(REDIS_PREFIX, 20, DATABASE);

interface PaperIds {
  roleId: string;
  paperId: string;
  versionId: string;
  questions: { id: string; key: unknown; wrong: unknown; points: number }[];
}

async function makePaper(api: string, token: string): Promise<PaperIds> {
  const post = async (path: string, body: unknown) => {
    const response = await call<any>(`${api}/api/v1${path}`, { method: 'POST', token, body });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const role = await post('/job-roles', { name: '在线客服专员' });
  const competencies = [await post('/competencies', { name: '沟通' }), await post('/competencies', { name: '规则' }), await post('/competencies', { name: '逻辑' })];
  const keys = ['A', 'B', 'C', 'D'];
  const single: PaperIds['questions'] = [];
  const trueFalse: PaperIds['questions'] = [];
  for (let k = 0; k < 30; k++) {
    const competencyIds = [competencies[k % 3].id];
    if (k < 20) {
      const key = keys[k % 4];
      const q = await post('/questions', { type: 'single_choice', stem: `第${k + 1}题`, options: keys.map((o) => ({ key: o, text: `选项${o}` })), answerKey: key, points: 3, competencyIds });
      single.push({ id: q.id, key, wrong: keys[(k + 1) % 4], points: 3 });
    } else {
      const q = await post('/questions', { type: 'true_false', stem: `第${k + 1}题`, answerKey: k % 2 === 0, points: 2, competencyIds });
      trueFalse.push({ id: q.id, key: k % 2 === 0, wrong: k % 2 !== 0, points: 2 });
    }
  }
  const paper = await post('/papers', {
    jobRoleId: role.id,
    title: '在线客服专员笔试',
    durationMinutes: 60,
    passMark: 48,
    sections: [
      { title: '一、单选题', pointsPerQuestion: 3, questionIds: single.map((q) => q.id) },
      { title: '二、判断题', pointsPerQuestion: 2, questionIds: trueFalse.map((q) => q.id) },
    ],
  });
  await post(`/papers/${paper.id}/publish`, {});
  const owner = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await owner.connect();
  const [{ id: versionId }] = (await owner.query('SELECT id FROM paper_versions WHERE paper_id = $1', [paper.id])).rows;
  await owner.end();
  return { roleId: role.id, paperId: paper.id, versionId, questions: [...single, ...trueFalse] };
}

/** The cohort in SQL, as the table owner (row-level security does not bind the owner). */
async function seedCohort(tenantId: string, paper: PaperIds): Promise<void> {
  const owner = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await owner.connect();
  const started = performance.now();
  const q = paper.questions;
  const maxPoints = q.reduce((sum, x) => sum + x.points, 0);
  // Three days ago: older than the analytics sweep's one-day look-back, so the sweep does not queue
  // refreshes of its own (this version and its role) beside the ones measured.
  await owner.query(
    `INSERT INTO candidates (id, tenant_id, name, email)
     SELECT md5('c' || n)::uuid, $1, '考生' || n, 'c' || n || '@bench.test' FROM generate_series(1, $2) n`,
    [tenantId, ATTEMPTS],
  );
  await owner.query(
    `INSERT INTO invitations (id, tenant_id, candidate_id, paper_id, job_role_id, status, opens_at, closes_at, token_hash, opened_at, started_at, submitted_at)
     SELECT md5('i' || n)::uuid, $1, md5('c' || n)::uuid, $2, $3, 'graded', now() - interval '4 days', now() + interval '1 day', md5('t' || n),
            now() - interval '3 days', now() - interval '3 days', now() - interval '3 days' + make_interval(mins => 20 + n % 30)
       FROM generate_series(1, $4) n`,
    [tenantId, paper.paperId, paper.roleId, ATTEMPTS],
  );
  await owner.query(
    `INSERT INTO attempts (id, tenant_id, invitation_id, paper_id, paper_version_id, question_ids, status, started_at, deadline, grace_seconds, token_hash,
                           submitted_at, submitted_by, scored_at, points, max_points, pending_manual)
     SELECT md5('a' || n)::uuid, $1, md5('i' || n)::uuid, $2, $3, $4::uuid[], 'scored', now() - interval '3 days', now() - interval '3 days' + interval '1 hour', 0,
            md5('at' || n), now() - interval '3 days' + make_interval(mins => 20 + n % 30), 'candidate', now() - interval '3 days' + interval '1 hour', 0, $5, 0
       FROM generate_series(1, $6) n`,
    [tenantId, paper.paperId, paper.versionId, q.map((x) => x.id), maxPoints, ATTEMPTS],
  );
  // Ability by candidate (n % 97), difficulty by question (k % 5): a realistic spread of facility
  // and discrimination.
  await owner.query(
    `INSERT INTO responses (tenant_id, attempt_id, question_id, answer, seq, points, max_points, outcome, first_saved_at)
     SELECT $1, md5('a' || n)::uuid, q.id,
            CASE WHEN c.correct THEN q.key ELSE q.wrong END, 1,
            CASE WHEN c.correct THEN q.points ELSE 0 END, q.points,
            CASE WHEN c.correct THEN 'correct' ELSE 'incorrect' END,
            now() - interval '3 days' + make_interval(secs => q.k * 40 + n % 37)
       FROM generate_series(1, $2) n
       CROSS JOIN unnest($3::uuid[], $4::jsonb[], $5::jsonb[], $6::numeric[]) WITH ORDINALITY AS q(id, key, wrong, points, k)
       CROSS JOIN LATERAL (SELECT random() < 0.15 + 0.7 * (n % 97) / 96.0 - 0.08 * (q.k % 5) AS correct) c`,
    [tenantId, ATTEMPTS, q.map((x) => x.id), q.map((x) => JSON.stringify(x.key)), q.map((x) => JSON.stringify(x.wrong)), q.map((x) => x.points)],
  );
  await owner.query(
    `UPDATE attempts a SET points = s.total, sheet = attempt_sheet(a.tenant_id, a.id) FROM (SELECT attempt_id, sum(points) AS total FROM responses GROUP BY attempt_id) s WHERE s.attempt_id = a.id`,
  );
  await owner.query('ANALYZE');
  await owner.end();
  console.log(`Seeded ${ATTEMPTS} attempts x ${q.length} questions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

interface ReadStats {
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

/** `READERS` clients reading the report and the first page of candidates in turn until stopped. */
/** A scope the benchmark refreshes and reads: the paper version, or its job role (the goal). */
interface Scope {
  scope: 'paper_version' | 'job_role';
  id: string;
}

const reportUrl = (api: string, { scope, id }: Scope) => `${api}/api/v1/analytics/${scope === 'paper_version' ? 'paper-versions' : 'job-roles'}/${id}`;

function startReaders(api: string, token: string, target: Scope) {
  const latencies: number[] = [];
  let errors = 0;
  let running = true;
  const urls = [reportUrl(api, target), `${reportUrl(api, target)}/candidates?pageSize=50`];
  const loops = Array.from({ length: READERS }, async (_, r) => {
    for (let i = r; running; i++) {
      const t = performance.now();
      const response = await call(urls[i % 2], { token });
      latencies.push(performance.now() - t);
      if (response.status !== 200) errors += 1;
      if (THINK_MS > 0) await new Promise((resolve) => setTimeout(resolve, THINK_MS));
    }
  });
  return async (): Promise<ReadStats> => {
    running = false;
    await Promise.all(loops);
    const sorted = latencies.sort((a, b) => a - b);
    const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
    return { requests: sorted.length, errors, p50: at(50), p99: at(99), max: Math.round(sorted[sorted.length - 1] * 10) / 10 };
  };
}

/** What one refresh cost: the job's time, its phases as it logged them, and CPU over the whole job. */
interface RefreshCost {
  /** The 1-minute load average when the refresh was queued. */
  loadAverageAtStart: number;
  ms: number;
  phases: Record<string, { ms: number; cpuMs: number }> | null;
  workerCpuMs: number;
  postgresCpuMs: number;
}

/** The phases of the refreshes the worker logs (LOG_LEVEL info), in order. */
function refreshLogs(worker: ChildProcess): Array<RefreshCost['phases']> {
  const logged: Array<RefreshCost['phases']> = [];
  let pending = '';
  worker.stdout?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('Analytics snapshot refreshed')) continue;
      logged.push((JSON.parse(line) as { phases?: RefreshCost['phases'] }).phases ?? null);
    }
  });
  return logged;
}

/**
 * CPU of the PostgreSQL backends serving the benchmark's database, by pid: those of a role (client
 * backends, the monitor's own left out, and their parallel workers), not autovacuum's, which have
 * none (after the seeding's 3,000,000 rows it may run during a refresh, and is no cost of it).
 * `backend_type` would say so too, but the monitor (the owner) is not shown it for the app role's.
 */
async function backendsCpu(monitor: Client): Promise<Map<number, number>> {
  const { rows } = await monitor.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND usename IS NOT NULL',
  );
  return new Map(rows.map(({ pid }) => [pid, procCpuMs(pid)]));
}

async function refresh(ctx: { queue: Queue; events: QueueEvents; monitor: Client; worker: ChildProcess; logged: Array<RefreshCost['phases']> }, tenantId: string, target: Scope, window: number): Promise<RefreshCost> {
  const { queue, events, monitor, worker, logged } = ctx;
  const data: JobOf<JobName.RefreshAnalytics> = { tenantId, scope: target.scope, scopeId: target.id, window };
  const [backends, workerCpu, logs, loadAverageAtStart] = [await backendsCpu(monitor), procCpuMs(worker.pid as number), logged.length, loadAverage()[0]];
  const job = await queue.add(JobName.RefreshAnalytics, data, { jobId: jobIdOf(JobName.RefreshAnalytics, data) });
  await job.waitUntilFinished(events);
  const done = job.id === undefined ? undefined : await queue.getJob(job.id);
  if (!done?.finishedOn || !done.processedOn || done.returnvalue !== 'done') throw new Error(`refresh did not finish: ${JSON.stringify(done?.returnvalue)}`);
  const postgresCpuMs = cpuDelta(backends, await backendsCpu(monitor));
  // The log line may follow the job's completion event by a moment.
  while (logged.length === logs) await new Promise((r) => setTimeout(r, 50));
  const cost = { loadAverageAtStart, ms: done.finishedOn - done.processedOn, phases: logged[logs], workerCpuMs: procCpuMs(worker.pid as number) - workerCpu, postgresCpuMs };
  console.log(`  ${target.scope} refresh:`, JSON.stringify(cost));
  return cost;
}

async function main() {
  // machine() runs at the end: the load average at the start is taken here.
  const loadAverageAtStart = loadAverage();
  if (BUILD) build();
  await recreateDatabase(config);
  const { url: api } = await startApi(benchEnv, 3100);
  // The worker logs at info: each refresh's line carries its phases.
  const worker = startChild('worker', ['dist/apps/worker/src/main.js'], { ...benchEnv, LOG_LEVEL: 'info' });
  const logged = refreshLogs(worker);
  await waitFor(`${api}/api/health`, worker);
  const { tenantId, token } = await signup(api, 'analytics');
  const paper = await makePaper(api, token);
  await seedCohort(tenantId, paper);

  const queue = new Queue(JOB_QUEUE[JobName.RefreshAnalytics], { connection: redisOptions(config.REDIS_URL), prefix: REDIS_PREFIX });
  const events = new QueueEvents(JOB_QUEUE[JobName.RefreshAnalytics], { connection: redisOptions(config.REDIS_URL), prefix: REDIS_PREFIX });
  await events.waitUntilReady();
  const monitor = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await monitor.connect();
  const ctx = { queue, events, monitor, worker, logged };
  try {
    const version: Scope = { scope: 'paper_version', id: paper.versionId };
    const role: Scope = { scope: 'job_role', id: paper.roleId };
    // Cold: no snapshot yet. The version's report adds the item analysis; the role's is the goal's.
    const versionCold = await refresh(ctx, tenantId, version, 1);
    console.log(`Cold refresh of the paper version: ${versionCold.ms} ms`);
    const roleCold = await refresh(ctx, tenantId, role, 1);
    console.log(`Cold refresh of the job role: ${roleCold.ms} ms`);

    const stopBaseline = startReaders(api, token, role);
    await new Promise((r) => setTimeout(r, BASELINE_MS));
    const baseline = await stopBaseline();
    console.log('Reads without a refresh:', baseline);

    const stopDuring = startReaders(api, token, role);
    const roleUnderReads = await refresh(ctx, tenantId, role, 2);
    const during = await stopDuring();
    console.log(`Refresh of the role under reads: ${roleUnderReads.ms} ms; reads during it:`, during);

    const { body } = await call<any>(reportUrl(api, version), { token });
    const report = body.report;
    if (report.scores.candidates !== ATTEMPTS) throw new Error(`snapshot has ${report.scores.candidates} candidates`);
    const result = {
      benchmark: 'analytics-refresh',
      date: new Date().toISOString(),
      machine: { ...(await machine(config)), loadAverageAtStart },
      attempts: ATTEMPTS,
      questions: paper.questions.length,
      readers: READERS,
      readerThinkMs: THINK_MS,
      // The worker's connections inserting one refresh's candidate rows (ANALYTICS_WRITERS in the environment).
      analyticsWriters: config.ANALYTICS_WRITERS,
      database: DATABASE,
      refreshMs: { paperVersionCold: versionCold.ms, jobRoleCold: roleCold.ms, jobRoleUnderReads: roleUnderReads.ms },
      refreshCosts: { paperVersionCold: versionCold, jobRoleCold: roleCold, jobRoleUnderReads: roleUnderReads },
      readsWithoutRefresh: baseline,
      readsDuringRefresh: during,
      loadAverageAfter: loadAverage(),
      sample: { alpha: report.reliability.alpha, sem: report.reliability.sem, mean: report.scores.mean, sd: report.scores.sd },
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `analytics-refresh-${result.date.slice(0, 10)}${option('suffix', '')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    await monitor.end();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

runBenchmark(main);
