/**
 * The wave (issue 16; docs/performance.md, "The wave (issue 16)"): a campus-recruiting morning
 * against the compiled API and worker. `candidates` candidates start within `ramp` seconds, save an
 * answer about every `save-every` seconds (human pace, jittered ±50 %) for `minutes` minutes each,
 * and submit; meanwhile `graders` graders claim, read (`think` seconds ±50 %) and mark essays, and
 * `readers` recruiters read the job role's report, which the worker keeps refreshing (every scoring
 * and every finalised mark queues a refresh). In the same run, before the wave, the bare Fastify + pg
 * baselines of bench/autosave.ts (same SQL, plain upsert) and the API alone take the same offered
 * save rate, open loop.
 *
 *   node -r @swc-node/register bench/wave.ts [--candidates 2000] [--ramp 10] [--minutes 3] [--graders 50] [--save-every 15]
 *     [--think 3] [--readers 2] [--apis 1] [--baseline-seconds 45] [--database assay_bench_wave] [--full-backlog] [--suffix -label] [--no-build]
 *
 * Shape:
 * 1. Build (unless --no-build); recreate its own database `--database` (default `assay_bench_wave`;
 *    name another when someone else may be running the wave) and use the Redis prefix of the same
 *    name (`assay-bench-wave`); an SMTP receiver in this process takes the invitation emails; the worker and
 *    `apis` API processes (requests spread round-robin, as a balancer would), each with
 *    bench/memory-probe.ts preloaded for its heap.
 * 2. Through the API: a company, a published paper (single choice, multiple choice, essay),
 *    `graders` graders assigned, and 2 × `candidates` invitations in one bulk upload; then every
 *    invitation email is sent before anything is timed.
 * 3. Baselines on the second half of the invitations (the baseline cohort, started untimed): the
 *    open loop of bench/open-loop.ts at `candidates / save-every` saves/s for `baseline-seconds` each
 *    against the API alone, bare Fastify + pg with the API's SQL, and the plain upsert. Then the
 *    cohort submits: its essays are what the graders mark during the wave.
 * 4. The wave on the first half: arrivals at a uniform rate over the ramp; each candidate has a
 *    keep-alive connection of its own; every call is timed from when it was due (the arrival, the
 *    save's time, the end of the candidate's minutes), so a slow answer delays nothing that follows
 *    and counts its whole wait (no coordinated omission). Graders and readers are closed loops,
 *    timed per call. Memory and CPU of the API(s), the worker and the database's backends are
 *    sampled throughout.
 * Prints a table and writes bench/results/wave-<date>.json. Only 127.0.0.1 is contacted; only the
 * processes it started are stopped.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { JOB_QUEUE, JobName, redisOptions } from '@assay/core';
import { linkToken } from '@assay/invitations';
import { multipart, ownWords, publishedPaperVia, TestSmtpServer, until } from '@assay/testing';
import { jitteredPause, uniformArrivals } from './arrivals';
import { startBareAutosave } from './bare-autosave-server';
import { LatencyLog, type LatencySummary } from './latency';
import { agentRequest, measureOpen, type OpenMeasurement, type StartedAttempt } from './open-loop';
import { ProcessSampler, type WatchedProcess } from './process-sampler';
import { benchEnvironment, build, call, loadAverage, machine, option, recreateDatabase, ROOT, runBenchmark, signup, startApi, startChild } from './support';

const CANDIDATES = Number(option('candidates', '2000'));
const RAMP_S = Number(option('ramp', '10'));
const MINUTES = Number(option('minutes', '3'));
const GRADERS = Number(option('graders', '50'));
const SAVE_EVERY_S = Number(option('save-every', '15'));
const THINK_S = Number(option('think', '3'));
const READERS = Number(option('readers', '2'));
const APIS = Number(option('apis', '1'));
/**
 * With --full-backlog the wave starts once the worker has made the grading tasks of the whole
 * baseline cohort (yesterday's essays, waiting in the morning); without it, as soon as every
 * grader has two, and the worker goes on making the rest during the start burst.
 */
const FULL_BACKLOG = process.argv.includes('--full-backlog');
const BASELINE_S = Number(option('baseline-seconds', '45'));
const BUILD = !process.argv.includes('--no-build');
const DB = option('database', 'assay_bench_wave');
const REDIS_PREFIX = DB.replace(/_/g, '-');
const POOL_SIZE = 20;
/** Limit of the waits for the worker (emails, scoring): only a named failure, not a measure. */
const SETTLE_LIMIT_MS = 30 * 60_000;
/** Above any answer the wave can expect; a call that takes longer counts as failed. */
const TIMEOUT_MS = 30_000;

