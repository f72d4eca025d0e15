import { randomUUID } from 'node:crypto';
import { computeDeadline } from '@assay/scoring';
import { connectAsApp, connectAsOwner } from '@assay/testing';
import { Candidate, call, invitation, objectivePaper, type ObjectivePaper } from './attempts-fixtures';
import { TestApi, type SignedUpTenant } from './test-api';

/** The start in one round trip (`attempt_start`): the guarantees the statements it replaced gave. */
describe('attempts: the one-round-trip start (attempt_start)', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let paper: ObjectivePaper;

  const start = (linkToken: string) => api.request('POST', `/api/v1/links/${linkToken}/attempt`);

  beforeAll(async () => {
    api = await TestApi.start({ LINK_RATE_LIMIT: '100000' });
    [a, b] = [await api.signup(), await api.signup()];
    paper = await objectivePaper(api, a, { timerGraceSeconds: 45 });
  });
  afterAll(async () => {
    await api.close();
  });

  it('concurrent starts of one link give one attempt: one start, the others take it over in turn', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const answers = await Promise.all(Array.from({ length: 8 }, () => start(inv.linkToken)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.body.attemptId)).size).toBe(1);
    expect(answers.filter((r) => r.body.takenOver)).toHaveLength(7);
    const owner = await connectAsOwner();
    try {
      const { rows: attempts } = await owner.query('SELECT id FROM attempts WHERE invitation_id = $1', [inv.invitationId]);
      expect(attempts).toHaveLength(1);
      const { rows: events } = await owner.query(
        `SELECT type, count(*)::int AS n, max((detail->>'takeovers')::int) AS takeovers FROM attempt_events WHERE attempt_id = $1 GROUP BY type ORDER BY type`,
        [attempts[0].id],
      );
      expect(events).toEqual([
        { type: 'started', n: 1, takeovers: null },
        { type: 'taken_over', n: 7, takeovers: 7 },
      ]);
    } finally {
      await owner.end();
    }
    // Only the token of the last start to commit lives: every other device was taken over.
    const views = await Promise.all(answers.map((r) => new Candidate(api, r.body.attemptId, r.body.attemptToken).view()));
    expect(views.map((v) => v.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    expect(views.filter((v) => v.status === 409).every((v) => v.body.code === 'attempt.taken_over')).toBe(true);
    const invited = await call(api, a, 'GET', `/invitations/${inv.invitationId}`);
    expect(invited.status).toBe('started');
  });

  it('answers as every endpoint does though a plain Fastify route: problem documents naming the request, 201 then 200 with the same body', async () => {
    const wrong = `/api/v1/links/${'A'.repeat(43)}/attempt`;
    const notFound = await api.request('POST', wrong);
    expect(notFound.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(notFound.body).toEqual({
      type: 'https://assay.dev/problems/link/not_found',
      title: 'Not Found',
      status: 404,
      detail: expect.any(String),
      code: 'link.not_found',
      instance: wrong,
      requestId: notFound.headers['x-request-id'],
    });
    // The caller's request id is the one answered; bodies are parsed (and refused) as everywhere.
    expect((await api.request('POST', wrong, { headers: { 'x-request-id': 'start-trace-1' } })).body.requestId).toBe('start-trace-1');
    const malformed = await api.request('POST', wrong, { payload: '{"x":', headers: { 'content-type': 'application/json' } });
    expect({ status: malformed.status, code: malformed.body.code }).toEqual({ status: 400, code: 'request.malformed_json' });
    const inv = await invitation(api, a, paper.paperId);
    const first = await start(inv.linkToken);
    const second = await start(inv.linkToken);
    expect([first.status, second.status]).toEqual([201, 200]);
    const shape = { attemptId: first.body.attemptId, attemptToken: expect.any(String), status: 'in_progress', startedAt: first.body.startedAt, deadline: first.body.deadline };
    expect(first.body).toEqual({ ...shape, serverTime: expect.any(String), secondsLeft: expect.any(Number), takenOver: false });
    expect(second.body).toEqual({ ...shape, serverTime: expect.any(String), secondsLeft: expect.any(Number), takenOver: true });
    expect(second.body.attemptToken).not.toBe(first.body.attemptToken);
  });

  it('sets the deadline as computeDeadline does, to the second, and the grace from the version', async () => {
    const inv = await invitation(api, a, paper.paperId, { extraTimePercent: 15 });
    const { body } = await Candidate.start(api, inv.linkToken);
    const startedAt = new Date(body.startedAt);
    const expected = computeDeadline({ startedAt, durationMinutes: 30, extraTimePercent: 15, windowClosesAt: new Date(Date.now() + 86_400_000) });
    expect(body.deadline).toBe(expected.toISOString()); // 34 min 30 s
    const owner = await connectAsOwner();
    try {
      const { rows } = await owner.query('SELECT grace_seconds FROM attempts WHERE id = $1', [body.attemptId]);
      expect(rows).toEqual([{ grace_seconds: 45 }]);
    } finally {
      await owner.end();
    }
  });

  it('a start after a new version was published is bound to the new version, not to the one the last start used', async () => {
    const own = await objectivePaper(api, a, {}, false);
    const first = await Candidate.start(api, (await invitation(api, a, own.paperId)).linkToken);
    // Version 2 drops the true/false question; the API's guess for this paper is still version 1.
    const [single, multiple, , fillBlank] = [own.q.single, own.q.multiple, own.q.trueFalse, own.q.fillBlank];
    const sections = [
      { title: '一、单选题', pointsPerQuestion: 2, questionIds: [single] },
      { title: '二、多选题', pointsPerQuestion: 4, questionIds: [multiple] },
      { title: '四、填空题', pointsPerQuestion: 4, questionIds: [fillBlank] },
    ];
    expect((await api.request('PATCH', `/api/v1/papers/${own.paperId}`, { token: a.accessToken, body: { sections } })).status).toBe(200);
    expect((await api.request('POST', `/api/v1/papers/${own.paperId}/publish`, { token: a.accessToken })).status).toBe(201);
    const second = await Candidate.start(api, (await invitation(api, a, own.paperId)).linkToken);
    const owner = await connectAsOwner();
    try {
      const { rows } = await owner.query(
        `SELECT a.id, v.version, cardinality(a.question_ids) AS questions FROM attempts a JOIN paper_versions v ON v.id = a.paper_version_id WHERE a.id = ANY ($1) ORDER BY v.version`,
        [[first.candidate.attemptId, second.candidate.attemptId]],
      );
      expect(rows).toEqual([
        { id: first.candidate.attemptId, version: 1, questions: 4 },
        { id: second.candidate.attemptId, version: 2, questions: 3 },
      ]);
    } finally {
      await owner.end();
    }
    const view = await second.candidate.view();
    expect(view.body.paper.sections.flatMap((s: { questions: { id: string }[] }) => s.questions.map((q) => q.id)).sort()).toEqual([single, multiple, fillBlank].sort());
  });

  it('binds row-level security to its tenant argument: another tenant sees no invitation, writes nothing, and the binding ends with it', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const [app, owner] = [await connectAsApp(), await connectAsOwner()];
    const call = (client: typeof app, tenantId: string | null) =>
      client.query('SELECT outcome, attempt_id, version_id FROM attempt_start($1, $2, NULL, $3, NULL, NULL, NULL, $4, NULL, NULL)', [
        tenantId,
        inv.invitationId,
        randomUUID(),
        'hash',
      ]);
    try {
      // Another tenant's id with the right invitation id: RLS hides the invitation.
      expect((await call(app, b.tenantId)).rows).toEqual([{ outcome: 'link_not_found', attempt_id: null, version_id: null }]);
      await expect(call(app, null)).rejects.toThrow(/tenant is required/);
      // Its own tenant without a version: the version to draw from, and nothing written.
      const { rows } = await call(app, a.tenantId);
      expect(rows).toEqual([{ outcome: 'version', attempt_id: null, version_id: expect.any(String) }]);
      expect((await owner.query('SELECT status FROM invitations WHERE id = $1', [inv.invitationId])).rows).toEqual([{ status: 'created' }]);
      expect((await owner.query('SELECT count(*)::int AS n FROM attempts WHERE invitation_id = $1', [inv.invitationId])).rows[0].n).toBe(0);
      expect((await app.query("SELECT coalesce(current_setting('app.tenant_id', true), '') AS t")).rows[0].t).toBe('');
      // Inside a transaction bound to another tenant it refuses rather than rebinding that transaction.
      await app.query('BEGIN');
      try {
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenantId]);
        await expect(call(app, a.tenantId)).rejects.toThrow(/bound to another tenant/);
      } finally {
        await app.query('ROLLBACK');
      }
    } finally {
      await Promise.all([app.end(), owner.end()]);
    }
  });
});
