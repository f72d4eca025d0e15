import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { JobName, JobQueue } from '@assay/core';
import { PrivacyService } from '@assay/privacy';
import { connectAsOwner, TestSmtpServer, TestWebhookReceiver, until } from '@assay/testing';
import { Candidate, invitation } from './attempts-fixtures';
import { answerOpenPaper, assignedGrader, drain, openPaper, queued, type OpenPaper } from './grading-fixtures';
import { exited, freePort, healthy, spawnProcess } from './processes';
import { TestApi, type SignedUpTenant } from './test-api';

/** One person's data, each piece distinctive enough to be searched for in every table and log. */
function person(label: string) {
  const tag = randomBytes(4).toString('hex');
  return {
    name: `${label}隐私${tag}`,
    email: `privacy-${tag}@example.com`,
    phone: `139${randomInt(10_000_000, 99_999_999)}`,
    externalId: `ATS-PRIV-${tag}`,
    answer: `我的独特答案${tag}：先安抚客户情绪，再核实物流，最后补发。`,
    /** The ATS's Idempotency-Key for inviting them: ours to choose, so free of personal data. */
    requestKey: `invite-${tag}`,
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    comment: `评语${tag}`,
    userAgent: `PrivacyProbe/${tag}`,
    clientNote: `note-${tag}`,
  };
}
type Person = ReturnType<typeof person>;
const needlesOf = (p: Person) => [p.name, p.email, p.phone, p.externalId, p.answer, p.comment, p.userAgent, p.clientNote];

/**
 * Every text, JSON and array column of every table, searched (as the table owner, so across
 * tenants) for each needle; answers `table.column: needle` for each hit.
 */
async function foundInDatabase(needles: string[]): Promise<string[]> {
  const owner = await connectAsOwner();
  try {
    const columns = (await owner.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED', 'bytea')`,
    )).rows as { table_name: string; column_name: string }[];
    expect(columns.length).toBeGreaterThan(50);
    const hits: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      const found = (await owner.query(
        `SELECT n FROM unnest($1::text[]) AS n WHERE EXISTS (SELECT 1 FROM "${table}" WHERE strpos(lower("${column}"::text), lower(n)) > 0)`,
        [needles],
      )).rows as { n: string }[];
      for (const { n } of found) hits.push(`${table}.${column}: ${n}`);
    }
    return hits;
  } finally {
    await owner.end();
  }
}

/** A child process's output as it comes, with marks to read only what it wrote after a moment. */
class CapturedOutput {
  text = '';
  private readonly waiting: (() => void)[] = [];
  readonly append = (chunk: string) => {
    this.text += chunk;
    for (const wake of this.waiting.splice(0)) wake();
  };
  /** Resolves with what was written since `from` once it contains `line`. */
  async waitFor(from: number, line: string): Promise<string> {
    while (!this.text.slice(from).includes(line)) await new Promise<void>((wake) => this.waiting.push(wake));
    return this.text.slice(from);
  }
}