const { env: benchEnv, config } = benchEnvironment(REDIS_PREFIX, POOL_SIZE, DB);
const env: Record<string, string> = { ...benchEnv, LINK_RATE_LIMIT: '1000000' };

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Arranged {
  tenantId: string;
  admin: string;
  paperId: string;
  jobRoleId: string;
  questions: { single: string; multiple: string; essay: string };
  graders: string[];
  /** Invitation ids of the wave's candidates and of the baseline cohort. */
  wave: string[];
  baseline: string[];
}

/** The APIs in turn, as a round-robin balancer sends requests. */
class Balancer {
  private next = 0;
  constructor(readonly urls: string[]) {}
  url(): string {
    this.next += 1;
    return this.urls[this.next % this.urls.length];
  }
}

// ---------------------------------------------------------------------------------------------
// Arrangement through the API

async function arrange(api: Balancer, owner: Client): Promise<Arranged> {
  const { tenantId, token: admin } = await signup(api.url(), 'wave');
  const post = async (path: string, body: unknown) => {
    const response = await call<any>(`${api.url()}/api/v1${path}`, { method: 'POST', token: admin, body });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const paper = await publishedPaperVia((url, body) => call(`${api.url()}/api/v1${url}`, { method: 'POST', token: admin, body }), '校园招聘笔试', {
    durationMinutes: Math.max(30, MINUTES + 15),
  });
  const [single, multiple, essay] = paper.questionIds;

  console.log(`Creating ${GRADERS} graders...`);
  const graders: string[] = [];
  for (let i = 0; i < GRADERS; i += 10) {
    const batch = Array.from({ length: Math.min(10, GRADERS - i) }, (_, k) => i + k);
    graders.push(
      ...(await Promise.all(
        batch.map(async (n) => {
          const email = `grader${n}@wave.bench.test`;
          const user = await post('/users', { email, name: `阅卷员${n}`, roles: ['grader'], password: 'grader password 123' });
          await post(`/grading/papers/${paper.paperId}/assignments`, { userId: user.id });
          const login = await call<{ accessToken: string }>(`${api.url()}/api/v1/auth/login`, { method: 'POST', body: { email, password: 'grader password 123' } });
          if (login.status !== 200 && login.status !== 201) throw new Error(`login of ${email}: ${login.status}`);
          return login.body.accessToken;
        }),
      )),
    );
  }

  console.log(`Inviting ${2 * CANDIDATES} candidates in one bulk upload...`);
  const rows = ['姓名,邮箱'];
  for (let i = 0; i < CANDIDATES; i += 1) rows.push(`考生${i},wave${i}@wave.bench.test`, `基线${i},base${i}@wave.bench.test`);
  const { payload, headers } = multipart([
    { name: 'closesAt', value: new Date(Date.now() + 86_400_000).toISOString() },
    { name: 'file', filename: 'candidates.csv', content: Buffer.from(`${rows.join('\r\n')}\r\n`), contentType: 'text/csv' },
  ]);
  const bulk = await call<{ created: number }>(`${api.url()}/api/v1/papers/${paper.paperId}/invitations/bulk`, { method: 'POST', token: admin, payload, headers });
  if (bulk.status !== 200 || bulk.body.created !== 2 * CANDIDATES) throw new Error(`bulk invitations: ${bulk.status} ${JSON.stringify(bulk.body)}`);
  const { rows: invited } = await owner.query<{ id: string; email: string }>(
    'SELECT i.id, c.email FROM invitations i JOIN candidates c ON c.id = i.candidate_id WHERE i.tenant_id = $1 ORDER BY c.email',
    [tenantId],
  );
  console.log('Waiting until every invitation email is sent...');
  await until(
    async () => (await owner.query(`SELECT 1 FROM outbox_messages WHERE tenant_id = $1 AND status = 'pending' LIMIT 1`, [tenantId])).rowCount === 0,
    'every invitation email sent',
    SETTLE_LIMIT_MS,
  );
  return {
    tenantId,
    admin,
    paperId: paper.paperId,
    jobRoleId: paper.jobRoleId,
    questions: { single, multiple, essay },
    graders,
    wave: invited.filter((r) => r.email.startsWith('wave')).map((r) => r.id),
    baseline: invited.filter((r) => r.email.startsWith('base')).map((r) => r.id),
  };
}

// ---------------------------------------------------------------------------------------------
// What candidates write: mostly drafts of the essay, now and then a choice (as in the fault run)

/** One save counter per attempt for the whole run, so no save is a superseded no-op. */
const seqs = new Map<string, number>();
const essays = new Map<string, string>();

function nextSave(questions: Arranged['questions']) {
  return (attempt: StartedAttempt): { questionId: string; body: string } => {
    const seq = (seqs.get(attempt.attemptId) ?? 0) + 1;
    seqs.set(attempt.attemptId, seq);
    if (!essays.has(attempt.attemptId)) essays.set(attempt.attemptId, ownWords(essays.size));
    const [questionId, answer] =
      seq % 3 === 2
        ? [questions.single, ['A', 'B', 'C'][seq % 3]]
        : seq % 7 === 3
          ? [questions.multiple, seq % 2 === 0 ? ['A', 'B'] : ['A']]
          : [questions.essay, { text: `第${seq}稿：${essays.get(attempt.attemptId)}` }];
    return { questionId, body: JSON.stringify({ answer, seq }) };
  };
}

async function startAll(api: Balancer, invitationIds: string[], inFlight: number): Promise<StartedAttempt[]> {
  const attempts: StartedAttempt[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < invitationIds.length) {
        const id = invitationIds[next++];
        const started = await call<StartedAttempt>(`${api.url()}/api/v1/links/${linkToken(config.LINK_SECRET, id, 1)}/attempt`, { method: 'POST' });
        if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
        attempts.push(started.body);
      }
    }),
  );
  return attempts;
}

