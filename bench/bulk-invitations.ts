/**
 * Bulk invitations: one upload of 10,000 CSV rows, 3 % of them bad, to
 * `POST /api/v1/papers/:paperId/invitations/bulk` of the real, compiled API; then the same file again
 * (nothing new is created); and a 10-row upload for scale.
 *
 *   node -r @swc-node/register bench/bulk-invitations.ts [--runs 5] [--no-build] [--no-breakdown]
 *
 * By itself it: builds (npm run build), recreates and migrates the database `assay_bench`, starts the
 * compiled API on a free port (3100 if free) with the Redis prefix `assay-bench-bulk`, and for each run
 * signs up a fresh tenant and creates a published paper through the API (the calls of
 * libs/testing/src/fixtures.ts, as apps/api/test/fixtures.ts), uploads the 10,000-row file (the shape of apps/api/test/invitations-bulk.spec.ts),
 * uploads it again, then uploads it to a second new paper of the same tenant (candidates known
 * already); then 10-row uploads. Every response is checked (9,700 created, the 300 bad rows reported
 * by number; 0 created, 9,700 skipped the second time) and so is the number of email jobs queued.
 * No worker runs: the emails stay queued, and the queue of the bench prefix is emptied at the end.
 * A last, separate run samples pg_stat_activity to split one upload's time into before the
 * transaction / each SQL statement / after the commit (not part of the measured figures).
 * Writes bench/results/bulk-invitations-<date>.json, stops the process it started.
 * Only 127.0.0.1 is ever contacted. See docs/performance.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { JOB_QUEUE, JobName, redisOptions } from '@assay/core';
import { readInvitationRows } from '@assay/invitations';
import { multipart, publishedPaperVia } from '@assay/testing';
import {
  BENCH_DB,
  benchEnvironment,
  build,
  call,
  cpuDelta,
  loadAverage,
  machine,
  option,
  postgresCpu,
  procCpuMs,
  processesCpu,
  recreateDatabase,
  ROOT,
  runBenchmark,
  signup,
  startApi,
} from './support';

const ROWS = 10_000;
const RUNS = Number(option('runs', '5'));
const BUILD = !process.argv.includes('--no-build');
const BREAKDOWN = !process.argv.includes('--no-breakdown');
const REDIS_PREFIX = 'assay-bench-bulk';

const { env: benchEnv, config } = benchEnvironment(REDIS_PREFIX, 20);

// ---------------------------------------------------------------------------------------------
// The file: the shape of apps/api/test/invitations-bulk.spec.ts

/** `rows` rows; of every 100, one without a name, one with a broken email, one repeating an earlier email. */
function candidateCsv(rows: number, emailTag = ''): { csv: Buffer; badRows: number[] } {
  const lines = ['姓名,邮箱,手机,外部编号'];
  const badRows: number[] = [];
  for (let i = 0; i < rows; i += 1) {
    const row = i + 2;
    if (i % 100 === 10) {
      lines.push(`,nameless${i}${emailTag}@example.com,,`);
      badRows.push(row);
    } else if (i % 100 === 50) {
      lines.push(`候选人${i},not-an-email-${i},,`);
      badRows.push(row);
    } else if (i % 100 === 90) {
      lines.push(`重复${i},candidate${i - 1}${emailTag}@example.com,,`);
      badRows.push(row);
    } else {
      lines.push(`候选人${i},Candidate${i}${emailTag}@Example.com,1380000${String(i).padStart(4, '0')},ATS-${i}`);
    }
  }
  return { csv: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`), badRows };
}

// ---------------------------------------------------------------------------------------------
// Fixtures through the API: the published paper of apps/api/test/fixtures.ts, over HTTP

async function publishedPaper(api: string, token: string): Promise<string> {
  const fixture = await publishedPaperVia((url, body) => call(`${api}/api/v1${url}`, { method: 'POST', token, body }));
  return fixture.paperId;
}

// ---------------------------------------------------------------------------------------------
// One upload, measured and checked

interface BulkResult {
  total: number;
  created: number;
  skipped: number;
  errors: { row: number; field: string; reason: string }[];
}

interface Upload {
  kind: string;
  run: number;
  rows: number;
  wallMs: number;
  rowsPerSecond: number;
  apiCpuMs: number;
  postgresCpuMs: number;
  redisCpuMs: number;
  jobsQueued: number;
  response: { total: number; created: number; skipped: number; errorRows: number };
  loadAverage1m: number;
}

interface Expected {
  total: number;
  created: number;
  skipped: number;
  badRows: number[];
}

let mailQueue: Queue;

async function queuedJobs(): Promise<number> {
  const counts = await mailQueue.getJobCounts('wait', 'paused', 'delayed', 'prioritized', 'active', 'completed', 'failed');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

async function upload(api: string, token: string, paperId: string, file: Buffer, kind: string, run: number, rows: number, expected: Expected, apiPid: number): Promise<Upload> {
  const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const { payload, headers } = multipart([
    { name: 'closesAt', value: closesAt },
    { name: 'file', filename: 'candidates.csv', content: file, contentType: 'text/csv' },
  ]);
  const jobsBefore = await queuedJobs();
  const apiBefore = procCpuMs(apiPid);
  const pgBefore = postgresCpu();
  const redisBefore = processesCpu('redis-server');
  const start = performance.now();
  const response = await call<BulkResult>(`${api}/api/v1/papers/${paperId}/invitations/bulk`, {
    method: 'POST',
    token,
    payload,
    headers,
  });
  const wallMs = performance.now() - start;
  const apiCpuMs = procCpuMs(apiPid) - apiBefore;
  const postgresCpuMs = cpuDelta(pgBefore, postgresCpu());
  const redisCpuMs = cpuDelta(redisBefore, processesCpu('redis-server'));
  const jobsQueued = (await queuedJobs()) - jobsBefore;

  // Correctness before speed.
  const body = response.body;
  const problems: string[] = [];
  if (response.status !== 200) problems.push(`status ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  else {
    for (const key of ['total', 'created', 'skipped'] as const) if (body[key] !== expected[key]) problems.push(`${key} ${body[key]}, expected ${expected[key]}`);
    const errorRows = [...new Set(body.errors.map((e) => e.row))];
    if (errorRows.join() !== expected.badRows.join()) problems.push(`error rows ${errorRows.length} (first ${errorRows.slice(0, 5)}), expected ${expected.badRows.length}`);
    if (jobsQueued !== expected.created) problems.push(`${jobsQueued} email jobs queued, expected ${expected.created}`);
  }
  if (problems.length > 0) throw new Error(`${kind} run ${run}: wrong response: ${problems.join('; ')}`);

  const result: Upload = {
    kind,
    run,
    rows,
    wallMs: Math.round(wallMs * 10) / 10,
    rowsPerSecond: Math.round(rows / (wallMs / 1000)),
    apiCpuMs,
    postgresCpuMs,
    redisCpuMs,
    jobsQueued,
    response: { total: body.total, created: body.created, skipped: body.skipped, errorRows: new Set(body.errors.map((e) => e.row)).size },
    loadAverage1m: loadAverage()[0],
  };
  console.log(
    `  ${kind} #${run}: ${result.wallMs} ms (${result.rowsPerSecond} rows/s), created ${body.created}, skipped ${body.skipped}, ` +
      `${result.response.errorRows} bad rows, ${jobsQueued} jobs; CPU api ${apiCpuMs} / postgres ${postgresCpuMs} / redis ${redisCpuMs} ms`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
// Breakdown of one upload: pg_stat_activity sampled every few ms from a separate connection.

interface Statement {
  pid: number;
  query: string;
  startMs: number;
  endMs: number | null;
}

async function sampledUpload(run: () => Promise<unknown>): Promise<{ sentAt: number; answeredAt: number; statements: Statement[] }> {
  const sampler = new Client({ connectionString: config.DATABASE_ADMIN_URL, application_name: 'assay-bench-sampler' });
  await sampler.connect();
  const seen = new Map<string, { pid: number; query: string; startMs: number; endMs: number | null }>();
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      const { rows } = await sampler.query<{ pid: number; state: string; qs: number; sc: number; q: string }>(
        `SELECT pid, state, extract(epoch FROM query_start) * 1000 AS qs, extract(epoch FROM state_change) * 1000 AS sc,
                left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS q
           FROM pg_stat_activity
          WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND query_start IS NOT NULL`,
        [BENCH_DB],
      );
      for (const r of rows) {
        const key = `${r.pid}/${r.qs}`;
        const entry = seen.get(key) ?? { pid: r.pid, query: r.q, startMs: Number(r.qs), endMs: null };
        if (r.state !== 'active') entry.endMs = Number(r.sc);
        seen.set(key, entry);
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const sentAt = Date.now();
  await run();
  const answeredAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 50));
  sampling = false;
  await loop;
  await sampler.end();
  const statements = [...seen.values()].filter((s) => s.startMs >= sentAt - 1 && s.startMs <= answeredAt).sort((a, b) => a.startMs - b.startMs);
  // A statement seen only while active ends where the next statement on the same connection starts.
  for (const [i, s] of statements.entries()) {
    if (s.endMs !== null && s.endMs >= s.startMs) continue;
    const next = statements.slice(i + 1).find((n) => n.pid === s.pid);
    s.endMs = next ? next.startMs : null;
  }
  return { sentAt, answeredAt, statements };
}

function phases(sample: { sentAt: number; answeredAt: number; statements: Statement[] }): Record<string, number> {
  const round = (ms: number) => Math.round(ms);
  const label = (q: string) =>
    /INSERT INTO candidates/i.test(q)
      ? 'sql: INSERT candidates (unnest, ON CONFLICT DO UPDATE)'
      : /INSERT INTO invitations/i.test(q)
        ? 'sql: INSERT invitations (unnest, ON CONFLICT DO NOTHING)'
        : /INSERT INTO outbox_messages/i.test(q)
          ? 'sql: INSERT outbox_messages (unnest)'
          : /^COMMIT/i.test(q)
            ? 'sql: COMMIT'
            : 'sql: other (BEGIN, set_config, paper lookup)';
  // The upload's transaction: the connection that ran the candidates INSERT.
  const main = sample.statements.find((s) => /INSERT INTO candidates/i.test(s.query));
  const mine = main ? sample.statements.filter((s) => s.pid === main.pid) : [];
  const out: Record<string, number> = {};
  if (mine.length === 0) return { 'total (no statement sampled)': round(sample.answeredAt - sample.sentAt) };
  const firstStart = mine[0].startMs;
  const lastEnd = Math.max(...mine.map((s) => s.endMs ?? s.startMs));
  out['before the transaction (upload, multipart, auth, CSV parse + validation)'] = round(firstStart - sample.sentAt);
  for (const s of mine) out[label(s.query)] = (out[label(s.query)] ?? 0) + ((s.endMs ?? s.startMs) - s.startMs);
  const inStatements = mine.reduce((sum, s) => sum + ((s.endMs ?? s.startMs) - s.startMs), 0);
  out['in the transaction, between statements (Node: arrays, link-token HMACs, result maps)'] = lastEnd - firstStart - inStatements;
  for (const k of Object.keys(out)) out[k] = round(out[k]);
  out['after the commit (addBulk of the email jobs, response)'] = round(sample.answeredAt - lastEnd);
  out.total = round(sample.answeredAt - sample.sentAt);
  return out;
}

// ---------------------------------------------------------------------------------------------

function stats(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: Math.round(sorted[0]), median: Math.round(median), max: Math.round(sorted[sorted.length - 1]) };
}

const KINDS: { kind: string; label: string }[] = [
  { kind: 'first', label: '10,000 rows, first upload (new tenant: 9,700 candidates + invitations created)' },
  { kind: 'second', label: '10,000 rows, same file again (0 created, 9,700 skipped)' },
  { kind: 'known-candidates', label: '10,000 rows to a second new paper (candidates exist: upserted; 9,700 invitations created)' },
  { kind: 'small', label: '10 rows, first upload' },
];

function table(uploads: Upload[]): string {
  const lines = [
    '| upload | runs | wall ms min / median / max | rows/s (median) | API CPU ms | postgres CPU ms | redis CPU ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { kind, label } of KINDS) {
    const of = uploads.filter((u) => u.kind === kind);
    if (of.length === 0) continue;
    const wall = stats(of.map((u) => u.wallMs));
    const med = (f: (u: Upload) => number) => stats(of.map(f)).median;
    lines.push(
      `| ${label} | ${of.length} | ${wall.min} / **${wall.median}** / ${wall.max} | ${Math.round(of[0].rows / (wall.median / 1000))} | ${med((u) => u.apiCpuMs)} | ${med((u) => u.postgresCpuMs)} | ${med((u) => u.redisCpuMs)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const startedAt = new Date();
  if (BUILD) build();
  await recreateDatabase(config);
  mailQueue = new Queue(JOB_QUEUE[JobName.SendOutboxMessage], { connection: redisOptions(config.REDIS_URL), prefix: REDIS_PREFIX });
  await mailQueue.obliterate({ force: true }); // leftovers of an earlier run of this benchmark only

  const { url: api, child } = await startApi(benchEnv);
  const apiPid = child.pid as number;
  const info = await machine(config);
  console.log('Machine:', JSON.stringify(info));

  const big = candidateCsv(ROWS);
  const parseMs: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const parsed = await readInvitationRows(big.csv, 'csv');
    if (i > 0) parseMs.push(performance.now() - t); // the first one warms up
    if (parsed.rows.length !== ROWS - big.badRows.length) throw new Error(`readInvitationRows: ${parsed.rows.length} rows`);
  }
  const parse = stats(parseMs);
  console.log(`readInvitationRows (CSV parse + validation, in this process): ${JSON.stringify(parse)} ms`);

  const good = ROWS - big.badRows.length;
  const uploads: Upload[] = [];
  // A warm-up upload (not measured): the API's first multipart request, JIT, pg statement caches.
  {
    const { token } = await signup(api, 'bulk-warmup');
    const paperId = await publishedPaper(api, token);
    await upload(api, token, paperId, big.csv, 'warm-up', 0, ROWS, { total: ROWS, created: good, skipped: 0, badRows: big.badRows }, apiPid);
  }
  for (let run = 1; run <= RUNS; run++) {
    const { token } = await signup(api, `bulk-${run}`);
    const paperId = await publishedPaper(api, token);
    uploads.push(await upload(api, token, paperId, big.csv, 'first', run, ROWS, { total: ROWS, created: good, skipped: 0, badRows: big.badRows }, apiPid));
    uploads.push(await upload(api, token, paperId, big.csv, 'second', run, ROWS, { total: ROWS, created: 0, skipped: good, badRows: big.badRows }, apiPid));
    const secondPaper = await publishedPaper(api, token);
    uploads.push(
      await upload(api, token, secondPaper, big.csv, 'known-candidates', run, ROWS, { total: ROWS, created: good, skipped: 0, badRows: big.badRows }, apiPid),
    );
  }
  {
    const { token } = await signup(api, 'bulk-small');
    for (let run = 1; run <= RUNS; run++) {
      const paperId = await publishedPaper(api, token);
      const small = candidateCsv(10, `-small${run}`);
      uploads.push(await upload(api, token, paperId, small.csv, 'small', run, 10, { total: 10, created: 10, skipped: 0, badRows: [] }, apiPid));
    }
  }

  let breakdown: Record<string, Record<string, number>> | undefined;
  if (BREAKDOWN) {
    console.log('Breakdown (separate, sampled run; not part of the figures above)...');
    const { token } = await signup(api, 'bulk-breakdown');
    const paperId = await publishedPaper(api, token);
    const first = await sampledUpload(() =>
      upload(api, token, paperId, big.csv, 'breakdown-first', 1, ROWS, { total: ROWS, created: good, skipped: 0, badRows: big.badRows }, apiPid),
    );
    const second = await sampledUpload(() =>
      upload(api, token, paperId, big.csv, 'breakdown-second', 1, ROWS, { total: ROWS, created: 0, skipped: good, badRows: big.badRows }, apiPid),
    );
    breakdown = { first: phases(first), second: phases(second) };
    console.log(JSON.stringify(breakdown, null, 2));
  }

  const markdown = table(uploads);
  console.log(`\n${markdown}\n`);
  const date = startedAt.toISOString().slice(0, 10);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const summary = {
    benchmark: 'bulk-invitations',
    startedAt: startedAt.toISOString(),
    command: 'node -r @swc-node/register bench/bulk-invitations.ts ' + process.argv.slice(2).join(' '),
    settings: { rows: ROWS, badRows: big.badRows.length, runs: RUNS, fileBytes: big.csv.length, poolSize: 20, redisPrefix: REDIS_PREFIX, worker: 'none (emails stay queued)' },
    machine: { ...info, loadAverageAtEnd: loadAverage() },
    readInvitationRowsMs: parse,
    summary: Object.fromEntries(
      KINDS.map(({ kind }) => {
        const of = uploads.filter((u) => u.kind === kind);
        return [kind, { wallMs: stats(of.map((u) => u.wallMs)), apiCpuMs: stats(of.map((u) => u.apiCpuMs)), postgresCpuMs: stats(of.map((u) => u.postgresCpuMs)) }];
      }),
    ),
    uploads,
    ...(breakdown ? { breakdownMs: breakdown } : {}),
    markdown,
  };
  writeFileSync(join(dir, `bulk-invitations-${date}.json`), JSON.stringify(summary, null, 2) + '\n');
  console.log(`Wrote bench/results/bulk-invitations-${date}.json`);
  await mailQueue.obliterate({ force: true }); // the queued emails of this run: no worker will send them
  await mailQueue.close();
}

runBenchmark(main);
