/**
 * The grading queue under load: claim-next and submit-mark latency with 100,000 open tasks and 50
 * concurrent graders, beside a bare `FOR UPDATE SKIP LOCKED` claim measured in the same run.
 *
 *   node -r @swc-node/register bench/grading.ts [--duration 15] [--graders 50] [--tasks 100000] [--think 500] [--probe 300] [--label before]
 *
 * By itself it: recreates and migrates its own database `assay_bench_grading` (not the shared
 * `assay_bench` of the other benchmarks, so it can run beside them), builds the API application in this
 * process (no HTTP listener; sign-up and a published paper through Fastify's inject), seeds with SQL
 * 10 open questions, 10,000 scripts of 10 answers each (the scripts' foreign key to `attempts` is
 * dropped in this throwaway database, so no 10,000 real attempts are needed), one first-round task
 * per answer, and 50 graders assigned to the paper. Then:
 *   0. a sequential probe (`probe` operations, one grader, nothing else running in this process):
 *      per operation, the statements sent to PostgreSQL (round trips), the Node CPU of this process
 *      and the CPU of the database's backends, for the bare claim, claim-next and submit-mark apart.
 *      These do not depend on the machine's load, unlike the latencies;
 * and each for `duration` seconds with `graders` loops sharing one pool of 20 connections (the API's default):
 *   1. bare: BEGIN, set_config(app.tenant_id), the bare SKIP LOCKED claim, COMMIT, through pg;
 *   2. service: GradingQueueService.claimNext (personal tasks, shared tasks, the grader's view),
 *      then submit (rubric check, mark, marking rule, script counters), timed separately;
 *   3. bare again (the machine's load drifts: both bare runs are reported).
 * Phases 1 and 2 run twice: saturated (closed loops, each grader claims again at once: the pool's
 * queue is in every latency) and paced (each grader pauses `think` ms after each task, staggered;
 * a real grader reads an answer for half a minute or more, so this is still far above human pace).
 * Each phase also reports statements, Node CPU and backend CPU per loop step, and the connections it opened. After each saturated
 * phase the bare claim is run twice under EXPLAIN (ANALYZE, BUFFERS) (rolled back): the buffers it
 * reads show whether dead index entries pile up at the head of the open-task index, and the second
 * whether the first claim cleared them (marked them dead in the index).
 * Leased tasks go back to open between phases. Prints tables and writes
 * bench/results/grading-<date>.json. Only 127.0.0.1 is contacted. See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client, Pool } from 'pg';
import { TenantContext } from '@assay/core';
import { GradingQueueService } from '@assay/grading';
import { publishedPaperVia } from '@assay/testing';
// The whole API module in this process, to measure the queue service without HTTP; apps have no
// entry point of their own to import.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule } from '../apps/api/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { configureApi, createAdapter } from '../apps/api/src/api';
import { benchEnvironment, cpuDelta, loadAverage, machine, option, procCpuMs, recreateDatabase, ROOT, runBenchmark } from './support';

const DURATION_MS = Number(option('duration', '15')) * 1000;
const GRADERS = Number(option('graders', '50'));
const TASKS = Number(option('tasks', '100000'));
const THINK_MS = Number(option('think', '500'));
const PROBE = Number(option('probe', '300'));
/** Names the results file: grading-<date>-<label>.json (several runs a day). */
const LABEL = option('label', '');
const QUESTIONS = 10;
const POOL_SIZE = 20;
const DATABASE = 'assay_bench_grading';

const BARE_CLAIM = `
  UPDATE grading_tasks SET status = 'leased', lease_owner = $1, lease_expires_at = now() + interval '5 minutes'
   WHERE id = (SELECT id FROM grading_tasks WHERE status = 'open' ORDER BY paper_id, position, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING id`;

/**
 * Every statement this process sends to PostgreSQL, whoever sends it (TypeORM's query runner, its
 * pool used directly, the bare pg pool): each is one round trip, as pg does not pipeline.
 */
let statementsSent = 0;
const sendQuery = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function countedQuery(this: Client, ...args: unknown[]) {
  statementsSent += 1;
  return sendQuery.apply(this, args);
} as typeof Client.prototype.query;
/**
 * Every connection this process opens: a new backend's first claim is far slower than the next
 * (catalog caches, the function's compilation, its kept plan), and pg's pools close connections
 * idle for 10 s, so a paced phase may open some again.
 */
let connectionsOpened = 0;
const openConnection = Client.prototype.connect as (...args: unknown[]) => unknown;
Client.prototype.connect = function countedConnect(this: Client, ...args: unknown[]) {
  connectionsOpened += 1;
  return openConnection.apply(this, args);
} as typeof Client.prototype.connect;