async function submitAll(api: Balancer, attempts: StartedAttempt[], inFlight: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < attempts.length) {
        const attempt = attempts[next++];
        const submitted = await call(`${api.url()}/api/v1/attempts/${attempt.attemptId}/submit`, { method: 'POST', headers: { 'x-attempt-token': attempt.attemptToken } });
        if (submitted.status >= 300) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The wave

/** First call sent and last answer of each endpoint, for its throughput. */
class Spans {
  private readonly spans = new Map<string, [number, number]>();
  add(endpoint: string, from: number, to: number): void {
    const span = this.spans.get(endpoint);
    this.spans.set(endpoint, span ? [Math.min(span[0], from), Math.max(span[1], to)] : [from, to]);
  }
  seconds(): Record<string, number> {
    return Object.fromEntries([...this.spans].map(([endpoint, [from, to]]) => [endpoint, (to - from) / 1000]));
  }
}

/** One call timed from `dueAt` (performance.now() time), recorded under `endpoint`. */
async function timed(log: LatencyLog, spans: Spans, endpoint: string, dueAt: number, send: () => ReturnType<typeof agentRequest>): ReturnType<typeof agentRequest> {
  const outcome = await send();
  const now = performance.now();
  log.record(endpoint, now - dueAt, 'failure' in outcome || outcome.status >= 400);
  spans.add(endpoint, dueAt, now);
  return outcome;
}

async function candidate(api: Balancer, invitationId: string, arrivalAt: number, save: ReturnType<typeof nextSave>, log: LatencyLog, spans: Spans): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await pause(arrivalAt - performance.now());
    const started = await timed(log, spans, 'start', arrivalAt, () =>
      agentRequest(api.url(), agent, { method: 'POST', path: `/api/v1/links/${linkToken(config.LINK_SECRET, invitationId, 1)}/attempt`, headers: {} }, TIMEOUT_MS),
    );
    if ('failure' in started || started.status !== 201) return; // counted as a failed start; this candidate cannot go on
    const attempt = JSON.parse(started.body.toString()) as StartedAttempt;
    const headers = { 'x-attempt-token': attempt.attemptToken, 'user-agent': 'bench-wave' };
    const endAt = arrivalAt + MINUTES * 60_000;
    const saves: Promise<unknown>[] = [];
    for (let dueAt = performance.now() + jitteredPause(SAVE_EVERY_S * 1000, 0.5); dueAt < endAt; dueAt += jitteredPause(SAVE_EVERY_S * 1000, 0.5)) {
      await pause(dueAt - performance.now());
      const { questionId, body } = save(attempt);
      // Not awaited: the next save is due at its time whether or not this one was answered.
      saves.push(timed(log, spans, 'save', dueAt, () => agentRequest(api.url(), agent, { method: 'PUT', path: `/api/v1/attempts/${attempt.attemptId}/answers/${questionId}`, headers, body }, TIMEOUT_MS)));
    }
    await pause(endAt - performance.now());
    await Promise.all(saves);
    await timed(log, spans, 'submit', endAt, () => agentRequest(api.url(), agent, { method: 'POST', path: `/api/v1/attempts/${attempt.attemptId}/submit`, headers }, TIMEOUT_MS));
  } finally {
    agent.destroy();
  }
}

