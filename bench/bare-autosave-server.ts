/**
 * The baselines of bench/autosave.ts, bare Fastify + pg and nothing else (no Nest, no validation
 * pipe, no TypeORM, no request logging), same JSON response as the API's autosave
 * (`PUT /api/v1/attempts/:id/answers/:questionId`). Two routes, measured side by side:
 *
 * - `/attempts/:id/answers/:questionId`, **same SQL**: the database work of the API's save sent
 *   alone (the API shares one statement among saves that queue: group commit, docs/attempts.md),
 *   the autocommit statement SAVE_ANSWERS imported from the attempts library (the function
 *   `attempt_save`: tenant binding, token, status, deadline, seq order, submission lock), as the
 *   application role under row-level security.
 * - `/plain/attempts/:id/answers/:questionId`, **plain upsert**: one `INSERT ... ON CONFLICT DO
 *   UPDATE` of the answer, no function, no lock, no check of the attempt, no row-level security
 *   (it connects as the tables' owner, MIGRATION_DATABASE_URL). The floor of what a save can cost.
 *   It does not read the attempt, so it has no deadline to count down from: `secondsLeft` is null.
 *
 * Both take the tenant from the attempt token as the API does. Started as a child process by the
 * benchmark.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Fastify from 'fastify';
import { runBareServer, serveBare } from './bare-server';
import { freePort, startChild, waitFor } from './support';
import { Pool } from 'pg';
import { attemptTokenKey, hashAttemptToken, SAVE_ANSWERS, tenantOfAttemptToken } from '@assay/attempts';
import { loadConfig } from '@assay/core';

type SaveRequest = { Params: { id: string; questionId: string }; Body: { answer: unknown; seq: number }; Headers: Record<string, string | undefined> };

export const PLAIN_UPSERT = `
INSERT INTO responses (tenant_id, attempt_id, question_id, answer, seq) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (tenant_id, attempt_id, question_id) DO UPDATE SET answer = EXCLUDED.answer, seq = EXCLUDED.seq, saved_at = now()
RETURNING seq, saved_at`;

export async function startBareServer(databaseUrl: string, port: number, poolSize: number): Promise<() => Promise<void>> {
  const config = loadConfig();
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'assay-bench-bare-autosave' });
  const ownerPool = new Pool({ connectionString: config.MIGRATION_DATABASE_URL, max: poolSize, application_name: 'assay-bench-plain-upsert' });
  const app = Fastify({ logger: false });
  const tokenKey = attemptTokenKey(config.LINK_SECRET);
  const tenantOf = (token: string | undefined) => tenantOfAttemptToken(token, tokenKey);
  app.addHook('onClose', () => ownerPool.end());

  app.get('/health', async () => ({ status: 'ok' }));

  app.put<SaveRequest>('/attempts/:id/answers/:questionId', async (request, reply) => {
    const token = request.headers['x-attempt-token'];
    const tenantId = tenantOf(token);
    if (!tenantId || typeof request.body?.seq !== 'number') return reply.code(400).send({ title: 'bad request' });
    const agent = request.headers['user-agent'];
    const { rows } = await pool.query({
      ...SAVE_ANSWERS,
      values: [
        tenantId,
        request.params.id,
        hashAttemptToken(token as string),
        JSON.stringify([{ questionId: request.params.questionId, answer: request.body.answer, seq: request.body.seq }]),
        request.ip,
        typeof agent === 'string' ? agent.slice(0, 500) : null,
      ],
    });
    if (rows.length === 0) return reply.code(409).send({ code: 'attempt.refused' });
    const row = rows[0] as { deadline: Date; server_time: Date; items: { questionId: string; storedSeq: number }[] };
    const storedSeq = Number(row.items[0].storedSeq);
    return {
      questionId: request.params.questionId,
      status: storedSeq > request.body.seq ? 'superseded' : 'saved',
      storedSeq,
      seq: request.body.seq,
      serverTime: row.server_time.toISOString(),
      secondsLeft: Math.max(0, Math.ceil((row.deadline.getTime() - row.server_time.getTime()) / 1000)),
    };
  });

  app.put<SaveRequest>('/plain/attempts/:id/answers/:questionId', async (request, reply) => {
    const tenantId = tenantOf(request.headers['x-attempt-token']);
    if (!tenantId || typeof request.body?.seq !== 'number') return reply.code(400).send({ title: 'bad request' });
    const { rows } = await ownerPool.query(PLAIN_UPSERT, [tenantId, request.params.id, request.params.questionId, JSON.stringify(request.body.answer), request.body.seq]);
    const row = rows[0] as { seq: string; saved_at: Date };
    return {
      questionId: request.params.questionId,
      status: 'saved',
      storedSeq: Number(row.seq),
      seq: request.body.seq,
      serverTime: row.saved_at.toISOString(),
      secondsLeft: null,
    };
  });

  return serveBare(app, pool, port);
}

/**
 * Starts this server as a child process of a benchmark (its settings in `env`: database, pool size,
 * LINK_SECRET), on a free port from `preferredPort`, and waits until it answers.
 */
export async function startBareAutosave(env: Record<string, string>, preferredPort: number): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort(preferredPort);
  const url = `http://127.0.0.1:${port}`;
  // Run the way the benchmark runs (TypeScript through swc, or the build).
  const child = startChild('bare', [...process.execArgv, join(__dirname, 'bare-autosave-server' + (__filename.endsWith('.ts') ? '.ts' : '.js'))], { ...env, PORT: String(port) });
  await waitFor(`${url}/health`, child);
  return { url, child };
}

if (require.main === module) {
  runBareServer(startBareServer, { databaseUrl: 'postgres://assay_app:assay_app@127.0.0.1:5432/assay_bench_autosave', port: 3103 });
}