describe('privacy: erasure on request and after retention, export of one candidate', () => {
  let api: TestApi;
  let smtp: TestSmtpServer;
  let receiver: TestWebhookReceiver;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let env: Record<string, string>;
  let apiPort: number;
  const children: ChildProcess[] = [];
  const apiLog = new CapturedOutput();
  const workerLog = new CapturedOutput();
  let worker: ChildProcess;
  const spawnWorker = () => {
    worker = spawnProcess('worker', { ...env, LOG_LEVEL: 'info' }, workerLog.append);
    children.push(worker);
  };

  const as = (tenant: SignedUpTenant, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    api.request(method, `/api/v1${url}`, { token: tenant.accessToken, body, headers });
  const owner = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = await connectAsOwner();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  /** Invited (with an Idempotency-Key, so its answer is stored), emailed, answered, submitted, queued for grading. */
  const takes = async (tenant: SignedUpTenant, paper: OpenPaper, who: Person) => {
    const invited = await invitation(api, tenant, paper.paperId, {
      candidate: { name: who.name, email: who.email, phone: who.phone, externalId: who.externalId },
      closesAt: new Date(who.closesAt),
      headers: { 'idempotency-key': who.requestKey },
    });
    await smtp.waitFor(1, (mail) => mail.to.includes(who.email));
    const browser = { 'user-agent': who.userAgent };
    const { candidate } = await Candidate.start(api, invited.linkToken, browser);
    await answerOpenPaper(candidate, paper, { parcel: who.answer, price: `${who.answer}（简答）`, single: 'B' }, browser);
    expect((await candidate.request('POST', '/events', { type: 'paste', detail: { note: who.clientNote } }, browser)).status).toBeLessThan(300);
    expect((await candidate.submit()).status).toBeLessThan(300);
    await queued(api, tenant, candidate.attemptId);
    return { candidateId: invited.candidateId, invitationId: invited.invitationId, attemptId: candidate.attemptId };
  };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    receiver = await TestWebhookReceiver.start();
    apiPort = await freePort();
    env = {
      SMTP_URL: smtp.url,
      REDIS_PREFIX: `assay-test-privacy-${randomBytes(4).toString('hex')}`,
      LINK_RATE_LIMIT: '100000',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      // A killed worker's job is back in the queue within seconds (the crash test).
      QUEUE_LOCK_MS: '2000',
      QUEUE_STALLED_CHECK_MS: '1000',
    };
    api = await TestApi.start(env);
    // The worker and a second API are real processes logging at `info`, so the test reads every
    // line the product writes while it erases.
    spawnWorker();
    children.push(spawnProcess('api', { ...env, LOG_LEVEL: 'info', PORT: String(apiPort), HOST: '127.0.0.1' }, apiLog.append));
    a = await api.signup();
    b = await api.signup();
    await healthy(apiPort);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await api.close();
    await receiver.close();
    await smtp.close();
  });

  it('erases one candidate on request: nothing of them left in any table or log line, scores and analytics kept, other candidates untouched', async () => {
    const hook = await as(a, 'POST', '/webhooks', { url: receiver.url(), events: ['invitation.sent', 'invitation.started', 'invitation.submitted', 'invitation.graded'] });
    expect(hook.status).toBe(201);
    const paper = await openPaper(api, a);
    const erased = person('甲');
    const other = person('乙');
    const mine = await takes(a, paper, erased);
    const theirs = await takes(a, paper, other);
    const codes = new Map<string, string>();
    for (const [who, ids] of [[erased, mine], [other, theirs]] as const) codes.set((await queued(api, a, ids.attemptId)).code, who.comment);
    // A grader marks every open answer, commenting with the candidate's comment.
    const grader = await assignedGrader(api, a, paper.paperId);
    await drain(api, paper, grader, (task, question) => ({ scores: question === 'parcel' ? [3, 5] : [2, 3], comment: codes.get(task.code) ?? '' }));
    const graded = (attemptId: string) =>
      until(async () => {
        const [row] = await owner<{ status: string; points: string }>('SELECT status, points FROM attempts WHERE id = $1', [attemptId]);
        return row.status === 'graded' ? row : null;
      }, `attempt ${attemptId} graded`);
    const before = await graded(mine.attemptId);
    await graded(theirs.attemptId);
    await receiver.waitFor(1, (r) => JSON.parse(r.body).type === 'invitation.graded' && r.body.includes(erased.externalId));
    const snapshotRow = () => owner<{ row: any }>(`SELECT c.row FROM analytics_snapshot_candidates c JOIN analytics_snapshots s USING (tenant_id, scope, scope_id, generation)
        WHERE c.attempt_id = $1 AND c.scope = 'paper_version'`, [mine.attemptId]);
    await until(async () => ((await snapshotRow())[0]?.row.status === 'graded' ? true : null), 'the analytics snapshot with the graded attempt');
    // Everything was really there before.
    expect((await foundInDatabase(needlesOf(erased))).length).toBeGreaterThanOrEqual(needlesOf(erased).length);

    // Another company cannot see or erase the candidate.
    expect((await as(b, 'GET', `/candidates/${mine.candidateId}/export`)).status).toBe(404);
    expect((await as(b, 'POST', `/candidates/${mine.candidateId}/erasure`, { confirm: true })).status).toBe(404);
    const recruiter = await api.staff(a, 'recruiter');
    expect((await api.request('GET', `/api/v1/candidates/${mine.candidateId}/export`, { token: recruiter })).status).toBe(403);

    // The export holds the person's data and nothing of the other candidate, nor the answer key.
    const exported = await as(a, 'GET', `/candidates/${mine.candidateId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="candidate-${mine.candidateId}.json"`);
    const document = JSON.stringify(exported.body);
    for (const needle of needlesOf(erased)) expect(document).toContain(needle);
    for (const needle of [...needlesOf(other), theirs.attemptId, theirs.invitationId, theirs.candidateId]) expect(document).not.toContain(needle);
    expect(document).not.toContain('补发或退款');
    expect(exported.body).toMatchObject({
      format: 'assay.candidate-export.v1',
      candidate: { id: mine.candidateId, name: erased.name },
      invitations: [{ id: mine.invitationId }],
      attempts: [{ id: mine.attemptId, status: 'graded' }],
    });
    expect(exported.body.emails.length).toBeGreaterThanOrEqual(1);
    expect(exported.body.grading.marks.map((m: any) => m.comment)).toEqual([erased.comment, erased.comment]);
    expect(exported.body.webhookEvents.map((e: any) => e.type)).toContain('invitation.graded');

    // Someone taking a test now cannot be erased: they would keep writing into what was erased.
    const busy = person('忙');
    const busyInvited = await invitation(api, a, paper.paperId, { candidate: { name: busy.name, email: busy.email } });
    await Candidate.start(api, busyInvited.linkToken);
    const refusedBusy = await as(a, 'POST', `/candidates/${busyInvited.candidateId}/erasure`, { confirm: true });
    expect(refusedBusy).toMatchObject({ status: 409, body: { code: 'candidate.attempt_in_progress' } });
    expect((await foundInDatabase([busy.name, busy.email])).length).toBeGreaterThanOrEqual(2);

    // A client that keyed a request by the email: the key itself is personal data.
    await owner(
      `INSERT INTO idempotency_keys (tenant_id, key, route, body_hash, status, locked_until, expires_at)
       VALUES ($1, $2, 'POST /api/v1/invitations', 'x', 'done', now(), now() + interval '1 day')`,
      [a.tenantId, `ats-${erased.email}`],
    );
    // Confirmation is required, and named.
    const unconfirmed = await as(a, 'POST', `/candidates/${mine.candidateId}/erasure`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.errors).toEqual([expect.objectContaining({ field: 'confirm' })]);

    const mark = { api: apiLog.text.length, worker: workerLog.text.length };
    const response = await fetch(`http://127.0.0.1:${apiPort}/api/v1/candidates/${mine.candidateId}/erasure`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: true }),
    });
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ candidateId: mine.candidateId, invitations: 1, attempts: 1, answers: 2, gradingAnswers: 2, gradingMarks: 2, idempotentResponses: 2 });
    expect(report.emails).toBeGreaterThanOrEqual(1);
    expect(report.analyticsRows).toBeGreaterThanOrEqual(1);
    expect(report.webhookEvents).toBeGreaterThanOrEqual(4);

    const written = await apiLog.waitFor(mark.api, 'Candidate erased');
    for (const needle of needlesOf(erased)) {
      expect(written).not.toContain(needle);
      expect(workerLog.text.slice(mark.worker)).not.toContain(needle);
    }
    expect(await foundInDatabase(needlesOf(erased))).toEqual([]);
    // The other candidate keeps everything.
    expect((await foundInDatabase([other.name, other.email, other.answer, other.comment])).length).toBeGreaterThanOrEqual(4);

    // Anonymised scores stay: the attempt's total, each answer's points, the marks, the analytics row.
    const [after] = await owner<{ points: string; status: string; passed: boolean | null }>('SELECT points, status, passed FROM attempts WHERE id = $1', [mine.attemptId]);
    expect(after).toMatchObject({ points: before.points, status: 'graded' });
    const responses = await owner<{ question_id: string; answer: unknown; points: string | null }>('SELECT question_id, answer, points FROM responses WHERE attempt_id = $1', [mine.attemptId]);
    expect(responses.every((r) => r.points !== null)).toBe(true);
    expect(responses.find((r) => r.question_id === paper.q.single)?.answer).toBe('B');
    expect(responses.filter((r) => r.answer === null).map((r) => r.question_id).sort()).toEqual([paper.q.parcel, paper.q.price].sort());
    const marks = await owner<{ points: string; comment: string | null }>(
      'SELECT m.points, m.comment FROM grading_marks m JOIN grading_answers x ON x.id = m.answer_id WHERE x.attempt_id = $1',
      [mine.attemptId],
    );
    expect(marks.map((m) => [Number(m.points), m.comment]).sort()).toEqual([[5, null], [8, null]]);
    const [row] = await snapshotRow();
    expect(row.row).toMatchObject({ name: '[erased]', status: 'graded', points: Number(before.points) });
    // A fresh analytics refresh still counts the erased candidate's scores, under the placeholder.
    const scopeId = row.row.paperVersionId as string;
    const computed = async () => (await owner<{ computed_at: Date }>(`SELECT computed_at FROM analytics_snapshots WHERE scope = 'paper_version' AND scope_id = $1`, [scopeId]))[0].computed_at.getTime();
    const last = await computed();
    await api.app.get(JobQueue).enqueue(JobName.RefreshAnalytics, { tenantId: a.tenantId, scope: 'paper_version', scopeId, window: Date.now() });
    await until(async () => ((await computed()) > last ? true : null), 'the analytics snapshot refreshed after the erasure');
    const [refreshed] = await snapshotRow();
    expect(refreshed.row).toMatchObject({ name: '[erased]', email: `erased-${mine.candidateId}@erased.invalid`, status: 'graded', points: Number(before.points), percentile: expect.any(Number) });
    expect(await foundInDatabase(needlesOf(erased))).toEqual([]);

    // The candidate's record says what happened; erasing again changes nothing; an Idempotency-Key retry creates nothing.
    const shown = await as(a, 'GET', `/candidates/${mine.candidateId}`);
    expect(shown.body).toMatchObject({ name: '[erased]', phone: null, externalId: null, erasedAt: expect.any(String) });
    expect((await as(a, 'POST', `/candidates/${mine.candidateId}/erasure`, { confirm: true })).status).toBe(200);
    const retried = await as(
      a,
      'POST',
      '/invitations',
      { paperId: paper.paperId, candidate: { name: erased.name, email: erased.email, phone: erased.phone, externalId: erased.externalId }, closesAt: erased.closesAt },
      { 'idempotency-key': erased.requestKey },
    );
    expect(retried.status).toBe(409);
    expect(retried.body.code).toBe('idempotency.not_replayable');
    expect(JSON.stringify(retried.body)).not.toContain(erased.email);
  });

  it('erases candidates past their company\'s retention period in the worker, leaves recent ones, and never twice', async () => {
    const refused = await as(a, 'PATCH', '/tenant', { candidateDataRetentionDays: 7 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'candidateDataRetentionDays' })]);
    expect((await as(a, 'GET', '/tenant')).body.candidateDataRetentionDays).toBe(365);
    const c = await api.signup();
    expect((await as(c, 'PATCH', '/tenant', { candidateDataRetentionDays: 30 })).body.candidateDataRetentionDays).toBe(30);

    const paper = await openPaper(api, c);
    const old = person('丙');
    const recent = person('丁');
    const gone = await takes(c, paper, old);
    const kept = await takes(c, paper, recent);
    // 31 days pass for the old candidate (moved in the database, not waited for).
    await owner(
      `UPDATE candidates SET updated_at = now() - interval '31 days' WHERE id = $1`,
      [gone.candidateId],
    );
    await owner(`UPDATE invitations SET updated_at = now() - interval '31 days' WHERE candidate_id = $1`, [gone.candidateId]);
    await owner(`UPDATE attempts SET updated_at = now() - interval '31 days' WHERE id = $1`, [gone.attemptId]);
    // Another company's candidate as old stays: its period is the default 365 days.
    const otherCompanyPaper = await openPaper(api, b);
    const elsewhere = person('戊');
    const theirs = await takes(b, otherCompanyPaper, elsewhere);
    await owner(`UPDATE candidates SET updated_at = now() - interval '31 days' WHERE id = $1`, [theirs.candidateId]);
    await owner(`UPDATE invitations SET updated_at = now() - interval '31 days' WHERE candidate_id = $1`, [theirs.candidateId]);
    await owner(`UPDATE attempts SET updated_at = now() - interval '31 days' WHERE id = $1`, [theirs.attemptId]);

    const due = await owner<{ id: string }>('SELECT id FROM candidates_past_retention(1000) WHERE tenant_id = ANY($1)', [[b.tenantId, c.tenantId]]);
    expect(due).toEqual([{ id: gone.candidateId }]);
    const mark = workerLog.text.length;
    await api.app.get(JobQueue).enqueue(JobName.SweepRetention, {});
    await until(async () => ((await owner<{ erased_at: Date | null }>('SELECT erased_at FROM candidates WHERE id = $1', [gone.candidateId]))[0].erased_at ? true : null), 'the old candidate erased');
    const written = await workerLog.waitFor(mark, 'Candidate erased');
    for (const needle of needlesOf(old)) expect(written).not.toContain(needle);
    expect(await foundInDatabase(needlesOf(old))).toEqual([]);
    expect((await foundInDatabase([recent.name, recent.email, recent.answer, elsewhere.name, elsewhere.answer])).length).toBeGreaterThanOrEqual(5);
    const [attempt] = await owner<{ points: string | null; max_points: string | null }>('SELECT points, max_points FROM attempts WHERE id = $1', [gone.attemptId]);
    expect(attempt.max_points).not.toBeNull();
    expect(await owner('SELECT 1 FROM candidates_past_retention(10, $1)', [gone.candidateId])).toEqual([]);
    // Run again (a duplicated job, a sweep that listed them before the erasure committed): nothing to do.
    expect(await api.app.get(PrivacyService).eraseExpired(c.tenantId, gone.candidateId)).toBeNull();
    expect(await owner('SELECT 1 FROM candidates_past_retention(10, $1)', [kept.candidateId])).toEqual([]);
  });

  it('an erasure interrupted by a crashed worker leaves nothing half done, and is finished after the restart', async () => {
    const d = await api.signup();
    expect((await as(d, 'PATCH', '/tenant', { candidateDataRetentionDays: 30 })).status).toBe(200);
    const paper = await openPaper(api, d);
    const who = person('己');
    const ids = await takes(d, paper, who);
    for (const table of ['candidates', 'invitations']) {
      await owner(`UPDATE ${table} SET updated_at = now() - interval '31 days' WHERE ${table === 'candidates' ? 'id' : 'candidate_id'} = $1`, [ids.candidateId]);
    }
    await owner(`UPDATE attempts SET updated_at = now() - interval '31 days' WHERE id = $1`, [ids.attemptId]);

    // Grading's copies are held by a lock of ours: the erasure gets that far and waits, mid-transaction.
    const holder = await connectAsOwner();
    const blocked = async () => {
      const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')).rows as { pid: number }[];
      const waiting = (await owner<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]));
      return waiting[0]?.pid ?? null;
    };
    let erasing: number;
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM grading_answers WHERE attempt_id = $1 FOR UPDATE', [ids.attemptId]);
      await api.app.get(JobQueue).enqueue(JobName.SweepRetention, {});
      erasing = await until(blocked, 'the erasure waiting on our lock');
      worker.kill('SIGKILL');
      await exited(worker);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // The dead worker's transaction is rolled back once its backend notices the client is gone.
    await until(async () => ((await owner('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [erasing])).length === 0 ? true : null), 'the dead worker\'s backend gone');
    const [candidate] = await owner<{ name: string; erased_at: Date | null }>('SELECT name, erased_at FROM candidates WHERE id = $1', [ids.candidateId]);
    expect(candidate).toEqual({ name: who.name, erased_at: null });
    // What the erasure had already changed before it waited (answers, addresses) is back as it was.
    const [kept] = await owner<{ answer: unknown }>('SELECT answer FROM responses WHERE attempt_id = $1 AND question_id = $2', [ids.attemptId, paper.q.parcel]);
    expect(kept.answer).toEqual({ text: who.answer });
    const [attempt] = await owner<{ last_user_agent: string | null }>('SELECT last_user_agent FROM attempts WHERE id = $1', [ids.attemptId]);
    expect(attempt.last_user_agent).toBe(who.userAgent);

    // A new worker finishes the job (BullMQ returns the dead worker's job to the queue; the sweep lists the candidate until done).
    spawnWorker();
    await api.app.get(JobQueue).enqueue(JobName.SweepRetention, {});
    await until(async () => ((await owner<{ erased_at: Date | null }>('SELECT erased_at FROM candidates WHERE id = $1', [ids.candidateId]))[0].erased_at ? true : null), 'the candidate erased after the restart');
    expect(await foundInDatabase(needlesOf(who))).toEqual([]);
  });
});