/** Claims, reads for `think` seconds ±50 %, marks 4 + 3 of 5 + 5; looks again after 2 s when nothing is left. */
async function grader(api: Balancer, token: string, paperId: string, stop: () => boolean, log: LatencyLog, spans: Spans, counts: { marked: number; empty: number }): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { authorization: `Bearer ${token}` };
  await pause(Math.random() * THINK_S * 1000); // graders sit down over the first seconds, not in step
  try {
    while (!stop()) {
      const claimed = await timed(log, spans, 'claim-next', performance.now(), () =>
        agentRequest(api.url(), agent, { method: 'POST', path: `/api/v1/grading/tasks/claim?paperId=${paperId}`, headers }, TIMEOUT_MS),
      );
      const task = 'failure' in claimed || claimed.status !== 200 ? null : (JSON.parse(claimed.body.toString()) as { task: { taskId: string } | null }).task;
      if (!task) {
        counts.empty += 1;
        await pause(2000);
        continue;
      }
      await pause(jitteredPause(THINK_S * 1000, 0.5));
      const marked = await timed(log, spans, 'submit-mark', performance.now(), () =>
        agentRequest(api.url(), agent, { method: 'POST', path: `/api/v1/grading/tasks/${task.taskId}/marks`, headers, body: JSON.stringify({ scores: [4, 3] }) }, TIMEOUT_MS),
      );
      if (!('failure' in marked) && marked.status < 300) counts.marked += 1;
    }
  } finally {
    agent.destroy();
  }
}

/** A recruiter reading the job role's report every 2 s ±50 %. */
async function reader(api: Balancer, token: string, jobRoleId: string, stop: () => boolean, log: LatencyLog, spans: Spans): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    while (!stop()) {
      await timed(log, spans, 'report read', performance.now(), () =>
        agentRequest(api.url(), agent, { method: 'GET', path: `/api/v1/analytics/job-roles/${jobRoleId}`, headers: { authorization: `Bearer ${token}` } }, TIMEOUT_MS),
      );
      await pause(jitteredPause(2000, 0.5));
    }
  } finally {
    agent.destroy();
  }
}

/** The refresh-analytics jobs the worker finished since `since` (epoch ms), with their run time. */
async function refreshesSince(since: number): Promise<{ count: number; byScope: Record<string, number>; runMs: { p50: number; max: number } }> {
  const queue = new Queue(JOB_QUEUE[JobName.RefreshAnalytics], { connection: redisOptions(config.REDIS_URL), prefix: REDIS_PREFIX });
  try {
    const jobs = (await queue.getJobs(['completed'], 0, -1)).filter((job) => job.name === JobName.RefreshAnalytics && (job.processedOn ?? 0) >= since);
    const runMs = jobs.map((job) => (job.finishedOn ?? 0) - (job.processedOn ?? 0)).sort((a, b) => a - b);
    const byScope: Record<string, number> = {};
    for (const job of jobs) byScope[job.data.scope] = (byScope[job.data.scope] ?? 0) + 1;
    return { count: jobs.length, byScope, runMs: { p50: runMs[Math.floor(runMs.length / 2)] ?? 0, max: runMs[runMs.length - 1] ?? 0 } };
  } finally {
    await queue.close();
  }
}

// ---------------------------------------------------------------------------------------------

