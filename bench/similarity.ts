/**
 * Near-identical answers at intake: the similarity step of `create-grading-tasks` per arriving
 * answer when n answers of one question are already in grading, through the band index
 * (GradingSimilarity.flag) beside the method it replaced (read every earlier answer's text, MinHash
 * them all, flag every near-identical pair) and a bare arrival (the answer's rows only), in the same run.
 *
 *   node -r @swc-node/register bench/similarity.ts [--sizes 100,500,2000] [--arrivals 5] [--old-arrivals 5]
 *
 * By itself it: recreates and migrates the database `assay_bench_similarity` (its own, so it can
 * run beside the other benchmarks), builds the API application in this process (no HTTP listener;
 * a sign-up through Fastify's inject gives the tenant), and drops the scripts' foreign key to
 * `attempts` in this throwaway database, so answers need no real attempts. For each size n and
 * cohort (alike: a model answer of 200 characters with 2 changed per candidate; different: each in
 * its own words), on a fresh question each time:
 *   1. index: n answers arrive one by one, each in its own tenant transaction (script and answer
 *      rows, then GradingSimilarity.flag), the whole wave timed; the last `arrivals` are the
 *      per-answer figure at size n;
 *   2. old: n - old-arrivals answers are written directly (the old method needs only their texts),
 *      then `old-arrivals` answers arrive through the old method (one arrival at 2,000 alike took
 *      minutes on the loaded machine: use --old-arrivals 1 there);
 *   3. bare: `arrivals` answers arrive with their rows only, no similarity step.
 * Prints a table and writes bench/results/similarity-<date>.json. See docs/performance.md.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import { TenantTransaction } from '@assay/core';
import { GradingSimilarity, type SimilarityWork } from '@assay/grading';
import { findNearDuplicates } from '@assay/grading-rules';
// The whole API module in this process, for its database and tenant transactions; apps have no
// entry point of their own to import.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule } from '../apps/api/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { configureApi, createAdapter } from '../apps/api/src/api';
import { benchEnvironment, loadAverage, machine, option, recreateDatabase, ROOT, runBenchmark } from './support';

const SIZES = option('sizes', '100,500,2000').split(',').map(Number);
const ARRIVALS = Number(option('arrivals', '5'));
const OLD_ARRIVALS = Number(option('old-arrivals', String(ARRIVALS)));
const DATABASE = 'assay_bench_similarity';
const LENGTH = 200;

/**
 * Deterministic pseudo-random numbers (murmur3's finaliser over a counter), so every run writes the
 * same answers. A bare multiplicative hash repeats itself at Fibonacci distances, which made some
 * "different" answers near-identical.
 */
