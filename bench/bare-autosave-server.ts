/**
 * The baseline of bench/autosave.ts: bare Fastify + pg doing exactly the database work of the
 * API's autosave (`PUT /api/v1/attempts/:id/answers/:questionId`), and nothing else (no Nest, no
 * validation pipe, no TypeORM, no request logging). The same single round trip: the autocommit
 * statement SAVE_ANSWERS imported from the attempts library (the function `attempt_save`, which
 * binds the tenant and saves). Started as a child process by the benchmark.
 */
import Fastify from 'fastify';
import { runBareServer, serveBare } from './bare-server';
import { Pool } from 'pg';
import { attemptTokenKey, hashAttemptToken, SAVE_ANSWERS, tenantOfAttemptToken } from '@assay/attempts';
import { loadConfig } from '@assay/core';

export async function startBareServer(databaseUrl: string, port: number, poolSize: number): Promise<() => Promise<void>> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'assay-bench-bare-autosave' });
  const app = Fastify({ logger: false });
  const tokenKey = attemptTokenKey(loadConfig().LINK_SECRET);

  app.get('/health', async () => ({ status: 'ok' }));

  app.put<{ Params: { id: string; questionId: string }; Body: { answer: unknown; seq: number } }>('/attempts/:id/answers/:questionId', async (request, reply) => {
    const token = request.headers['x-attempt-token'];
    const tenantId = tenantOfAttemptToken(typeof token === 'string' ? token : undefined, tokenKey);
    if (!tenantId || typeof request.body?.seq !== 'number') return reply.code(400).send({ title: 'bad request' });
    const agent = request.headers['user-agent'];
    const { rows } = await pool.query(SAVE_ANSWERS, [
      tenantId,
      request.params.id,
      hashAttemptToken(token as string),
      JSON.stringify([{ questionId: request.params.questionId, answer: request.body.answer, seq: request.body.seq }]),
      request.ip,
      typeof agent === 'string' ? agent.slice(0, 500) : null,
    ]);
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

  return serveBare(app, pool, port);
}

if (require.main === module) {
  runBareServer(startBareServer, { databaseUrl: 'postgres://assay_app:assay_app@127.0.0.1:5432/assay_bench_autosave', port: 3103 });
}