interface Latencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** What one loop step (a bare claim, or a claim-next and its submit-mark) cost, whatever the load. */
interface Cost {
  steps: number;
  statementsPerStep: number;
  nodeCpuMsPerStep: number;
  backendCpuMsPerStep: number;
  /** PostgreSQL connections this process opened during the phase. */
  connectionsOpened: number;
}

function summarise(samples: number[], durationMs = DURATION_MS): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 100) / 100;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1), perSecond: Math.round(sorted.length / (durationMs / 1000)) };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const nodeCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * CPU of the PostgreSQL backends connected to the benchmark's database (not the other databases of
 * the shared server), by pid, from /proc; asked through `monitor`, whose own backend is left out.
 */
async function backendsCpu(monitor: Client): Promise<Map<number, number>> {
  const { rows } = await monitor.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  return new Map(rows.map(({ pid }) => [pid, procCpuMs(pid)]));
}

/** Statements, Node CPU and backend CPU of `work` (which reports how many steps it ran) per step. */
async function costOf(monitor: Client, work: () => Promise<number>): Promise<Cost> {
  const backends = await backendsCpu(monitor);
  const [statements, connections, cpu] = [statementsSent, connectionsOpened, nodeCpuMs()];
  const steps = await work();
  const backendMs = cpuDelta(backends, await backendsCpu(monitor));
  return {
    steps,
    connectionsOpened: connectionsOpened - connections,
    statementsPerStep: round3((statementsSent - statements) / steps),
    nodeCpuMsPerStep: round3((nodeCpuMs() - cpu) / steps),
    backendCpuMsPerStep: round3(backendMs / steps),
  };
}

/**
 * `GRADERS` loops for DURATION_MS, each running `step` with its grader id, pausing `thinkMs`
 * after each step (0: closed loops). Paced graders start at random offsets so they do not claim in step.
 */
async function graderLoops(graderIds: string[], thinkMs: number, step: (graderId: string) => Promise<void>): Promise<void> {
  const end = performance.now() + DURATION_MS;
  await Promise.all(
    graderIds.map(async (graderId) => {
      if (thinkMs > 0) await pause(Math.random() * thinkMs);
      while (performance.now() < end) {
        await step(graderId);
        if (thinkMs > 0) await pause(thinkMs);
      }
    }),
  );
}

async function seed(ownerUrl: string, tenantId: string, paperId: string): Promise<string[]> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const scripts = Math.ceil(TASKS / QUESTIONS);
    const [{ conname }] = (
      await owner.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'grading_scripts'::regclass AND confrelid = 'attempts'::regclass`)
    ).rows as { conname: string }[];
    await owner.query(`ALTER TABLE grading_scripts DROP CONSTRAINT ${conname}`);
    const { rows } = await owner.query('SELECT id FROM paper_versions WHERE paper_id = $1', [paperId]);
    const versionId = rows[0].id as string;
    await owner.query(
      `INSERT INTO grading_questions (tenant_id, paper_version_id, question_id, position, stem, reference_answer, explanation, rubric, points, key_points)
       SELECT $1, $2, gen_random_uuid(), n, '第' || n || '题：客户投诉如何处理？', '（1）安抚情绪（2）核实信息（3）给出方案', NULL,
              '[{"criterion":"沟通","points":4},{"criterion":"方案","points":6}]', 10, '[]' FROM generate_series(0, $3 - 1) AS n`,
      [tenantId, versionId, QUESTIONS],
    );
    await owner.query(
      `INSERT INTO grading_scripts (tenant_id, attempt_id, paper_id, paper_version_id, anonymous_code, open_answers)
       SELECT $1, gen_random_uuid(), $2, $3, 'B' || lpad(n::text, 7, '0'), $4 FROM generate_series(1, $5) AS n`,
      [tenantId, paperId, versionId, QUESTIONS, scripts],
    );
    await owner.query(
      `INSERT INTO grading_answers (tenant_id, attempt_id, paper_id, paper_version_id, question_id, position, answer_text, max_points, suggested_points)
       SELECT $1, s.attempt_id, $2, $3, q.question_id, q.position, '我会先安抚客户的情绪，然后核实订单信息，最后给出补发或退款的方案。', 10, 7.5
         FROM grading_scripts s CROSS JOIN grading_questions q WHERE q.paper_version_id = $3`,
      [tenantId, paperId, versionId],
    );
    await owner.query(
      `INSERT INTO grading_tasks (tenant_id, answer_id, paper_id, question_id, position, round, created_at)
       SELECT tenant_id, id, paper_id, question_id, position, 'first', now() - random() * interval '1 hour' FROM grading_answers`,
    );
    const graders = await owner.query(
      `INSERT INTO users (tenant_id, email, name, password_hash, roles) SELECT $1, 'grader' || n || '@bench.test', '阅卷员' || n, 'x', ARRAY['grader'] FROM generate_series(1, $2) AS n RETURNING id`,
      [tenantId, GRADERS],
    );
    const graderIds = graders.rows.map((row: { id: string }) => row.id);
    await owner.query(`INSERT INTO grader_assignments (tenant_id, paper_id, user_id) SELECT $1, $2, id FROM unnest($3::uuid[]) AS id`, [tenantId, paperId, graderIds]);
    await owner.query('ANALYZE');
    const { rows: count } = await owner.query(`SELECT count(*)::int AS n FROM grading_tasks WHERE status = 'open'`);
    console.log(`Seeded ${count[0].n} open tasks (${scripts} scripts x ${QUESTIONS} questions), ${GRADERS} graders.`);
    return graderIds;
  } finally {
    await owner.end();
  }
}

async function reopen(ownerUrl: string): Promise<number> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(`UPDATE grading_tasks SET status = 'open', lease_owner = NULL, lease_expires_at = NULL WHERE status = 'leased'`);
    await owner.query('VACUUM ANALYZE grading_tasks');
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM grading_tasks WHERE status = 'open'`);
    return rows[0].n;
  } finally {
    await owner.end();
  }
}

