/**
 * Where the autosave's database time goes, without HTTP: PostgreSQL backend CPU per save (user +
 * system time of the backend process, read from /proc) for the plain upsert of the bare baseline and
 * for the API's `attempt_save`, each on its own connection, one save at a time, alternating rounds.
 * CPU time rather than throughput, because on a shared machine throughput mostly measures the
 * neighbours; CPU per statement moves much less with them.
 *
 *   node -r @swc-node/register bench/autosave-sql-cpu.ts [--saves 2000] [--rounds 2] [--database assay_bench_autosave]
 *
 * Runs against the database bench/autosave.ts leaves behind (`assay_bench_autosave` or its `--database`, its 1,000
 * started attempts), writing answers with seqs above any of that run's. PostgreSQL must run on this
 * machine (the backend's /proc entry is read).
 */
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { databaseUrlWithName, loadConfig } from '@assay/core';
import { SAVE_ANSWERS } from '@assay/attempts';
import { option } from './support';
import { PLAIN_UPSERT } from './bare-autosave-server';

const SAVES = Number(option('saves', '2000'));
const ROUNDS = Number(option('rounds', '2'));
const DB = option('database', 'assay_bench_autosave');
/**
 * Each statement as a prepared (named) statement, parsed and planned once per connection, and
 * unnamed, parsed and planned on every call as pg sends a query without `name` (what the API did
 * until issue 16; the plain upsert of the bare baseline still does).
 */
const PREPARED = [true, false];
const ANSWER = { text: '回答:先安抚客户情绪,再核实问题,给出补发或退款方案。' };

type Attempt = { tenant_id: string; id: string; token_hash: string; question_ids: string[]; last_ip: string | null; last_user_agent: string | null };

/** CPU milliseconds (user + system) of a local process. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

type Statement = { url: (config: ReturnType<typeof loadConfig>) => string; query: (a: Attempt, question: string, seq: number) => { text: string; values: unknown[] } };

const statements: Record<string, Statement> = {
  'plain upsert (owner, no RLS)': {
    url: (config: ReturnType<typeof loadConfig>) => config.MIGRATION_DATABASE_URL,
    query: (a: Attempt, question: string, seq: number) => ({ text: PLAIN_UPSERT, values: [a.tenant_id, a.id, question, JSON.stringify(ANSWER), seq] }),
  },
  'attempt_save (app role, RLS)': {
    url: (config: ReturnType<typeof loadConfig>) => config.DATABASE_URL,
    query: (a: Attempt, question: string, seq: number) => ({
      text: SAVE_ANSWERS.text,
      values: [a.tenant_id, a.id, a.token_hash, JSON.stringify([{ questionId: question, answer: ANSWER, seq }]), a.last_ip, a.last_user_agent],
    }),
  },
};

async function main(): Promise<void> {
  const base = loadConfig();
  const config = { ...base, DATABASE_URL: databaseUrlWithName(base.DATABASE_URL, DB), MIGRATION_DATABASE_URL: databaseUrlWithName(base.MIGRATION_DATABASE_URL, DB) };
  const owner = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await owner.connect();
  const attempts = (await owner.query<Attempt>(`SELECT tenant_id, id, token_hash, question_ids, last_ip, last_user_agent FROM attempts WHERE status = 'in_progress'`)).rows;
  let seq = Number((await owner.query<{ max: string | null }>('SELECT max(seq) AS max FROM responses')).rows[0].max ?? 0) + 1_000_000;
  await owner.end();
  if (attempts.length === 0) throw new Error(`no running attempt in ${DB}: run bench/autosave.ts first`);

  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, statement] of Object.entries(statements).flatMap(([name, statement]) => PREPARED.map((prepared) => [`${name}, ${prepared ? 'prepared' : 'unnamed'}`, { ...statement, prepared }] as const))) {
      const client = new Client({ connectionString: statement.url(config) });
      await client.connect();
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const save = (i: number) => {
        const attempt = attempts[Math.floor(Math.random() * attempts.length)];
        const query = statement.query(attempt, attempt.question_ids[i % attempt.question_ids.length], ++seq);
        return client.query(statement.prepared ? { name: 'save', ...query } : query);
      };
      for (let i = 0; i < 50; i++) await save(i); // plans cached, caches warm
      const before = cpuMs(pid);
      const started = Date.now();
      for (let i = 0; i < SAVES; i++) await save(i);
      const cpu = cpuMs(pid) - before;
      console.log(`round ${round}, ${name}: backend CPU ${Math.round((cpu / SAVES) * 1000)} µs/save, wall ${Math.round(((Date.now() - started) / SAVES) * 1000)} µs/save`);
      await client.end();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
