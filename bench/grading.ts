/**
 * The grading queue under load: claim-next and submit-mark latency with 100,000 open tasks and 50
 * concurrent graders, beside a bare `FOR UPDATE SKIP LOCKED` claim measured in the same run.
 *
 *   node -r @swc-node/register bench/grading.ts [--duration 15] [--graders 50] [--tasks 100000] [--think 500]
 *
 * By itself it: recreates and migrates the database `assay_bench`, builds the API application in this
 * process (no HTTP listener; sign-up and a published paper through Fastify's inject), seeds with SQL
 * 10 open questions, 10,000 scripts of 10 answers each (the scripts' foreign key to `attempts` is
 * dropped in this throwaway database, so no 10,000 real attempts are needed), one first-round task
 * per answer, and 50 graders assigned to the paper. Then, each for `duration` seconds with
 * `graders` closed loops sharing one pool of 20 connections (the API's default):
 *   1. bare: BEGIN, set_config(app.tenant_id), the bare SKIP LOCKED claim, COMMIT, through pg;
 *   2. service: GradingQueueService.claimNext (personal tasks, shared tasks, the grader's view),
 *      then submit (rubric check, mark, marking rule, script counters), timed separately;
 *   3. bare again (the machine's load drifts: both bare runs are reported).
 * Phases 1 and 2 run twice: saturated (closed loops, each grader claims again at once: the pool's
 * queue is in every latency) and paced (each grader pauses `think` ms after each task, staggered;
 * a real grader reads an answer for half a minute or more, so this is still far above human pace).
 * Leased tasks go back to open between phases. Prints a table and writes
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
import { benchEnvironment, loadAverage, machine, option, recreateDatabase, ROOT, runBenchmark } from './support';

const DURATION_MS = Number(option('duration', '15')) * 1000;
const GRADERS = Number(option('graders', '50'));
const TASKS = Number(option('tasks', '100000'));
const THINK_MS = Number(option('think', '500'));
const QUESTIONS = 10;
const POOL_SIZE = 20;

const BARE_CLAIM = `
  UPDATE grading_tasks SET status = 'leased', lease_owner = $1, lease_expires_at = now() + interval '5 minutes'
   WHERE id = (SELECT id FROM grading_tasks WHERE status = 'open' ORDER BY paper_id, position, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING id`;

interface Latencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

function summarise(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 100) / 100;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1), perSecond: Math.round(sorted.length / (DURATION_MS / 1000)) };
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

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

async function bare(appUrl: string, tenantId: string, graderIds: string[], thinkMs: number): Promise<Latencies> {
  const pool = new Pool({ connectionString: appUrl, max: POOL_SIZE });
  const samples: number[] = [];
  try {
    await graderLoops(graderIds, thinkMs, async (graderId) => {
      const started = performance.now();
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
      samples.push(performance.now() - started);
    });
  } finally {
    await pool.end();
  }
  return summarise(samples);
}

async function service(queue: GradingQueueService, tenantId: string, paperId: string, graderIds: string[], thinkMs: number): Promise<{ claim: Latencies; submit: Latencies }> {
  const claims: number[] = [];
  const submits: number[] = [];
  await graderLoops(graderIds, thinkMs, (graderId) =>
    TenantContext.run({ tenantId, userId: graderId, apiKeyId: null, roles: ['grader'] }, async () => {
      const started = performance.now();
      const task = await queue.claimNext(graderId, { paperId });
      const claimed = performance.now();
      if (!task) throw new Error('the queue ran dry: use more --tasks');
      await queue.submit(graderId, task.taskId, { scores: [3, 4.5], comment: null });
      claims.push(claimed - started);
      submits.push(performance.now() - claimed);
    }),
  );
  return { claim: summarise(claims), submit: summarise(submits) };
}

runBenchmark(async () => {
  const { config } = benchEnvironment('assay-bench-grading', POOL_SIZE);
  await recreateDatabase(config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createAdapter(config), { logger: false });
  await configureApi(app);
  await app.init();
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

    const rows: [string, Latencies][] = [];
    for (const [mode, thinkMs] of [['saturated', 0], [`paced, ${THINK_MS} ms think time`, THINK_MS]] as const) {
      console.log(`Bare SKIP LOCKED claim, ${GRADERS} graders, ${mode}, ${DURATION_MS / 1000} s...`);
      rows.push([`bare SKIP LOCKED claim (${mode})`, await bare(config.DATABASE_URL, tenantId, graderIds, thinkMs)]);
      console.log(`  open again: ${await reopen(config.MIGRATION_DATABASE_URL)}`);
      console.log(`GradingQueueService claim-next + submit, ${GRADERS} graders, ${mode}, ${DURATION_MS / 1000} s...`);
      const measured = await service(queue, tenantId, paperId, graderIds, thinkMs);
      rows.push([`claim-next (service, ${mode})`, measured.claim], [`submit-mark (service, ${mode})`, measured.submit]);
      console.log(`  open again: ${await reopen(config.MIGRATION_DATABASE_URL)} (marked tasks stay done)`);
    }
    console.log(`Bare again (the machine's load drifts)...`);
    rows.push(['bare SKIP LOCKED claim (saturated, after)', await bare(config.DATABASE_URL, tenantId, graderIds, 0)]);

    console.log('\n| what | operations | per s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|');
    for (const [what, l] of rows) console.log(`| ${what} | ${l.count} | ${l.perSecond} | ${l.p50} | ${l.p99} | ${l.max} |`);
    const result = { benchmark: 'grading', date: new Date().toISOString(), machine: about, loadAverageAtEnd: loadAverage(), tasks: TASKS, graders: GRADERS, thinkMs: THINK_MS, durationSeconds: DURATION_MS / 1000, poolSize: POOL_SIZE, results: Object.fromEntries(rows) };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const file = join(ROOT, `bench/results/grading-${new Date().toISOString().slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nWrote ${file}`);
  } finally {
    await app.close();
  }
});