function sequence(seed: number): () => number {
  let n = seed * 0x1000000;
  return () => {
    n += 1;
    let x = Math.imul(n ^ (n >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return ((x ^ (x >>> 16)) >>> 0) / 0x100000000;
  };
}
const han = (next: () => number) => String.fromCharCode(0x4e00 + Math.floor(next() * 20000));

/** n answers: a model answer with 2 characters changed in each (alike), or each in its own words (different). */
function cohort(kind: 'alike' | 'different', n: number): string[] {
  const next = sequence(kind === 'alike' ? 1 : 2);
  const write = () => Array.from({ length: LENGTH }, () => han(next)).join('');
  if (kind === 'different') return Array.from({ length: n }, write);
  const model = [...write()];
  return Array.from({ length: n }, () => {
    const copy = [...model];
    for (let i = 0; i < 2; i += 1) copy[Math.floor(next() * LENGTH)] = han(next);
    return copy.join('');
  });
}

interface Question {
  paperId: string;
  versionId: string;
  questionId: string;
}

/** The answer's rows as intake writes them (script, answer); returns the answer's id. */
async function arrive(manager: EntityManager, question: Question, attemptId: string, text: string): Promise<string> {
  await manager.query(
    `INSERT INTO grading_scripts (attempt_id, paper_id, paper_version_id, anonymous_code, open_answers) VALUES ($1, $2, $3, $4, 1)`,
    [attemptId, question.paperId, question.versionId, attemptId.slice(0, 9).toUpperCase()],
  );
  const [{ id }] = (await manager.query(
    `INSERT INTO grading_answers (attempt_id, paper_id, paper_version_id, question_id, position, answer_text, max_points) VALUES ($1, $2, $3, $4, 0, $5, 10) RETURNING id`,
    [attemptId, question.paperId, question.versionId, question.questionId, text],
  )) as { id: string }[];
  return id;
}

/**
 * The method the band index replaced (GradingIntakeService.flagSimilar before it): every earlier
 * answer's text read and MinHashed with the new one, every near-identical pair flagged on both attempts.
 */
async function oldFlagSimilar(manager: EntityManager, attemptId: string, paperId: string, questionId: string, text: string): Promise<void> {
  const others = (await manager.query(`SELECT attempt_id AS id, answer_text AS text FROM grading_answers WHERE paper_id = $1 AND question_id = $2 AND attempt_id <> $3`, [
    paperId,
    questionId,
    attemptId,
  ])) as { id: string; text: string }[];
  if (others.length === 0) return;
  const pairs = findNearDuplicates([{ id: attemptId, text }, ...others]).filter((pair) => pair.a === attemptId || pair.b === attemptId);
  if (pairs.length === 0) return;
  const flags = pairs.flatMap(({ a, b, similarity }) => [
    { attempt_id: a, other_attempt_id: b, similarity },
    { attempt_id: b, other_attempt_id: a, similarity },
  ]);
  await manager.query(
    `INSERT INTO similarity_flags (attempt_id, other_attempt_id, question_id, similarity)
     SELECT f.attempt_id, f.other_attempt_id, $1, f.similarity FROM jsonb_to_recordset($2::jsonb) AS f(attempt_id uuid, other_attempt_id uuid, similarity numeric)
     ON CONFLICT DO NOTHING`,
    [questionId, JSON.stringify(flags)],
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
};

interface Row {
  n: number;
  cohort: 'alike' | 'different';
  /** Median ms per arriving answer at size n. */
  indexMs: number;
  oldMs: number;
  bareMs: number;
  /** The whole wave of n answers through the index, seconds. */
  indexWaveSeconds: number;
  /** The index's work for the last arrival. */
  indexWork: SimilarityWork;
  /** Flag rows written for the question: through the index (the whole wave), by the old method (its arrivals only). */
  indexFlags: number;
  oldFlagsPerArrival: number;
  loadAverage: number[];
}

runBenchmark(async () => {
  const { config } = benchEnvironment('assay-bench-similarity', 5, DATABASE);
  await recreateDatabase(config);
  const owner = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await owner.connect();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createAdapter(config), { logger: false });
  await configureApi(app);
  await app.init();
  try {
    const [{ conname }] = (await owner.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'grading_scripts'::regclass AND confrelid = 'attempts'::regclass`)).rows as {
      conname: string;
    }[];
    await owner.query(`ALTER TABLE grading_scripts DROP CONSTRAINT ${conname}`);
    const signedUp = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { companyName: 'Bench similarity', slug: 'bench-similarity', adminName: 'Admin', email: 'admin@bench-similarity.test', password: 'bench-password-123' },
    });
    const tenantId = signedUp.json().tenant.id as string;
    const tx = app.get(TenantTransaction);
    const similarity = new GradingSimilarity();
    const about = await machine(config);
    const newQuestion = (): Question => ({ paperId: randomUUID(), versionId: randomUUID(), questionId: randomUUID() });
    const flagCount = async (question: Question) =>
      ((await owner.query('SELECT count(*)::int AS n FROM similarity_flags WHERE question_id = $1', [question.questionId])).rows[0] as { n: number }).n;

    const rows: Row[] = [];
    for (const n of SIZES) {
      for (const kind of ['alike', 'different'] as const) {
        const texts = cohort(kind, n);
        console.log(`n = ${n}, ${kind}: index (the whole wave)...`);
        const indexed = newQuestion();
        const indexMs: number[] = [];
        let indexWork: SimilarityWork = { read: 0, compared: 0, flagged: 0 };
        const waveStarted = performance.now();
        for (const [i, text] of texts.entries()) {
          const started = performance.now();
          indexWork = await tx.runAs(tenantId, async (manager) => {
            const attemptId = randomUUID();
            const id = await arrive(manager, indexed, attemptId, text);
            return similarity.flag(manager, { id, attemptId, paperId: indexed.paperId, questionId: indexed.questionId, text });
          });
          if (i >= n - ARRIVALS) indexMs.push(performance.now() - started);
        }
        const indexWaveSeconds = Math.round((performance.now() - waveStarted) / 100) / 10;

        console.log(`n = ${n}, ${kind}: old method (${OLD_ARRIVALS} arrivals)...`);
        const old = newQuestion();
        await tx.runAs(tenantId, async (manager) => {
          for (const text of texts.slice(0, n - OLD_ARRIVALS)) await arrive(manager, old, randomUUID(), text);
        });
        await owner.query('ANALYZE grading_answers');
        const oldMs: number[] = [];
        for (const text of texts.slice(n - OLD_ARRIVALS)) {
          const started = performance.now();
          await tx.runAs(tenantId, async (manager) => {
            const attemptId = randomUUID();
            await arrive(manager, old, attemptId, text);
            await oldFlagSimilar(manager, attemptId, old.paperId, old.questionId, text);
          });
          oldMs.push(performance.now() - started);
        }

        const bare = newQuestion();
        const bareMs: number[] = [];
        for (const text of texts.slice(n - ARRIVALS)) {
          const started = performance.now();
          await tx.runAs(tenantId, (manager) => arrive(manager, bare, randomUUID(), text));
          bareMs.push(performance.now() - started);
        }
        const row: Row = {
          n,
          cohort: kind,
          indexMs: median(indexMs),
          oldMs: median(oldMs),
          bareMs: median(bareMs),
          indexWaveSeconds,
          indexWork,
          indexFlags: await flagCount(indexed),
          oldFlagsPerArrival: Math.round((await flagCount(old)) / OLD_ARRIVALS),
          loadAverage: loadAverage(),
        };
        console.log(`  ${JSON.stringify(row)}`);
        rows.push(row);
      }
    }

    console.log('\n| n | cohort | index ms/answer | old ms/answer | bare ms/answer | old / index | index: whole wave s | index: read / compared / flagged (last) | flag rows: index wave / old per arrival | load |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(
        `| ${r.n} | ${r.cohort} | ${r.indexMs} | ${r.oldMs} | ${r.bareMs} | ${Math.round((r.oldMs / r.indexMs) * 10) / 10} | ${r.indexWaveSeconds} | ${r.indexWork.read} / ${r.indexWork.compared} / ${r.indexWork.flagged} | ${r.indexFlags} / ${r.oldFlagsPerArrival} | ${r.loadAverage[0]} |`,
      );
    }
    const result = { benchmark: 'similarity', date: new Date().toISOString(), machine: about, loadAverageAtEnd: loadAverage(), arrivals: ARRIVALS, oldArrivals: OLD_ARRIVALS, answerLength: LENGTH, results: rows };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const file = join(ROOT, `bench/results/similarity-${new Date().toISOString().slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nWrote ${file}`);
  } finally {
    await app.close();
    await owner.end();
  }
});
