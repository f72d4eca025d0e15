import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@assay/core';
import { linkToken } from '@assay/invitations';
import { migrate } from './db';
import { requireServices } from './prerequisites';
import { DEMO, seedDemo } from './demo-seed';
import { DEMO_PAPER } from './demo-paper';

/**
 * `npm start`: roles and database if missing, migrations, the demo company, then the API and the
 * worker as child processes. Ctrl-C (or SIGTERM) stops both gracefully.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  await requireServices(config);
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
  const candidateLink = demo === 'created' ? await seedDemoPaper(config).catch((error: Error) => `(demo paper not loaded: ${error.message})`) : null;
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
      ...(candidateLink ? [`Demo paper "${DEMO_PAPER.title}" published; a demo candidate's personal link:`, `  ${candidateLink}`] : []),
      `Emails go to ${config.SMTP_URL}; run a local SMTP catcher there to read them.`,
      '',
    ].join('\n'),
  );
}

/**
 * Through the API, as a recruiter would: a job role, the demo paper imported and published, and
 * one invited demo candidate, whose personal link is returned so the candidate side can be tried.
 */
async function seedDemoPaper(config: AppConfig): Promise<string> {
  const api = `http://127.0.0.1:${config.PORT}/api`;
  for (let i = 0; i < 120 && !(await fetch(`${api}/health`).then((r) => r.ok).catch(() => false)); i += 1) {
    await new Promise((r) => setTimeout(r, 500));
  }
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${api}/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, any>;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${json.detail ?? ''}`);
    return json;
  };
  const { accessToken } = await post('/auth/login', { email: DEMO.adminEmail, password: DEMO.adminPassword });
  const role = await post('/job-roles', { name: '电商客服专员', description: '演示岗位' }, accessToken);
  const paper = await post('/papers/import', { jobRoleId: role.id, paper: DEMO_PAPER }, accessToken);
  await post(`/papers/${paper.id}/publish`, {}, accessToken);
  const invitation = await post(
    '/invitations',
    {
      paperId: paper.id,
      candidate: { name: '演示候选人', email: 'candidate@demo.assay.local' },
      closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
    accessToken,
  );
  return `${config.PUBLIC_URL}/t/${linkToken(config.LINK_SECRET, invitation.id, 1)}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