async function bareClaim(pool: Pool, tenantId: string, graderId: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const { rows } = await client.query(BARE_CLAIM, [graderId]);
    await client.query('COMMIT');
    if (rows.length === 0) throw new Error('the queue ran dry: use more --tasks');
  } finally {
    client.release();
  }
}

/**
 * POOL_SIZE steps at once before a phase is measured, so every pooled connection is open and has
 * run the statements (a pool closes connections idle for 10 s, and a new backend's first claim
 * compiles and plans: 10-60 ms, about 1.4 % of a paced phase's claims, i.e. its p99). A server
 * under steady load keeps its connections warm; this measures that state, for both claims alike.
 */
async function warmPool(graderIds: string[], step: (graderId: string) => Promise<void>): Promise<void> {
  await Promise.all(graderIds.slice(0, POOL_SIZE).map(step));
}

async function bare(appUrl: string, monitor: Client, tenantId: string, graderIds: string[], thinkMs: number): Promise<{ claim: Latencies; cost: Cost }> {
  const pool = new Pool({ connectionString: appUrl, max: POOL_SIZE });
  const samples: number[] = [];
  try {
    await warmPool(graderIds, (graderId) => bareClaim(pool, tenantId, graderId));
    const cost = await costOf(monitor, async () => {
      await graderLoops(graderIds, thinkMs, async (graderId) => {
        const started = performance.now();
        await bareClaim(pool, tenantId, graderId);
        samples.push(performance.now() - started);
      });
      return samples.length;
    });
    return { claim: summarise(samples), cost };
  } finally {
    await pool.end();
  }
}

const asGrader = <T>(tenantId: string, graderId: string, work: () => Promise<T>) =>
  TenantContext.run({ tenantId, userId: graderId, apiKeyId: null, roles: ['grader'] }, work);

async function claimAndSubmit(queue: GradingQueueService, tenantId: string, paperId: string, graderId: string, timed: (claimMs: number, submitMs: number) => void) {
  await asGrader(tenantId, graderId, async () => {
    const started = performance.now();
    const task = await queue.claimNext(graderId, { paperId });
    const claimed = performance.now();
    if (!task) throw new Error('the queue ran dry: use more --tasks');
    await queue.submit(graderId, task.taskId, { scores: [3, 4.5], comment: null });
    timed(claimed - started, performance.now() - claimed);
  });
}

async function service(
  queue: GradingQueueService,
  monitor: Client,
  tenantId: string,
  paperId: string,
  graderIds: string[],
  thinkMs: number,
): Promise<{ claim: Latencies; submit: Latencies; cost: Cost }> {
  const claims: number[] = [];
  const submits: number[] = [];
  await warmPool(graderIds, (graderId) => claimAndSubmit(queue, tenantId, paperId, graderId, () => undefined));
  const cost = await costOf(monitor, async () => {
    await graderLoops(graderIds, thinkMs, (graderId) =>
      claimAndSubmit(queue, tenantId, paperId, graderId, (claimMs, submitMs) => {
        claims.push(claimMs);
        submits.push(submitMs);
      }),
    );
    return claims.length;
  });
  return { claim: summarise(claims), submit: summarise(submits), cost };
}

