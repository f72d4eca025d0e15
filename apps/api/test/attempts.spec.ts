import { createHash } from 'node:crypto';
import { connectAsApp, connectAsOwner, until } from '@assay/testing';
import { Candidate, call, invitation, objectivePaper, pastDeadline, type ObjectivePaper } from './attempts-fixtures';
import { TestApi, type SignedUpTenant } from './test-api';

describe('attempts: start, server clock, autosave, resume, take-over, events, submit', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let paper: ObjectivePaper;
  let noGrace: ObjectivePaper;

  beforeAll(async () => {
    api = await TestApi.start({ LINK_RATE_LIMIT: '100000' });
    [a, b] = [await api.signup(), await api.signup()];
    paper = await objectivePaper(api, a, { shuffleQuestions: true, shuffleOptions: true });
    noGrace = await objectivePaper(api, a, { timerGraceSeconds: 0 });
  });
  afterAll(async () => {
    await api.close();
  });

  it('sets the deadline on the server: duration plus extra time, capped at the window close', async () => {
    const long = await invitation(api, a, paper.paperId, { extraTimePercent: 50 });
    const before = Date.now();
    const { body } = await Candidate.start(api, long.linkToken);
    const after = Date.now();
    expect(body.status).toBe('in_progress');
    expect(body.attemptToken).toMatch(/^at_/);
    expect(Date.parse(body.deadline) - Date.parse(body.startedAt)).toBe(45 * 60_000); // 30 min + 50 %
    expect(body.secondsLeft).toBe(45 * 60);
    // The server's clock, read while the request was in flight (one clock on this machine).
    expect(Date.parse(body.serverTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(body.serverTime)).toBeLessThanOrEqual(after + 1000);

    const closesAt = new Date(Date.now() + 10 * 60_000);
    const capped = await invitation(api, a, paper.paperId, { extraTimePercent: 50, closesAt });
    const started = (await Candidate.start(api, capped.linkToken)).body;
    expect(started.deadline).toBe(closesAt.toISOString());
    // Whatever time the start took on this machine, the window's close bounds the clock.
    expect(started.secondsLeft).toBe(Math.ceil((closesAt.getTime() - Date.parse(started.serverTime)) / 1000));

    const invited = await call(api, a, 'GET', `/invitations/${capped.invitationId}`);
    expect(invited.status).toBe('started');
  });

  it('refuses to start before the window opens, and answers 404 for a dead link', async () => {
    const later = await invitation(api, a, paper.paperId, { opensAt: new Date(Date.now() + 3600_000), closesAt: new Date(Date.now() + 7200_000) });
    const early = await api.request('POST', `/api/v1/links/${later.linkToken}/attempt`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('attempt.not_open_yet');
    const dead = await api.request('POST', `/api/v1/links/${'x'.repeat(43)}/attempt`);
    expect(dead.status).toBe(404);
    expect(dead.body.code).toBe('link.not_found');
  });

  it('serves the paper in this attempt’s seeded order, the same on every reload, without keys, references or rubrics', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    const first = await candidate.view();
    expect(first.status).toBe(200);
    const text = JSON.stringify(first.body);
    expect(text).not.toMatch(/answerKey|referenceAnswer|rubric|explanation|安抚情绪/);
    const ids = first.body.paper.sections.flatMap((s: { questions: { id: string }[] }) => s.questions.map((q) => q.id));
    expect(ids.sort()).toEqual(Object.values(paper.q).sort());
    const again = await candidate.view();
    expect(again.body.paper).toEqual(first.body.paper);
    // Counted on the server's clock from the server's deadline, however long the calls above took.
    expect(first.body.secondsLeft).toBe(Math.ceil((Date.parse(first.body.deadline) - Date.parse(first.body.serverTime)) / 1000));
    expect(Date.parse(first.body.deadline) - Date.parse(first.body.startedAt)).toBe(30 * 60_000);
    expect(first.body.answers).toEqual([]);
    // The start response carries no paper content either.
    const other = await Candidate.start(api, (await invitation(api, a, paper.paperId)).linkToken);
    expect(JSON.stringify(other.body)).not.toMatch(/answerKey|referenceAnswer|rubric/);
  });

  it('orders saves by seq: a late or retried older save never overwrites a newer one', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    const q = paper.q.essay;
    const s3 = await candidate.save(q, { text: '第三版' }, 3);
    expect(s3.status).toBe(200);
    expect(s3.body).toMatchObject({ questionId: q, status: 'saved', storedSeq: 3, seq: 3 });
    expect(typeof s3.body.serverTime).toBe('string');
    expect(s3.body.secondsLeft).toBeGreaterThan(0);

    const late = await candidate.save(q, { text: '第二版' }, 2);
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'superseded', storedSeq: 3 });
    const retry = await candidate.save(q, { text: '第三版' }, 3);
    expect(retry.body).toMatchObject({ status: 'saved', storedSeq: 3 });

    const batch = await candidate.request('PUT', '/answers', {
      answers: [
        { questionId: paper.q.single, answer: 'A', seq: 1 },
        { questionId: paper.q.single, answer: 'B', seq: 2 },
        { questionId: q, answer: { text: '旧' }, seq: 1 },
        { questionId: paper.q.fillBlank, answer: ['三十', '95%'], seq: 5 },
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.items).toEqual([
      { questionId: paper.q.single, status: 'superseded', storedSeq: 2 },
      { questionId: paper.q.single, status: 'saved', storedSeq: 2 },
      { questionId: q, status: 'superseded', storedSeq: 3 },
      { questionId: paper.q.fillBlank, status: 'saved', storedSeq: 5 },
    ]);
    expect(batch.body.secondsLeft).toBeGreaterThan(0);

    const view = await candidate.view();
    const answers = Object.fromEntries(view.body.answers.map((x: { questionId: string; answer: unknown; seq: number }) => [x.questionId, [x.answer, x.seq]]));
    expect(answers).toEqual({ [q]: [{ text: '第三版' }, 3], [paper.q.single]: ['B', 2], [paper.q.fillBlank]: [['三十', '95%'], 5] });
  });

  it('the one-round-trip save (attempt_save) binds row-level security to its tenant argument, and the binding ends with it', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    const tokenHash = createHash('sha256').update(candidate.token).digest('base64url');
    const q = paper.q.essay;
    const save = (client: Awaited<ReturnType<typeof connectAsApp>>, tenantId: string | null, seq: number) =>
      client.query('SELECT * FROM attempt_save($1, $2, $3, $4, $5, $6)', [tenantId, candidate.attemptId, tokenHash, JSON.stringify([{ questionId: q, answer: { text: `第${seq}版` }, seq }]), '10.0.0.1', 'rls-test']);
    const [app, owner] = [await connectAsApp(), await connectAsOwner()];
    try {
      // Another tenant's id, with the right attempt id and token hash: RLS hides the attempt, nothing is saved.
      expect((await save(app, b.tenantId, 7)).rows).toEqual([]);
      const stored = () => owner.query('SELECT seq FROM responses WHERE attempt_id = $1 AND question_id = $2', [candidate.attemptId, q]);
      expect((await stored()).rows).toEqual([]);
      expect((await owner.query("SELECT count(*)::int AS n FROM attempt_events WHERE attempt_id = $1 AND type = 'client_changed'", [candidate.attemptId])).rows[0].n).toBe(0);
      // No tenant at all: refused.
      await expect(save(app, null, 7)).rejects.toThrow(/tenant is required/);

      // The right tenant saves; afterwards the pooled connection is bound to no tenant and sees no row.
      const saved = (await save(app, a.tenantId, 7)).rows;
      expect(saved).toHaveLength(1);
      expect(saved[0].items).toEqual([{ questionId: q, known: true, storedSeq: 7 }]);
      expect((await stored()).rows).toEqual([{ seq: '7' }]);
      expect((await app.query("SELECT coalesce(current_setting('app.tenant_id', true), '') AS t")).rows[0].t).toBe('');
      expect((await app.query('SELECT count(*)::int AS n FROM responses')).rows[0].n).toBe(0);
      expect((await app.query('SELECT count(*)::int AS n FROM attempts')).rows[0].n).toBe(0);

      // Inside a transaction bound to another tenant it refuses rather than rebinding that transaction.
      await app.query('BEGIN');
      try {
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [b.tenantId]);
        await expect(save(app, a.tenantId, 8)).rejects.toThrow(/bound to another tenant/);
      } finally {
        await app.query('ROLLBACK');
      }
      expect((await stored()).rows).toEqual([{ seq: '7' }]);
    } finally {
      await Promise.all([app.end(), owner.end()]);
    }
  });

  /** A save or submission waiting for the attempt's submission lock (an advisory lock) in this database. */
  const waitingForSubmissionLock = (owner: Awaited<ReturnType<typeof connectAsOwner>>, what: string) =>
    until(async () => {
      const { rows } = await owner.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
      return rows[0].n > 0;
    }, what);

  it('a save arriving while a submission commits waits for it, then is refused with 409 attempt.submitted and stores nothing', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    expect((await candidate.save(paper.q.single, 'A', 1)).status).toBe(200);
    const [owner, submission] = [await connectAsOwner(), await connectAsOwner()];
    try {
      // A submission between its lock and its commit (what AttemptsService does, held open here).
      await submission.query('BEGIN');
      await submission.query('SELECT pg_advisory_xact_lock(attempt_lock_key($1))', [candidate.attemptId]);
      await submission.query("UPDATE attempts SET status = 'submitted', submitted_at = now(), submitted_by = 'candidate' WHERE id = $1", [candidate.attemptId]);
      const late = candidate.save(paper.q.single, 'B', 2);
      await waitingForSubmissionLock(owner, 'the save to wait for the submission');
      await submission.query('COMMIT');
      const refused = await late;
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('attempt.submitted');
      const { rows } = await owner.query('SELECT answer, seq FROM responses WHERE attempt_id = $1', [candidate.attemptId]);
      expect(rows).toEqual([{ answer: 'A', seq: '1' }]);
    } finally {
      await Promise.all([owner.end(), submission.end()]);
    }
  });

  it('a submission waits for a save in flight, which is then part of the submitted attempt', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    const tokenHash = createHash('sha256').update(candidate.token).digest('base64url');
    const [owner, saving] = [await connectAsOwner(), await connectAsApp()];
    try {
      // A save between its statement and its commit (the API's autocommit save, held open here),
      // from the client that started (no client change, so the save updates no attempt row).
      const [client] = (await owner.query('SELECT last_ip, last_user_agent FROM attempts WHERE id = $1', [candidate.attemptId])).rows;
      await saving.query('BEGIN');
      const { rows: saved } = await saving.query('SELECT items FROM attempt_save($1, $2, $3, $4, $5, $6)', [
        a.tenantId,
        candidate.attemptId,
        tokenHash,
        JSON.stringify([{ questionId: paper.q.single, answer: 'B', seq: 5 }]),
        client.last_ip,
        client.last_user_agent,
      ]);
      expect(saved).toEqual([{ items: [{ questionId: paper.q.single, known: true, storedSeq: 5 }] }]);
      const submitting = candidate.submit();
      await waitingForSubmissionLock(owner, 'the submission to wait for the save');
      await saving.query('COMMIT');
      expect((await submitting).status).toBe(200);
      const { rows } = await owner.query(
        'SELECT a.status, r.answer, r.seq, r.saved_at <= a.submitted_at AS before_submission FROM attempts a JOIN responses r ON r.attempt_id = a.id WHERE a.id = $1',
        [candidate.attemptId],
      );
      expect(rows).toEqual([{ status: expect.stringMatching(/submitted|scored/), answer: 'B', seq: '5', before_submission: true }]);
    } finally {
      await Promise.all([owner.end(), saving.end()]);
    }
  });

  it('stores an answer of any shape for a known question, refuses an unknown question and oversized answers', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    const odd = await candidate.save(paper.q.single, { weird: ['shape'] }, 1);
    expect(odd.status).toBe(200);
    const cleared = await candidate.save(paper.q.trueFalse, null, 1);
    expect(cleared.status).toBe(200);
    const unknown = await candidate.save(paper.q.essay.replace(/.$/, (c) => (c === '0' ? '1' : '0')), 'A', 1);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('attempt.question_not_found');
    const huge = await candidate.save(paper.q.essay, { text: '长'.repeat(100_001) }, 2);
    expect(huge.status).toBe(400);
    const noSeq = await candidate.request('PUT', `/answers/${paper.q.single}`, { answer: 'B', extra: 1 });
    expect(noSeq.status).toBe(400);
    expect(noSeq.body).toMatchObject({ code: 'request.validation_failed', errors: [{ field: 'extra' }, { field: 'seq' }] });
    expect(noSeq.headers['x-request-id']).toBe(noSeq.body.requestId);
    const malformed = await api.request('PUT', `/api/v1/attempts/${candidate.attemptId}/answers/${paper.q.single}`, {
      payload: '{"answer": "B", seq: 1',
      headers: { 'content-type': 'application/json', 'x-attempt-token': candidate.token },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.body.code).toBe('request.malformed_json');
    const badId = await api.request('PUT', `/api/v1/attempts/not-a-uuid/answers/${paper.q.single}`, { body: { answer: 'B', seq: 1 } });
    expect(badId.body.code).toBe('request.invalid_id');
    const batch = await candidate.request('PUT', '/answers', {
      answers: [
        { questionId: paper.q.multiple, answer: ['A'], seq: 1 },
        { questionId: '00000000-0000-4000-8000-000000000000', answer: 'A', seq: 1 },
      ],
    });
    expect(batch.body.items.map((i: { status: string }) => i.status)).toEqual(['saved', 'unknown_question']);
  });

  it('refuses an answer with a NUL character (PostgreSQL cannot store it) with 400 request.invalid_value, storing nothing', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    const nul = await candidate.save(paper.q.essay, { text: 'before\u0000after' }, 1);
    expect(nul.status).toBe(400);
    expect(nul.headers['content-type']).toContain('application/problem+json');
    expect(nul.body).toMatchObject({ status: 400, code: 'request.invalid_value', instance: `/api/v1/attempts/${candidate.attemptId}/answers/${paper.q.essay}` });
    expect(nul.headers['x-request-id']).toBe(nul.body.requestId);
    expect((await candidate.view()).body.answers).toEqual([]);
    // Nothing was stored: the same seq is still new.
    const clean = await candidate.save(paper.q.essay, { text: 'before after' }, 1);
    expect(clean.body).toMatchObject({ status: 'saved', storedSeq: 1 });
  });

  it('refuses a save after deadline + grace with 409 attempt.time_up and keeps every earlier save', async () => {
    const inv = await invitation(api, a, noGrace.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    expect((await candidate.save(noGrace.q.single, 'B', 1)).status).toBe(200);
    expect((await candidate.save(noGrace.q.essay, { text: '答案' }, 1)).status).toBe(200);
    await pastDeadline(candidate.attemptId);
    const late = await candidate.save(noGrace.q.single, 'A', 2);
    expect(late.status).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect(late.body.code).toBe('attempt.time_up');
    const lateBatch = await candidate.request('PUT', '/answers', { answers: [{ questionId: noGrace.q.single, answer: 'A', seq: 3 }] });
    expect(lateBatch.body.code).toBe('attempt.time_up');
    const view = await candidate.view();
    expect(view.body.secondsLeft).toBe(0);
    expect(view.body.answers.map((x: { questionId: string; answer: unknown }) => [x.questionId, x.answer]).sort()).toEqual(
      [
        [noGrace.q.single, 'B'],
        [noGrace.q.essay, { text: '答案' }],
      ].sort(),
    );
  });

  it('accepts saves during the grace period after the deadline', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    await pastDeadline(candidate.attemptId);
    const inGrace = await candidate.save(paper.q.single, 'B', 1);
    expect(inGrace.status).toBe(200);
    expect(inGrace.body.secondsLeft).toBe(0);
  });

  it('a start from a second device takes over: new token, the old one gets 409 attempt.taken_over, recorded as an event', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const phone = await Candidate.start(api, inv.linkToken, { 'user-agent': 'Phone/1.0' });
    expect((await phone.candidate.save(paper.q.single, 'A', 1, { 'user-agent': 'Phone/1.0' })).status).toBe(200);
    const laptop = await api.request('POST', `/api/v1/links/${inv.linkToken}/attempt`, { headers: { 'user-agent': 'Laptop/2.0' } });
    expect(laptop.status).toBe(200);
    expect(laptop.body).toMatchObject({ attemptId: phone.candidate.attemptId, takenOver: true, deadline: phone.body.deadline });
    expect(laptop.body.attemptToken).not.toBe(phone.candidate.token);

    const old = await phone.candidate.save(paper.q.single, 'C', 2);
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('attempt.taken_over');
    expect((await phone.candidate.view()).body.code).toBe('attempt.taken_over');
    expect((await phone.candidate.submit()).body.code).toBe('attempt.taken_over');

    const now = new Candidate(api, phone.candidate.attemptId, laptop.body.attemptToken);
    const resumed = await now.view();
    expect(resumed.status).toBe(200);
    expect(resumed.body.answers).toEqual([expect.objectContaining({ questionId: paper.q.single, answer: 'A', seq: 1 })]);
    expect((await now.save(paper.q.single, 'B', 2, { 'user-agent': 'Laptop/2.0' })).status).toBe(200);

    const events = await call(api, a, 'GET', `/attempts/${now.attemptId}/events`);
    expect(events.items.map((e: { type: string }) => e.type)).toEqual(['started', 'taken_over']);
    expect(events.items[1]).toMatchObject({ userAgent: 'Laptop/2.0', detail: { previousUserAgent: 'Phone/1.0' } });
  });

  it('records integrity events with IP and user agent, and client changes, without blocking', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken, { 'user-agent': 'Browser/1' });
    const one = await candidate.request('POST', '/events', { type: 'focus_lost', at: new Date().toISOString() }, { 'user-agent': 'Browser/1' });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ recorded: 1 });
    const many = await candidate.request(
      'POST',
      '/events',
      { events: [{ type: 'paste', detail: { chars: 120 } }, { type: 'fullscreen_exit' }, { type: 'visibility_hidden' }] },
      { 'user-agent': 'Browser/1' },
    );
    expect(many.body).toEqual({ recorded: 3 });
    const reserved = await candidate.request('POST', '/events', { type: 'taken_over' });
    expect(reserved.status).toBe(400);
    const bad = await candidate.request('POST', '/events', { type: 'Focus Lost!' });
    expect(bad.status).toBe(400);
    // Same attempt from another browser: recorded as a client change on the next save.
    expect((await candidate.save(paper.q.single, 'B', 1, { 'user-agent': 'Other/9' })).status).toBe(200);

    const events = await call(api, a, 'GET', `/attempts/${candidate.attemptId}/events`);
    expect(events.items.map((e: { type: string }) => e.type)).toEqual(['started', 'focus_lost', 'paste', 'fullscreen_exit', 'visibility_hidden', 'client_changed']);
    expect(events.items[2]).toMatchObject({ userAgent: 'Browser/1', detail: { chars: 120 } });
    expect(events.items[2].ip).toBeTruthy();
    expect(events.items[5]).toMatchObject({ userAgent: 'Other/9', detail: { previousUserAgent: 'Browser/1' } });
  });

  it('submitting twice is one submission; the invitation moves to submitted; later saves are refused', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    await candidate.save(paper.q.single, 'B', 1);
    const [first, second] = await Promise.all([candidate.submit(), candidate.submit()]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.submittedAt).toBe(second.body.submittedAt);
    const third = await candidate.submit();
    expect(third.body.submittedAt).toBe(first.body.submittedAt);
    expect((await candidate.save(paper.q.single, 'A', 2)).body.code).toBe('attempt.submitted');
    expect((await call(api, a, 'GET', `/invitations/${inv.invitationId}`)).status).toBe('submitted');
    const again = await api.request('POST', `/api/v1/links/${inv.linkToken}/attempt`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('attempt.submitted');

    const events = await call(api, a, 'GET', `/attempts/${candidate.attemptId}/events`);
    expect(events.items.filter((e: { type: string }) => e.type === 'submitted')).toHaveLength(1);
    const db = await connectAsOwner();
    try {
      const { rows } = await db.query('SELECT status, submitted_by FROM attempts WHERE id = $1', [candidate.attemptId]);
      expect(rows).toEqual([{ status: 'submitted', submitted_by: 'candidate' }]);
    } finally {
      await db.end();
    }
  });

  it('needs the attempt token; staff reads are tenant-scoped (404 across tenants)', async () => {
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    const none = await api.request('GET', `/api/v1/attempts/${candidate.attemptId}`);
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('attempt.token_required');
    const wrong = await api.request('GET', `/api/v1/attempts/${candidate.attemptId}`, { headers: { 'x-attempt-token': `at_${'x'.repeat(59)}_${'x'.repeat(43)}` } });
    expect(wrong.status).toBe(404);

    const list = await call(api, a, 'GET', `/attempts?invitationId=${inv.invitationId}`);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: candidate.attemptId, invitationId: inv.invitationId, paperId: paper.paperId, status: 'in_progress' });
    expect((await call(api, a, 'GET', `/attempts?paperId=${paper.paperId}`)).total).toBeGreaterThan(1);

    const foreign = (path: string) => api.request('GET', `/api/v1/attempts/${candidate.attemptId}${path}`, { token: b.accessToken });
    expect((await foreign('/events')).status).toBe(404);
    expect((await foreign('/responses')).status).toBe(404);
    expect((await api.request('GET', `/api/v1/attempts?invitationId=${inv.invitationId}`, { token: b.accessToken })).body.total).toBe(0);
    expect((await api.request('GET', `/api/v1/attempts/${candidate.attemptId}/events`)).status).toBe(401);
  });
});
