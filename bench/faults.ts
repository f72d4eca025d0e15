/**
 * The fault script under load (docs/performance.md, "Faults under load"): the scenario of
 * libs/testing/src/fault-run.ts at size, against the compiled API and worker.
 *
 *   node -r @swc-node/register bench/faults.ts [--candidates 500] [--late 0.2] [--graders 10] [--every 3000] [--between 500] [--no-build]
 *
 * It starts its own PostgreSQL cluster (initdb in a temporary directory, a free port) and its own
 * redis-server (AOF, noeviction, a free port), never the shared 5432/6379, then two API and two
 * worker processes (`dist/`), an SMTP and a webhook receiver in this process. `candidates` open
 * their emailed links and autosave one change every `every` ms through both APIs in turn; a share
 * `late` is on a one-minute paper and stops answering (the deadline submits them); the others
 * submit once the faults are over; `graders` claim and mark (double marking on the long paper).
 * After each `between` acknowledged saves: SIGKILL of API 2 (and a replacement), SIGKILL of worker 1
 * (and a replacement), Redis SHUTDOWN NOSAVE and start, PostgreSQL `pg_ctl restart -m immediate`.
 * Then it waits until everything settled and prints the counts (violations must all be 0) and the
 * candidates' retry figures, and writes bench/results/faults-<date>.json. Everything it started is
 * stopped and its directories removed, also on failure or Ctrl-C.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { FaultRun } from '@assay/testing';
import { build, loadAverage, option, ROOT, runBenchmark, startChild } from './support';

const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' } as const;

runBenchmark(async () => {
  if (!process.argv.includes('--no-build')) build();
  const candidates = Number(option('candidates', '500'));
  const run = new FaultRun({
    candidates,
    lateShare: Number(option('late', '0.2')),
    graders: Number(option('graders', '10')),
    changeEveryMs: Number(option('every', '3000')),
    savesBetweenFaults: Number(option('between', String(candidates))),
    settleLimitMs: 30 * 60_000,
    spawn: (kind, env, name) => startChild(name, [ENTRY[kind]], env),
    log: (line) => console.log(line),
  });
  const onSignal = () => void run.close();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const loadAtStart = loadAverage();
  try {
    const figures = await run.run();
    const result = {
      date: new Date().toISOString(),
      machine: { cpuModel: os.cpus()[0]?.model, cpuCount: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAtStart, loadAtEnd: loadAverage() },
      ...figures,
    };
    console.log(JSON.stringify(result, null, 2));
    const violations = Object.entries(figures.violations).filter(([, n]) => n !== 0);
    console.log(violations.length === 0 ? 'All violation counts are 0.' : `VIOLATIONS: ${violations.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `faults-${result.date.slice(0, 10)}.json`), `${JSON.stringify(result, null, 2)}\n`);
    if (violations.length > 0) process.exitCode = 1;
  } finally {
    await run.close();
  }
});