/** One operation's cost and latency, one at a time, so that nothing else runs in this process or its pool. */
class ProbeTotals {
  private readonly samples: number[] = [];
  private statements = 0;
  private nodeMs = 0;
  private backendMs = 0;

  async measure(monitor: Client, operation: () => Promise<void>): Promise<void> {
    const backends = await backendsCpu(monitor);
    const [statements, cpu, started] = [statementsSent, nodeCpuMs(), performance.now()];
    await operation();
    this.samples.push(performance.now() - started);
    this.nodeMs += nodeCpuMs() - cpu;
    this.statements += statementsSent - statements;
    this.backendMs += cpuDelta(backends, await backendsCpu(monitor));
  }

  result(): Cost & Latencies {
    const steps = this.samples.length;
    const latencies = summarise(this.samples, this.samples.reduce((sum, ms) => sum + ms, 0));
    return {
      ...latencies,
      steps,
      connectionsOpened: 0, // one connection, opened before the first measured operation
      statementsPerStep: round3(this.statements / steps),
      nodeCpuMsPerStep: round3(this.nodeMs / steps),
      backendCpuMsPerStep: round3(this.backendMs / steps),
    };
  }
}

/** The sequential probe: PROBE bare claims, then PROBE claim-next + submit-mark, by one grader. */
async function probe(appUrl: string, monitor: Client, queue: GradingQueueService, tenantId: string, paperId: string, graderId: string) {
  const pool = new Pool({ connectionString: appUrl, max: 1 });
  const [bareTotals, claimTotals, submitTotals] = [new ProbeTotals(), new ProbeTotals(), new ProbeTotals()];
  try {
    await bareClaim(pool, tenantId, graderId); // connects: the connection's start-up is not a claim's cost
    for (let i = 0; i < PROBE; i += 1) await bareTotals.measure(monitor, () => bareClaim(pool, tenantId, graderId));
  } finally {
    await pool.end();
  }
  await claimAndSubmit(queue, tenantId, paperId, graderId, () => undefined); // warms the service's path and pool
  for (let i = 0; i < PROBE; i += 1) {
    let taskId = '';
    await claimTotals.measure(monitor, () =>
      asGrader(tenantId, graderId, async () => {
        const task = await queue.claimNext(graderId, { paperId });
        if (!task) throw new Error('the queue ran dry: use more --tasks');
        taskId = task.taskId;
      }),
    );
    await submitTotals.measure(monitor, () => asGrader(tenantId, graderId, () => queue.submit(graderId, taskId, { scores: [3, 4.5], comment: null })));
  }
  return { 'bare SKIP LOCKED claim': bareTotals.result(), 'claim-next (service)': claimTotals.result(), 'submit-mark (service)': submitTotals.result() };
}

/**
 * The bare claim once under EXPLAIN (ANALYZE, BUFFERS), rolled back: the buffers it touches to find
 * the first open task (dead index entries left by the phase's claims would show here).
 */