runBenchmark(async () => {
  if (BUILD) build();
  const smtp = await TestSmtpServer.start();
  env.SMTP_URL = smtp.url;
  const probes = mkdtempSync(join(os.tmpdir(), 'assay-bench-wave-'));
  const owner = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  try {
    await recreateDatabase(config);
    await owner.connect();
    const host = await machine(config);
    const probe = ['-r', join(ROOT, 'dist/bench/memory-probe.js')];
    const watched: WatchedProcess[] = [];
    const workerFile = join(probes, 'worker.json');
    const worker = startChild('worker', [...probe, 'dist/apps/worker/src/main.js'], { ...env, BENCH_MEMORY_FILE: workerFile });
    watched.push({ name: 'worker', pid: worker.pid as number, memoryFile: workerFile });
    const urls: string[] = [];
    for (let i = 1; i <= APIS; i += 1) {
      const memoryFile = join(probes, `api-${i}.json`);
      const started = await startApi({ ...env, BENCH_MEMORY_FILE: memoryFile }, 3110 + 2 * i, `api-${i}`, probe);
      urls.push(started.url);
      watched.push({ name: `api-${i}`, pid: started.child.pid as number, memoryFile });
    }
    const api = new Balancer(urls);
    const arranged = await arrange(api, owner);
    const save = nextSave(arranged.questions);

    // --- Baselines, same offered save rate, before the wave
    console.log(`Starting the baseline cohort (${CANDIDATES} attempts, untimed)...`);
    const cohort = await startAll(api, arranged.baseline, 100);
    const bare = await startBareAutosave(env, 3140);
    const timing = { intervalSeconds: SAVE_EVERY_S, warmupSeconds: 5, durationSeconds: BASELINE_S };
    const baselines: OpenMeasurement[] = [];
    for (const target of [
      { name: 'api', base: urls[0], pid: watched[1].pid, path: (a: StartedAttempt, q: string) => `/api/v1/attempts/${a.attemptId}/answers/${q}` },
      { name: 'bare', base: bare.url, pid: bare.child.pid as number, path: (a: StartedAttempt, q: string) => `/attempts/${a.attemptId}/answers/${q}` },
      { name: 'plain', base: bare.url, pid: bare.child.pid as number, path: (a: StartedAttempt, q: string) => `/plain/attempts/${a.attemptId}/answers/${q}` },
    ]) {
      console.log(`Open loop, ${target.name}: ${CANDIDATES} candidates, one save each every ${SAVE_EVERY_S} s, ${BASELINE_S} s...`);
      const m = await measureOpen(target, cohort, save, timing);
      console.log(`  achieved ${m.achievedPerSecond}/s of ${m.offeredPerSecond}/s, p50 ${m.latency.p50} ms, p99 ${m.latency.p99} ms, errors ${m.errors + m.timeouts + m.non2xx}`);
      baselines.push(m);
    }
    console.log('Submitting the baseline cohort: its essays are the graders\' work during the wave...');
    await submitAll(api, cohort, 50);
    // Scored and reported before the clock starts; the grading tasks need only be enough to begin
    // with: the worker goes on creating the rest during the wave, as essays keep arriving in real life.
    await until(
      async () =>
        (await owner.query(`SELECT 1 FROM attempts WHERE tenant_id = $1 AND status IN ('in_progress', 'submitted') LIMIT 1`, [arranged.tenantId])).rowCount === 0 &&
        Number((await owner.query(`SELECT count(*) AS n FROM grading_scripts WHERE tenant_id = $1`, [arranged.tenantId])).rows[0].n) >=
          (FULL_BACKLOG ? cohort.length : Math.min(cohort.length, 2 * GRADERS)) &&
        (await call(`${api.url()}/api/v1/analytics/job-roles/${arranged.jobRoleId}`, { token: arranged.admin })).status === 200,
      'the baseline cohort scored, grading tasks for every grader and the role report computed',
      SETTLE_LIMIT_MS,
    );
    const { rows: scripts } = await owner.query<{ n: string }>(`SELECT count(*) AS n FROM grading_scripts WHERE tenant_id = $1`, [arranged.tenantId]);
    console.log(`  ${scripts[0].n} of ${cohort.length} scripts queued for grading when the wave starts`);

    // --- The wave
    const sampler = new ProcessSampler(watched, owner, DB);
    const log = new LatencyLog();
    const spans = new Spans();
    const counts = { marked: 0, empty: 0 };
    let candidatesDone = false;
    const loadAtStart = loadAverage();
    const waveStartedAt = Date.now();
    sampler.start();
    const t0 = performance.now() + 1000;
    console.log(`The wave: ${CANDIDATES} candidates within ${RAMP_S} s, a save every ~${SAVE_EVERY_S} s for ${MINUTES} min, ${GRADERS} graders, ${READERS} report readers...`);
    const arrivals = uniformArrivals(CANDIDATES, RAMP_S * 1000);
    const staff = [
      ...arranged.graders.map((token) => grader(api, token, arranged.paperId, () => candidatesDone, log, spans, counts)),
      ...Array.from({ length: READERS }, () => reader(api, arranged.admin, arranged.jobRoleId, () => candidatesDone, log, spans)),
    ];
    const progress = setInterval(() => console.log(`  ${Math.round((performance.now() - t0) / 1000)} s: ${JSON.stringify(log.summary({}), (k, v) => (k === 'perSecond' ? undefined : v))}`), 30_000);
    await Promise.all(arranged.wave.map((id, i) => candidate(api, id, t0 + arrivals[i], save, log, spans)));
    candidatesDone = true;
    clearInterval(progress);
    await Promise.all(staff);
    const cost = await sampler.stop();
    const loadAtEnd = loadAverage();
    const refreshes = await refreshesSince(waveStartedAt);
    const endpoints = log.summary(spans.seconds());

    // --- Report
    const order = ['start', 'save', 'submit', 'claim-next', 'submit-mark', 'report read'];
    const row = (name: string, s: LatencySummary | undefined) => `| ${name} | ${s?.count ?? 0} | ${s?.perSecond ?? 0} | ${s?.errors ?? 0} | ${s?.p50 ?? '-'} | ${s?.p99 ?? '-'} | ${s?.max ?? '-'} |`;
    const names: Record<string, string> = { api: 'API alone (open loop, before the wave)', bare: 'bare Fastify + pg, same SQL', plain: 'bare Fastify + pg, plain upsert' };
    const lines = [
      '| endpoint (the wave) | calls | per s | errors | p50 ms | p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...order.map((name) => row(name, endpoints[name])),
      '',
      `| save, same offered rate (${Math.round(CANDIDATES / SAVE_EVERY_S)}/s) | achieved per s | errors / timeouts / non-2xx | p50 ms | p99 ms | max ms | server CPU ms/save |`,
      '|---|---:|---:|---:|---:|---:|---:|',
      ...baselines.map((b) => `| ${names[b.target]} | ${b.achievedPerSecond} | ${b.errors} / ${b.timeouts} / ${b.non2xx} | ${b.latency.p50} | ${b.latency.p99} | ${b.latency.max} | ${b.serverCpuMsPerRequest} |`),
      '',
      '| process (during the wave) | RSS peak MiB | RSS mean MiB | heap used peak MiB | CPU (cores) |',
      '|---|---:|---:|---:|---:|',
      ...cost.processes.map((p) => `| ${p.name} | ${p.rssPeakMiB} | ${p.rssMeanMiB} | ${p.heapUsedPeakMiB ?? '-'} | ${p.cores} |`),
      `| PostgreSQL backends of ${DB} (${cost.postgres.backends}) | | | | ${cost.postgres.cores} |`,
    ];
    const errors = Object.values(endpoints).reduce((sum, s) => sum + s.errors, 0);
    console.log(`\n${lines.join('\n')}\n`);
    console.log(`Marks given: ${counts.marked}; empty claims: ${counts.empty}; report refreshes run during the wave: ${JSON.stringify(refreshes)}`);
    console.log(`Errors in the wave: ${errors}; start p99 ${endpoints.start?.p99} ms (goal: 0 errors, start p99 < 2000 ms). Load average ${loadAtStart.join(' ')} -> ${loadAtEnd.join(' ')}`);

    const date = new Date().toISOString();
    const result = {
      benchmark: 'wave',
      date,
      command: `node -r @swc-node/register bench/wave.ts ${process.argv.slice(2).join(' ')}`.trim(),
      machine: host,
      options: { candidates: CANDIDATES, rampSeconds: RAMP_S, minutes: MINUTES, graders: GRADERS, saveEverySeconds: SAVE_EVERY_S, thinkSeconds: THINK_S, readers: READERS, apis: APIS, baselineSeconds: BASELINE_S, poolSize: POOL_SIZE, fullBacklog: FULL_BACKLOG },
      loadAverage: { waveStart: loadAtStart, waveEnd: loadAtEnd },
      wave: { seconds: cost.seconds, endpoints, errors, marksGiven: counts.marked, emptyClaims: counts.empty, reportRefreshes: refreshes },
      baselines,
      processes: cost.processes,
      postgres: cost.postgres,
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `wave-${date.slice(0, 10)}${option('suffix', '')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Wrote ${file}`);
  } finally {
    await owner.end().catch(() => undefined);
    await smtp.close();
    rmSync(probes, { recursive: true, force: true });
  }
});
