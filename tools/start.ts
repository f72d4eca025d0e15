import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '@assay/core';
import { migrate } from './db';
import { DEMO, seedDemo } from './demo-seed';

/**
 * `npm start`: roles and database if missing, migrations, the demo company, then the API and the
 * worker as child processes. Ctrl-C (or SIGTERM) stops both gracefully.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await migrate();
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Database schema is up to date.');
  const demo = await seedDemo(config.DATABASE_URL);

  const children: ChildProcess[] = [];
  const run = (name: string, script: string) => {
    const child = spawn(process.execPath, [join(__dirname, '..', script)], { stdio: 'inherit', env: process.env });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${name} exited (${signal ?? code}); stopping.`);
        stop(code ?? 1);
      }
    });
    children.push(child);
  };
  let stopping = false;
  const stop = (code = 0) => {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 10_000).unref();
    Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.on('exit', resolve))))).then(() =>
      process.exit(code),
    );
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  run('api', 'apps/api/src/main.js');
  run('worker', 'apps/worker/src/main.js');

  const base = `http://localhost:${config.PORT}`;
  console.log(
    [
      '',
      `Assay is starting on ${base}`,
      `  API:     ${base}/api/v1`,
      `  Docs:    ${base}/api/docs`,
      `  Health:  ${base}/api/health`,
      `Demo company "${DEMO.slug}" (${demo === 'created' ? 'just created' : 'already there'}):`,
      `  admin     ${DEMO.adminEmail} / ${DEMO.adminPassword}`,
      ...DEMO.staff.map((s) => `  ${s.roles[0].padEnd(9)} ${s.email} / ${DEMO.adminPassword}`),
      `  curl -s -X POST ${base}/api/v1/auth/login -H 'content-type: application/json' \\`,
      `       -d '{"email":"${DEMO.adminEmail}","password":"${DEMO.adminPassword}"}'`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