async function explainClaim(appUrl: string, tenantId: string, graderId: string): Promise<{ executionMs: number; sharedHit: number; sharedRead: number }> {
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${BARE_CLAIM}`, [graderId]);
    const [{ Plan: plan, 'Execution Time': executionMs }] = rows[0]['QUERY PLAN'] as { Plan: Record<string, number>; 'Execution Time': number }[];
    return { executionMs, sharedHit: plan['Shared Hit Blocks'], sharedRead: plan['Shared Read Blocks'] };
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
}

runBenchmark(async () => {
  const { config } = benchEnvironment('assay-bench-grading', POOL_SIZE, DATABASE);
  await recreateDatabase(config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createAdapter(config), { logger: false });
  await configureApi(app);
  await app.init();
  const monitor = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await monitor.connect();
  try {
    const inject = async (url: string, body: unknown, token?: string) => {
      const response = await app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.statusCode, body: response.json() };
    };
    const signedUp = await inject('/auth/signup', { companyName: 'Bench grading', slug: 'bench-grading', adminName: 'Admin', email: 'admin@bench-grading.test', password: 'bench-password-123' });
    const tenantId = signedUp.body.tenant.id as string;
    const { paperId } = await publishedPaperVia((url, body) => inject(url, body, signedUp.body.accessToken));
    const graderIds = await seed(config.MIGRATION_DATABASE_URL, tenantId, paperId);
    const about = await machine(config);
    const queue = app.get(GradingQueueService);
    const explained: Record<string, Awaited<ReturnType<typeof explainClaim>>> = {};
    explained['after seeding'] = await explainClaim(config.DATABASE_URL, tenantId, graderIds[0]);
    // The second claim shows whether the first one's cost was a one-time clean-up (index entries it marked dead).
    const explainTwice = async (when: string) => {
      explained[when] = await explainClaim(config.DATABASE_URL, tenantId, graderIds[0]);
      explained[`${when}, again`] = await explainClaim(config.DATABASE_URL, tenantId, graderIds[0]);
    };

    console.log(`Sequential probe: ${PROBE} bare claims, ${PROBE} claim-next + submit-mark, one grader...`);
    const sequential = await probe(config.DATABASE_URL, monitor, queue, tenantId, paperId, graderIds[0]);
    console.log(`  open again: ${await reopen(config.MIGRATION_DATABASE_URL)}`);

    const rows: [string, Latencies][] = [];
    const costs: Record<string, Cost> = {};
    for (const [mode, thinkMs] of [['saturated', 0], [`paced, ${THINK_MS} ms think time`, THINK_MS]] as const) {
      console.log(`Bare SKIP LOCKED claim, ${GRADERS} graders, ${mode}, ${DURATION_MS / 1000} s...`);
      const bareRun = await bare(config.DATABASE_URL, monitor, tenantId, graderIds, thinkMs);
      rows.push([`bare SKIP LOCKED claim (${mode})`, bareRun.claim]);
      costs[`bare claim (${mode})`] = bareRun.cost;
      if (thinkMs === 0) await explainTwice('after the saturated bare phase');
      console.log(`  open again: ${await reopen(config.MIGRATION_DATABASE_URL)}`);
      console.log(`GradingQueueService claim-next + submit, ${GRADERS} graders, ${mode}, ${DURATION_MS / 1000} s...`);
      const measured = await service(queue, monitor, tenantId, paperId, graderIds, thinkMs);
      rows.push([`claim-next (service, ${mode})`, measured.claim], [`submit-mark (service, ${mode})`, measured.submit]);
      costs[`claim-next + submit-mark (${mode})`] = measured.cost;
      if (thinkMs === 0) await explainTwice('after the saturated service phase');
      console.log(`  open again: ${await reopen(config.MIGRATION_DATABASE_URL)} (marked tasks stay done)`);
    }
    console.log(`Bare again (the machine's load drifts)...`);
    const bareAfter = await bare(config.DATABASE_URL, monitor, tenantId, graderIds, 0);
    rows.push(['bare SKIP LOCKED claim (saturated, after)', bareAfter.claim]);
    costs['bare claim (saturated, after)'] = bareAfter.cost;

    console.log('\nSequential probe (one grader, one operation at a time):');
    console.log('| operation | statements | Node CPU ms | backend CPU ms | p50 ms | p99 ms |\n|---|---|---|---|---|---|');
    for (const [what, p] of Object.entries(sequential)) console.log(`| ${what} | ${p.statementsPerStep} | ${p.nodeCpuMsPerStep} | ${p.backendCpuMsPerStep} | ${p.p50} | ${p.p99} |`);
    console.log('\n| what | operations | per s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|');
    for (const [what, l] of rows) console.log(`| ${what} | ${l.count} | ${l.perSecond} | ${l.p50} | ${l.p99} | ${l.max} |`);
    console.log('\n| phase, per loop step | steps | statements | Node CPU ms | backend CPU ms | connections opened |\n|---|---|---|---|---|---|');
    for (const [what, c] of Object.entries(costs)) console.log(`| ${what} | ${c.steps} | ${c.statementsPerStep} | ${c.nodeCpuMsPerStep} | ${c.backendCpuMsPerStep} | ${c.connectionsOpened} |`);
    console.log('\n| bare claim under EXPLAIN (ANALYZE, BUFFERS) | shared hit | shared read | execution ms |\n|---|---|---|---|');
    for (const [when, e] of Object.entries(explained)) console.log(`| ${when} | ${e.sharedHit} | ${e.sharedRead} | ${e.executionMs} |`);
    const result = {
      benchmark: 'grading',
      date: new Date().toISOString(),
      machine: about,
      loadAverageAtEnd: loadAverage(),
      tasks: TASKS,
      graders: GRADERS,
      thinkMs: THINK_MS,
      durationSeconds: DURATION_MS / 1000,
      poolSize: POOL_SIZE,
      results: Object.fromEntries(rows),
      sequential,
      costPerStep: costs,
      explainedClaim: explained,
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const file = join(ROOT, `bench/results/grading-${new Date().toISOString().slice(0, 10)}${LABEL ? `-${LABEL}` : ''}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nWrote ${file}`);
  } finally {
    await monitor.end();
    await app.close();
  }
});
