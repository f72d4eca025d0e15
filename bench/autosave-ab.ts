/**
 * Node CPU per autosave of two builds of the API side by side, and of the bare same-SQL server
 * (bench/bare-autosave-server.ts), measured interleaved: on a shared machine the throughput of one
 * run against another mostly measures the neighbours, CPU per request of servers measured in
 * turns, minutes apart at most, much less (docs/performance.md, issue 16).
 *
 *   node -r @swc-node/register bench/autosave-ab.ts --a /work/main --b . --database <name>
 *        [--rounds 4] [--duration 10] [--rate 100] [--connections 100] [--attempts 200]
 *
 * `--a` and `--b` are checkouts whose `npm run build` is done (their dist/apps/api/src/main.js is
 * started). Uses the database bench/autosave.ts leaves behind (`--database`, as given to it;
 * required): gives `--attempts` of its running attempts new tokens (both APIs get the same
 * LINK_SECRET), then each round sends real saves (every seq above the stored one, so every save
 * writes) at a fixed `--rate` per second over `--connections` connections to A, B and the bare
 * server's two routes (same SQL, plain upsert), in an order rotated each round, and reads each
 * server's CPU time from /proc. A fixed rate, low enough for all of them to keep up, so that each
 * turn of their event loops carries about as many requests (CPU per request rises when a server gets
 * fewer per turn). Prints per round and the medians; writes nothing.
 */
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { attemptTokenKey, hashAttemptToken, newAttemptToken } from '@assay/attempts';
import { startBareAutosave } from './bare-autosave-server';
import { benchEnvironment, cpuDelta, freePort, loadAverage, option, postgresCpu, procCpuMs, runBenchmark, startChild, waitFor } from './support';

/** Required: this script rewrites attempts' tokens and deadlines, so it never picks a database by itself. */
const DB = option('database', '');
if (DB === '') throw new Error('--database <name> is required: a database bench/autosave.ts --database <name> left behind');
const ROUNDS = Number(option('rounds', '4'));
const DURATION = Number(option('duration', '10'));
const RATE = Number(option('rate', '100'));
const CONNECTIONS = Number(option('connections', '100'));
const ATTEMPTS = Number(option('attempts', '200'));
const BUILDS = { A: resolve(option('a', '.')), B: resolve(option('b', '.')) };

const { env, config } = benchEnvironment(`${DB.replace(/_/g, '-')}-ab`, 20, DB);
Object.assign(env, { LINK_RATE_LIMIT: '1000000' });

type Saver = { attemptId: string; token: string; questionIds: string[] };
type RequestShape = { method: string; path: string; headers: Record<string, string>; body: string };
const cannon = autocannon as unknown as (options: Record<string, unknown>) => Promise<autocannon.Result>;

/** Fresh tokens for some running attempts, sealed with this run's LINK_SECRET (the database keeps their hashes). */
async function savers(): Promise<Saver[]> {
  const owner = new Client({ connectionString: config.MIGRATION_DATABASE_URL });
  await owner.connect();
  try {
    const rows = (await owner.query<{ id: string; tenant_id: string; question_ids: string[] }>(`SELECT id, tenant_id, question_ids FROM attempts WHERE status = 'in_progress' LIMIT $1`, [ATTEMPTS])).rows;
    if (rows.length === 0) throw new Error(`no running attempt in ${DB}: run bench/autosave.ts --database ${DB} first`);
    const key = attemptTokenKey(config.LINK_SECRET);
    const result: Saver[] = [];
    for (const row of rows) {
      const token = newAttemptToken(row.tenant_id, key);
      await owner.query('UPDATE attempts SET token_hash = $2, deadline = greatest(deadline, now() + interval \'1 day\') WHERE id = $1', [row.id, hashAttemptToken(token)]);
      result.push({ attemptId: row.id, token, questionIds: row.question_ids });
    }
    return result;
  } finally {
    await owner.end();
  }
}

type Server = { name: string; url: string; pid: number; prefix: string };

async function startBuild(name: string, root: string): Promise<Server> {
  const port = await freePort(3300);
  const child = startChild(name, [resolve(root, 'dist/apps/api/src/main.js')], { ...env, PORT: String(port) });
  await waitFor(`http://127.0.0.1:${port}/api/health`, child);
  return { name, url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, prefix: '/api/v1' };
}

let seq = Date.now(); // above any seq the database holds: every save writes
function measure({ url, pid, prefix }: Server, attempts: Saver[]): Promise<{ rps: number; cpuUs: number; pgUs: number; non2xx: number }> {
  let cursor = 0;
  const setupRequest = (request: RequestShape) => {
    const saver = attempts[cursor++ % attempts.length];
    seq += 1;
    return {
      ...request,
      method: 'PUT',
      path: `${prefix}/attempts/${saver.attemptId}/answers/${saver.questionIds[seq % saver.questionIds.length]}`,
      headers: { 'content-type': 'application/json', 'x-attempt-token': saver.token, 'user-agent': 'bench' },
      body: JSON.stringify({ answer: { text: `回答 ${seq}:先安抚客户情绪,再核实问题,给出补发或退款方案。` }, seq }),
    };
  };
  const run = async () => {
    const cpu = procCpuMs(pid);
    const pg = postgresCpu();
    const result = await cannon({ url, connections: CONNECTIONS, duration: DURATION, overallRate: RATE, timeout: 10, requests: [{ setupRequest }] });
    const total = result['2xx'] + result.non2xx;
    return { rps: Math.round(total / DURATION), cpuUs: Math.round(((procCpuMs(pid) - cpu) / total) * 1000), pgUs: Math.round((cpuDelta(pg, postgresCpu()) / total) * 1000), non2xx: result.non2xx };
  };
  return run();
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

runBenchmark(async () => {
  const attempts = await savers();
  const servers = [await startBuild('A', BUILDS.A), await startBuild('B', BUILDS.B)];
  const bare = await startBareAutosave(env, 3320);
  // The bare server's two baselines: the same SQL, and the plain upsert (as the tables' owner, no RLS).
  const barePid = bare.child.pid ?? 0;
  servers.push({ name: 'bare', url: bare.url, pid: barePid, prefix: '' }, { name: 'plain', url: bare.url, pid: barePid, prefix: '/plain' });
  console.log(`A = ${BUILDS.A}, B = ${BUILDS.B}; ${RATE} saves/s offered, ${CONNECTIONS} connections, ${DURATION} s per measurement; load ${loadAverage().join(' ')}`);
  for (const server of servers) await measure(server, attempts); // warm-up
  const cpu: Record<string, number[]> = { A: [], B: [], bare: [], plain: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...servers.slice(round % servers.length), ...servers.slice(0, round % servers.length)];
    const line: string[] = [];
    for (const server of order) {
      const m = await measure(server, attempts);
      if (m.non2xx > 0) throw new Error(`${server.name}: ${m.non2xx} saves not 2xx`);
      cpu[server.name].push(m.cpuUs);
      line.push(`${server.name} ${m.cpuUs} µs (${m.rps}/s, postgres ${m.pgUs} µs)`);
    }
    console.log(`round ${round + 1}: ${line.join(', ')}; load ${loadAverage()[0]}`);
  }
  const [a, b, same, plain] = [median(cpu.A), median(cpu.B), median(cpu.bare), median(cpu.plain)];
  console.log(`median Node CPU µs/save: A ${a}, B ${b}, bare same SQL ${same}, bare plain upsert ${plain}; B/A ${(b / a).toFixed(2)}, A/same SQL ${(a / same).toFixed(2)}, B/same SQL ${(b / same).toFixed(2)}`);
});
