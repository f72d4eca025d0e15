import { createHash } from 'node:crypto';
import type { Pool, QueryConfig } from 'pg';
import { DataSource } from 'typeorm';
import { AttemptsService } from '@assay/attempts';
import { driverPool } from '@assay/core';
import { connectAsApp, connectAsOwner, until } from '@assay/testing';
import { Candidate, invitation, objectivePaper, pastDeadline, type ObjectivePaper } from './attempts-fixtures';
import { TestApi, type SignedUpTenant } from './test-api';

/**
 * Group commit (libs/attempts/src/save-batches.ts): saves that arrive together go in one
 * attempt_save_batch statement per tenant, and each keeps what it would get alone: its own
 * outcome, the seq order, the tenant's row-level security, the submission lock.
 */
describe('attempts: saves committed together', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let paper: ObjectivePaper;
  let paperB: ObjectivePaper;
  let attempts: AttemptsService;
  let pool: Pool;

  beforeAll(async () => {
    api = await TestApi.start({ LINK_RATE_LIMIT: '100000' });
    [a, b] = [await api.signup(), await api.signup()];
    [paper, paperB] = [await objectivePaper(api, a, { timerGraceSeconds: 0 }), await objectivePaper(api, b)];
    attempts = api.app.get(AttemptsService);
    pool = driverPool(api.app.get(DataSource));
  });
  afterAll(async () => {
    await api.close();
  });

  const start = async (on: ObjectivePaper, tenant: SignedUpTenant) => (await Candidate.start(api, (await invitation(api, tenant, on.paperId)).linkToken)).candidate;
  const client = { ip: '10.1.1.1', userAgent: 'group-commit' };
  /** Saves through the service, all in this turn of the event loop; each settles with its outcome or its error's code. */
  const saveTogether = (saves: [Candidate, string, unknown, number][]) =>
    Promise.all(
      saves.map(([candidate, questionId, answer, seq]) =>
        attempts.save(candidate.attemptId, candidate.token, [{ questionId, answer, seq }], client).then(
          (saved) => saved.items[0],
          (error: { code?: string }) => error.code,
        ),
      ),
    );
  /** The save statements the API sends while `work` runs, by prepared statement name. */
  async function statementsDuring<T>(work: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
    const sent: string[] = [];
    const query = pool.query.bind(pool) as (config: QueryConfig) => Promise<unknown>;
    const spy = jest.spyOn(pool, 'query').mockImplementation(((config: QueryConfig) => {
      if (typeof config === 'object' && config.name?.startsWith('attempt_save')) sent.push(config.name);
      return query(config);
    }) as never);
    try {
      return { result: await work(), sent };
    } finally {
      spy.mockRestore();
    }
  }
  /** Until a request for the submission lock of `attemptId` waits, in this database. */
  const lockWaited = (owner: Awaited<ReturnType<typeof connectAsOwner>>, attemptId: string, what: string) =>
    until(async () => {
      const { rows } = await owner.query(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND ((classid::bigint << 32) | objid::bigint) = attempt_lock_key($1)`,
        [attemptId],
      );
      return rows[0].n > 0;
    }, what);
  /** Rows read as the tables' owner, past row-level security. */
  const ownerRows = async (sql: string, params: unknown[]) => {
    const owner = await connectAsOwner();
    try {
      return (await owner.query(sql, params)).rows;
    } finally {
      await owner.end();
    }
  };
  const clientChanges = (attemptId: string) => ownerRows("SELECT ip, user_agent FROM attempt_events WHERE attempt_id = $1 AND type = 'client_changed'", [attemptId]);
  const stored = (attemptId: string) => ownerRows('SELECT question_id, answer, seq FROM responses WHERE attempt_id = $1 ORDER BY question_id', [attemptId]);

  it('one statement per tenant; each save gets its own outcome: saved, superseded, unknown question, time up, taken over', async () => {
    const [fresh, ahead, lost, late] = await Promise.all([1, 2, 3, 4].map(() => start(paper, a)));
    const other = await start(paperB, b);
    expect((await ahead.save(paper.q.essay, { text: '新' }, 5)).status).toBe(200);
    await pastDeadline(late.attemptId);
    // Started on a second device: the first one's token is replaced.
    const link = (await invitation(api, a, paper.paperId)).linkToken;
    const { candidate: replaced } = await Candidate.start(api, link);
    expect((await Candidate.start(api, link)).body.takenOver).toBe(true);

    const { result, sent } = await statementsDuring(() =>
      saveTogether([
        [fresh, paper.q.single, 'A', 1],
        [ahead, paper.q.essay, { text: '旧' }, 4],
        [lost, '00000000-0000-4000-8000-000000000000', 'A', 1],
        [late, paper.q.single, 'B', 1],
        [replaced, paper.q.single, 'C', 1],
        [other, paperB.q.single, 'D', 1],
        // The second save of an attempt waits for the statement of the first, then goes alone.
        [fresh, paper.q.single, 'E', 2],
      ]),
    );
    expect(sent).toEqual(['attempt_save_batch', 'attempt_save', 'attempt_save']);
    expect(result).toEqual([
      { questionId: paper.q.single, status: 'saved', storedSeq: 1 },
      { questionId: paper.q.essay, status: 'superseded', storedSeq: 5 },
      { questionId: '00000000-0000-4000-8000-000000000000', status: 'unknown_question', storedSeq: null },
      'attempt.time_up',
      'attempt.taken_over',
      { questionId: paperB.q.single, status: 'saved', storedSeq: 1 },
      { questionId: paper.q.single, status: 'saved', storedSeq: 2 },
    ]);
    expect(await stored(fresh.attemptId)).toEqual([{ question_id: paper.q.single, answer: 'E', seq: '2' }]);
    // The shared statement recorded the new client once; the later save, from the same client, nothing.
    expect(await clientChanges(fresh.attemptId)).toEqual([{ ip: client.ip, user_agent: client.userAgent }]);
    expect(await stored(ahead.attemptId)).toEqual([{ question_id: paper.q.essay, answer: { text: '新' }, seq: '5' }]);
    for (const refused of [lost, late, replaced]) expect(await stored(refused.attemptId)).toEqual([]);
    expect(await stored(other.attemptId)).toEqual([{ question_id: paperB.q.single, answer: 'D', seq: '1' }]);
  });

  it('a save PostgreSQL cannot store (a NUL character) fails alone: the others of its statement are saved', async () => {
    const [good, bad] = await Promise.all([start(paper, a), start(paper, a)]);
    const { result, sent } = await statementsDuring(() =>
      saveTogether([
        [good, paper.q.essay, { text: 'fine' }, 1],
        [bad, paper.q.essay, { text: 'before\u0000after' }, 1],
      ]),
    );
    expect(sent).toEqual(['attempt_save_batch', 'attempt_save', 'attempt_save']);
    expect(result).toEqual([{ questionId: paper.q.essay, status: 'saved', storedSeq: 1 }, '22P05']);
    expect(await stored(good.attemptId)).toEqual([{ question_id: paper.q.essay, answer: { text: 'fine' }, seq: '1' }]);
    expect(await stored(bad.attemptId)).toEqual([]);
  });

  it('a statement arriving while one of its attempts is being submitted waits, then refuses that save only', async () => {
    const [submitted, running] = await Promise.all([start(paper, a), start(paper, a)]);
    const [owner, submission] = [await connectAsOwner(), await connectAsOwner()];
    try {
      await submission.query('BEGIN');
      await submission.query('SELECT pg_advisory_xact_lock(attempt_lock_key($1))', [submitted.attemptId]);
      await submission.query("UPDATE attempts SET status = 'submitted', submitted_at = now(), submitted_by = 'candidate' WHERE id = $1", [submitted.attemptId]);
      const together = statementsDuring(() =>
        saveTogether([
          [submitted, paper.q.single, 'A', 1],
          [running, paper.q.single, 'B', 1],
        ]),
      );
      await lockWaited(owner, submitted.attemptId, 'the statement to wait for the submission');
      await submission.query('COMMIT');
      const { result, sent } = await together;
      expect(sent).toEqual(['attempt_save_batch']);
      expect(result).toEqual(['attempt.submitted', { questionId: paper.q.single, status: 'saved', storedSeq: 1 }]);
      expect(await stored(submitted.attemptId)).toEqual([]);
    } finally {
      await Promise.all([owner.end(), submission.end()]);
    }
  });

  it('a submission waits for a statement in flight, whose save of that attempt is then part of it', async () => {
    const candidate = await start(paper, a);
    const tokenHash = createHash('sha256').update(candidate.token).digest('base64url');
    const [owner, saving] = [await connectAsOwner(), await connectAsApp()];
    try {
      const [seen] = (await owner.query('SELECT last_ip, last_user_agent FROM attempts WHERE id = $1', [candidate.attemptId])).rows;
      await saving.query('BEGIN');
      const element = { attemptId: candidate.attemptId, tokenHash, ip: seen.last_ip, ua: seen.last_user_agent, answers: [{ questionId: paper.q.single, answer: 'B', seq: 3 }] };
      const { rows } = await saving.query('SELECT save_no, items FROM attempt_save_batch($1, $2)', [a.tenantId, JSON.stringify([element])]);
      expect(rows).toEqual([{ save_no: 1, items: [{ questionId: paper.q.single, known: true, storedSeq: 3 }] }]);
      const submitting = candidate.submit();
      await lockWaited(owner, candidate.attemptId, 'the submission to wait for the statement');
      await saving.query('COMMIT');
      expect((await submitting).status).toBe(200);
      const after = await owner.query('SELECT a.status, r.answer, r.seq FROM attempts a JOIN responses r ON r.attempt_id = a.id WHERE a.id = $1', [candidate.attemptId]);
      expect(after.rows).toEqual([{ status: expect.stringMatching(/submitted|scored/), answer: 'B', seq: '3' }]);
    } finally {
      await Promise.all([owner.end(), saving.end()]);
    }
  });

  it('binds row-level security to its tenant argument: another tenant refuses every save, no tenant is an error', async () => {
    const candidate = await start(paper, a);
    const tokenHash = createHash('sha256').update(candidate.token).digest('base64url');
    const element = JSON.stringify([{ attemptId: candidate.attemptId, tokenHash, ip: null, ua: null, answers: [{ questionId: paper.q.single, answer: 'A', seq: 1 }] }]);
    const app = await connectAsApp();
    try {
      expect((await app.query('SELECT save_no, deadline FROM attempt_save_batch($1, $2)', [b.tenantId, element])).rows).toEqual([{ save_no: 1, deadline: null }]);
      await expect(app.query('SELECT * FROM attempt_save_batch($1, $2)', [null, element])).rejects.toThrow(/tenant is required/);
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenantId]);
      await expect(app.query('SELECT * FROM attempt_save_batch($1, $2)', [a.tenantId, element])).rejects.toThrow(/bound to another tenant/);
      await app.query('ROLLBACK');
      expect(await stored(candidate.attemptId)).toEqual([]);
    } finally {
      await app.end();
    }
  });
});
