import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '@assay/core';
import { connectAsApp, connectAsOwner, TestSmtpServer, TestWebhookReceiver, until } from '@assay/testing';
import { call, invitation, objectivePaper } from './attempts-fixtures';
import { assignedGrader, drain, newGrader, openPaper, queued, submit, type OpenPaper } from './grading-fixtures';
import { startWorker } from './test-worker';
import { TestApi, type SignedUpTenant } from './test-api';

const PARCEL_ANSWER = '先安抚客户情绪，表示理解并道歉；然后核实订单信息，查询物流轨迹；给出补发或退款的方案；最后跟进回访。';
const PRICE_ANSWER = '耐心倾听客户的不满，解释价保规则，符合条件的给客户退差价。';

/**
 * The audit log (docs/audit.md), cursor pagination (docs/api.md#lists) and the results per
 * candidate for ATS pulls (docs/integrations.md), against the real API, worker and PostgreSQL.
 */
describe('audit log, cursor pagination, ATS results', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let smtp: TestSmtpServer;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  const receivers: TestWebhookReceiver[] = [];

  const as = (token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) =>
    api.request(method, `/api/v1${url}`, { token, body, headers });
  const log = async (tenant: SignedUpTenant, query = '') => {
    const response = await as(tenant.accessToken, 'GET', `/audit-log${query}`);
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };
  /** The newest entry of a resource (the list is newest first). */
  const latest = async (tenant: SignedUpTenant, resourceId: string, action: string) => {
    const [entry] = await log(tenant, `?resourceId=${encodeURIComponent(resourceId)}&action=${encodeURIComponent(action)}&limit=1`);
    expect(entry).toBeDefined();
    return entry;
  };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const env = {
      SMTP_URL: smtp.url,
      REDIS_PREFIX: `assay-test-audit-${randomBytes(4).toString('hex')}`,
      LINK_RATE_LIMIT: '100000',
      TRUST_PROXY: '1',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    };
    api = await TestApi.start(env);
    worker = await startWorker(env);
    a = await api.signup();
    b = await api.signup();
  }, 120_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
    for (const receiver of receivers) await receiver.close();
  });

  describe('the audit log', () => {
    it('records tenant settings, users and roles, API keys (and what a key does), webhooks, with actor, address, status and redacted before/after', async () => {
      const renamed = await api.request('PATCH', '/api/v1/tenant', {
        token: a.accessToken,
        body: { name: '星河电商（新）' },
        remoteAddress: '10.0.0.5',
        headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' },
      });
      expect(renamed.status).toBe(200);
      const me = (await as(a.accessToken, 'GET', '/auth/me')).body;
      const tenantEntry = await latest(a, a.tenantId, 'PATCH /api/v1/tenant');
      expect(tenantEntry).toMatchObject({
        tenantId: a.tenantId,
        actorUserId: me.user.id,
        actorApiKeyId: null,
        method: 'PATCH',
        route: '/api/v1/tenant',
        resourceType: 'tenant',
        status: 200,
        // TRUST_PROXY=1: the address the one trusted proxy added.
        clientAddress: '198.51.100.7',
        body: { name: '星河电商（新）' },
        before: expect.objectContaining({ name: `公司 ${a.slug}` }),
        after: expect.objectContaining({ name: '星河电商（新）' }),
      });
      expect(tenantEntry.requestId).toEqual(renamed.headers['x-request-id']);

      const created = await as(a.accessToken, 'POST', '/users', { email: `rec-${a.slug}@example.com`, name: '招聘专员', roles: ['recruiter'], password: 'a long recruiter passphrase' });
      expect(created.status).toBe(201);
      const userCreated = await latest(a, created.body.id, 'POST /api/v1/users');
      expect(userCreated).toMatchObject({ resourceType: 'user', status: 201, before: null, after: expect.objectContaining({ roles: ['recruiter'], name: '招聘专员', email: '[redacted]', passwordHash: '[redacted]' }) });
      expect(userCreated.body).toEqual({ email: '[redacted]', name: '招聘专员', roles: ['recruiter'], password: '[redacted]' });
      expect((await as(a.accessToken, 'PATCH', `/users/${created.body.id}`, { roles: ['recruiter', 'grader'] })).status).toBe(200);
      expect(await latest(a, created.body.id, 'PATCH /api/v1/users/:id')).toMatchObject({
        resourceId: created.body.id,
        pathParams: { id: created.body.id },
        before: expect.objectContaining({ roles: ['recruiter'] }),
        after: expect.objectContaining({ roles: ['recruiter', 'grader'] }),
      });
      // A refused change is recorded with its status and without before/after (it was rolled back).
      expect((await as(a.accessToken, 'PATCH', `/users/${me.user.id}`, { roles: ['grader'] })).status).toBe(409);
      expect(await latest(a, me.user.id, 'PATCH /api/v1/users/:id')).toMatchObject({ status: 409, before: null, after: null, body: { roles: ['grader'] } });
      expect((await as(a.accessToken, 'POST', '/users', { email: 'not an email', roles: ['admin'] })).status).toBe(400);
      expect((await log(a, '?action=POST%20/api/v1/users&limit=1'))[0]).toMatchObject({ status: 400, resourceId: null });

      const key = await as(a.accessToken, 'POST', '/api-keys', { name: 'ATS', scopes: ['recruiter', 'admin'] });
      expect(key.status).toBe(201);
      expect(await latest(a, key.body.id, 'POST /api/v1/api-keys')).toMatchObject({
        resourceType: 'api_key',
        before: null,
        after: expect.objectContaining({ name: 'ATS', scopes: ['recruiter', 'admin'], secretHash: '[redacted]', revokedAt: null }),
      });
      // A call made with the key is the key's, with no user.
      const role = await as(key.body.key, 'POST', '/job-roles', { name: '仓库管理员' });
      expect(role.status).toBe(201);
      expect(await latest(a, role.body.id, 'POST /api/v1/job-roles')).toMatchObject({ actorUserId: null, actorApiKeyId: key.body.id, resourceType: 'job-roles', status: 201 });
      expect((await log(a, `?apiKeyId=${key.body.id}`)).map((e) => e.resourceId)).toEqual([role.body.id]);
      expect((await as(a.accessToken, 'DELETE', `/api-keys/${key.body.id}`)).status).toBe(204);
      const revoked = await latest(a, key.body.id, 'DELETE /api/v1/api-keys/:id');
      expect(revoked).toMatchObject({ status: 204, before: expect.objectContaining({ revokedAt: null }), after: expect.objectContaining({ revokedAt: expect.any(String) }) });

      const receiver = await TestWebhookReceiver.start();
      receivers.push(receiver);
      const hook = await as(a.accessToken, 'POST', '/webhooks', { url: receiver.url(), events: ['paper.published'] });
      expect(hook.status).toBe(201);
      expect(await latest(a, hook.body.id, 'POST /api/v1/webhooks')).toMatchObject({ resourceType: 'webhook_endpoint', after: expect.objectContaining({ url: receiver.url(), events: ['paper.published'] }) });
      expect((await as(a.accessToken, 'PATCH', `/webhooks/${hook.body.id}`, { description: 'ATS 回调' })).status).toBe(200);
      expect(await latest(a, hook.body.id, 'PATCH /api/v1/webhooks/:id')).toMatchObject({ before: expect.objectContaining({ description: null }), after: expect.objectContaining({ description: 'ATS 回调' }) });
      const rotated = await as(a.accessToken, 'POST', `/webhooks/${hook.body.id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(await latest(a, hook.body.id, 'POST /api/v1/webhooks/:id/rotate-secret')).toMatchObject({ status: 200, resourceType: 'webhook_endpoint' });
      expect((await as(a.accessToken, 'DELETE', `/webhooks/${hook.body.id}`)).status).toBe(204);
      expect(await latest(a, hook.body.id, 'DELETE /api/v1/webhooks/:id')).toMatchObject({ before: expect.objectContaining({ url: receiver.url() }), after: null });

      // A password change is audited, the passwords are not.
      const staffToken = await api.staff(a, 'recruiter');
      expect((await as(staffToken, 'POST', '/auth/password', { currentPassword: 'recruiter password 1', newPassword: 'another long recruiter passphrase' })).status).toBe(204);
      const [passwordEntry] = await log(a, '?action=/auth/password');
      expect(passwordEntry).toMatchObject({ status: 204, body: { currentPassword: '[redacted]', newPassword: '[redacted]' } });

      // No secret that was answered once is anywhere in the log.
      const text = JSON.stringify(await log(a, '?limit=200'));
      for (const secret of [key.body.key, hook.body.secret, rotated.body.secret, 'a long recruiter passphrase', 'another long recruiter passphrase']) expect(text).not.toContain(secret);
    });

    it('records papers (edit, publish), grading settings, assignments and a re-grade with before/after, and never a candidate', async () => {
      const paper: OpenPaper = await openPaper(api, a);
      expect(await latest(a, paper.paperId, 'POST /api/v1/papers/:id/publish')).toMatchObject({
        resourceType: 'paper',
        status: 201,
        before: { latestVersion: null, unpublishedChanges: true },
        after: expect.objectContaining({ latestVersion: 1, unpublishedChanges: false }),
      });
      expect((await as(a.accessToken, 'PATCH', `/papers/${paper.paperId}`, { title: '客服阅卷（二）', settings: { shuffleQuestions: true } })).status).toBe(200);
      expect(await latest(a, paper.paperId, 'PATCH /api/v1/papers/:id')).toMatchObject({
        before: expect.objectContaining({ title: '客服阅卷', unpublishedChanges: false }),
        after: expect.objectContaining({ title: '客服阅卷（二）', unpublishedChanges: true, settings: expect.objectContaining({ shuffleQuestions: true }) }),
      });
      expect((await as(a.accessToken, 'POST', `/papers/${paper.paperId}/publish`)).status).toBe(201);

      const settings = { mode: 'single', tolerance: { kind: 'points', value: 1 }, halfPoints: false, selfCheckEvery: 0 };
      expect((await as(a.accessToken, 'PUT', `/grading/papers/${paper.paperId}/settings`, settings)).status).toBe(200);
      expect(await latest(a, paper.paperId, 'PUT /api/v1/grading/papers/:paperId/settings')).toMatchObject({
        resourceType: 'grading_settings',
        before: expect.objectContaining({ mode: 'single', halfPoints: true }),
        after: expect.objectContaining({ mode: 'single', halfPoints: false }),
      });
      const grader = await newGrader(api, a);
      const spare = await newGrader(api, a);
      expect((await as(a.accessToken, 'POST', `/grading/papers/${paper.paperId}/assignments`, { userId: grader.userId })).status).toBe(201);
      const assigned = await as(a.accessToken, 'POST', `/grading/papers/${paper.paperId}/assignments`, { userId: spare.userId, lead: true });
      const assignEntry = await latest(a, paper.paperId, 'POST /api/v1/grading/papers/:paperId/assignments');
      expect(assignEntry.before).toEqual([expect.objectContaining({ userId: grader.userId })]);
      expect(assignEntry.after).toHaveLength(2);
      const spareAssignment = (assigned.body as any[]).find((x) => x.userId === spare.userId);
      expect((await as(a.accessToken, 'DELETE', `/grading/assignments/${spareAssignment.id}`)).status).toBe(204);
      expect(await latest(a, spareAssignment.id, 'DELETE /api/v1/grading/assignments/:id')).toMatchObject({
        resourceType: 'grader_assignment',
        before: { paperId: paper.paperId, userId: spare.userId, questionId: null, lead: true },
        after: null,
      });

      // A candidate with every kind of personal data takes the paper and is marked.
      const candidate = { name: '赵六一', email: `zhao-${a.slug}@example.com`, phone: '+8613800138000', externalId: `ats-${a.slug}` };
      const invited = await invitation(api, a, paper.paperId, { candidate, externalId: `app-${a.slug}` });
      const taker = await submit(api, a, paper, { parcel: PARCEL_ANSWER, price: PRICE_ANSWER, single: 'B' }, invited);
      const marking = await queued(api, a, taker.attemptId);
      expect(await drain(api, paper, grader, (_, question) => ({ scores: question === 'parcel' ? [3, 5] : [2, 3] }))).toHaveLength(2);
      await until(async () => ((await call(api, a, 'GET', `/attempts/${taker.attemptId}/responses`)).attempt.status === 'graded' ? true : null), 'attempt graded');
      const parcelAnswer = marking.answers.find((x: any) => x.questionId === paper.q.parcel);
      expect((await as(a.accessToken, 'POST', `/grading/answers/${parcelAnswer.answerId}/override`, { points: 9, reason: '复核：方案完整' })).status).toBe(204);
      expect(await latest(a, parcelAnswer.answerId, 'override')).toMatchObject({
        resourceType: 'grading_answer',
        status: 204,
        before: { attemptId: taker.attemptId, finalPoints: 8 },
        after: { attemptId: taker.attemptId, finalPoints: 9, basis: 'override', reason: '复核：方案完整' },
      });
      const invitationEntry = await latest(a, invited.invitationId, 'POST /api/v1/invitations');
      expect(invitationEntry.body).toMatchObject({ paperId: paper.paperId, externalId: '[redacted]', candidate: { name: '[redacted]', email: '[redacted]', phone: '[redacted]', externalId: '[redacted]' } });

      // Nothing of the person is in the log, in any tenant's rows: erasing them never touches it.
      const owner = await connectAsOwner();
      try {
        const { rows } = await owner.query('SELECT to_jsonb(l)::text AS entry FROM audit_log l');
        const everything = rows.map((row: { entry: string }) => row.entry).join('\n');
        for (const personal of [candidate.name, candidate.email, candidate.phone, candidate.externalId, `app-${a.slug}`, PARCEL_ANSWER, PRICE_ANSWER, '安抚客户情绪']) {
          expect(everything).not.toContain(personal);
        }
        // The candidate's own requests (their link, autosave, submit) are not staff actions.
        expect(everything).not.toContain('/links/');
        expect(everything).not.toContain(`/attempts/${taker.attemptId}/submit`);
      } finally {
        await owner.end();
      }
    });

    it('is append-only: the application role may not change or delete entries, and a trigger refuses even the owner', async () => {
      const app = await connectAsApp();
      const owner = await connectAsOwner();
      try {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
        expect(Number((await app.query('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBeGreaterThan(0);
        await expect(app.query(`UPDATE audit_log SET status = 200`)).rejects.toThrow(/permission denied/);
        await app.query('ROLLBACK');
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
        await expect(app.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
        await app.query('ROLLBACK');
        await expect(owner.query(`UPDATE audit_log SET status = 200 WHERE tenant_id = $1`, [a.tenantId])).rejects.toThrow(/append-only: UPDATE refused/);
        await expect(owner.query(`DELETE FROM audit_log WHERE tenant_id = $1`, [a.tenantId])).rejects.toThrow(/append-only: DELETE refused/);
        await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only: TRUNCATE refused/);
      } finally {
        await app.end();
        await owner.end();
      }
    });

    it('another company sees nothing of it, in the list, the export and the database', async () => {
      const mine = await log(a, '?limit=200');
      expect(mine.length).toBeGreaterThan(5);
      expect((await as(b.accessToken, 'PATCH', '/tenant', { locale: 'en' })).status).toBe(200);
      const theirs = await log(b, '?limit=200');
      expect(theirs.map((e) => e.tenantId)).toEqual(theirs.map(() => b.tenantId));
      const theirIds = new Set(theirs.map((e) => e.id));
      expect(mine.some((e) => theirIds.has(e.id))).toBe(false);
      expect(await log(b, `?resourceId=${a.tenantId}`)).toEqual([]);
      const csv = await api.request('GET', '/api/v1/audit-log/export', { token: b.accessToken });
      for (const entry of mine) expect(csv.body).not.toContain(entry.id);
      // A recruiter of the company may not read it.
      expect((await as(await api.staff(a, 'recruiter'), 'GET', '/audit-log')).status).toBe(403);
      // Without a tenant in the transaction, row-level security shows no row at all.
      const app = await connectAsApp();
      try {
        expect((await app.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(0);
      } finally {
        await app.end();
      }
    });

    it('filters by actor, action, resource and time, and exports the filtered log as streamed CSV', async () => {
      const me = (await as(a.accessToken, 'GET', '/auth/me')).body.user.id;
      const before = new Date().toISOString();
      const role = await as(a.accessToken, 'POST', '/job-roles', { name: '=HYPERLINK("x")' });
      const all = await log(a, `?from=${encodeURIComponent(before)}`);
      expect(all.map((e) => e.resourceId)).toEqual([role.body.id]);
      expect(await log(a, `?from=${encodeURIComponent(before)}&actorUserId=${randomUUID()}`)).toEqual([]);
      expect((await log(a, `?actorUserId=${me}&resourceType=job-roles&method=POST&to=${encodeURIComponent(before)}`)).every((e) => e.resourceId !== role.body.id)).toBe(true);
      const bad = await as(a.accessToken, 'GET', '/audit-log?from=yesterday');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('from');

      const csv = await api.request('GET', `/api/v1/audit-log/export?from=${encodeURIComponent(before)}`, { token: a.accessToken });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="audit-log.csv"');
      const lines = String(csv.body).replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('"at","id","actor_user_id","actor_api_key_id","action","resource_type","resource_id","status","client_address","request_id","body","before","after"');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`"POST /api/v1/job-roles","job-roles","${role.body.id}","201"`);
      // The body as JSON, quoted for CSV.
      expect(lines[1]).toContain(`"{""name"":""=HYPERLINK(\\""x\\"")""}"`);
    });
  });

  describe('cursor pagination', () => {
    it('walks 250 entries without a duplicate or a gap while entries are written at the same time, ties on the timestamp included', async () => {
      const c = await api.signup();
      const me = (await as(c.accessToken, 'GET', '/auth/me')).body.user.id;
      const owner = await connectAsOwner();
      const writer = await connectAsOwner();
      try {
        // Three entries per millisecond, so the id must break ties.
        const { rows } = await owner.query(
          `INSERT INTO audit_log (tenant_id, at, actor_user_id, method, route, action, status)
           SELECT $1, timestamptz '2026-01-01T00:00:00Z' + (n / 3) * interval '1 millisecond', $2, 'POST', '/api/v1/x', 'POST /api/v1/x', 201
             FROM generate_series(0, 249) AS n RETURNING id`,
          [c.tenantId, me],
        );
        const originals = new Set(rows.map((row: { id: string }) => row.id));
        let writing = true;
        let written = 0;
        // Entries keep arriving while the pages are read: new ones, and ones dated inside the range already read.
        const writes = (async () => {
          while (writing) {
            await writer.query(
              `INSERT INTO audit_log (tenant_id, at, actor_user_id, method, route, action, status)
               VALUES ($1, now(), $2, 'POST', '/api/v1/y', 'POST /api/v1/y', 201), ($1, timestamptz '2026-01-01T00:00:00.040Z', $2, 'POST', '/api/v1/y', 'POST /api/v1/y', 201)`,
              [c.tenantId, me],
            );
            written += 2;
          }
        })();
        const seen: string[] = [];
        let pages = 0;
        try {
          for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
            const page = await as(c.accessToken, 'GET', `/audit-log?limit=17${cursor ? `&cursor=${cursor}` : ''}`);
            expect(page.status).toBe(200);
            expect(page.body.items.length).toBeLessThanOrEqual(17);
            seen.push(...page.body.items.map((e: any) => e.id));
            cursor = page.body.next;
            pages += 1;
            // At least one write lands between the first page and the rest.
            if (pages === 1) await until(async () => written >= 2, 'an entry written during the walk');
          }
        } finally {
          writing = false;
          await writes;
        }
        expect(written).toBeGreaterThan(0);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.filter((id) => originals.has(id))).toHaveLength(250);
        expect(pages).toBeGreaterThanOrEqual(15);
      } finally {
        await owner.end();
        await writer.end();
      }
    });

    it('pages invitations, candidates and webhook deliveries by cursor as well as by page number; a bad cursor is 400 naming it', async () => {
      const c = await api.signup();
      const paper = await objectivePaper(api, c, {}, false);
      const ids: string[] = [];
      for (let n = 0; n < 5; n += 1) {
        ids.unshift((await call(api, c, 'POST', '/invitations', { paperId: paper.paperId, candidate: { name: `考生${n}`, email: `c${n}-${c.slug}@example.com` }, closesAt: new Date(Date.now() + 86_400_000).toISOString() })).id);
      }
      const byPage = await as(c.accessToken, 'GET', `/invitations?page=1&pageSize=2`);
      expect(byPage.body).toMatchObject({ total: 5, page: 1, pageSize: 2, next: expect.any(String) });
      expect(byPage.body.items.map((i: any) => i.id)).toEqual(ids.slice(0, 2));
      const walk = async (url: string, limit: number, start?: string) => {
        const found: string[] = [];
        for (let cursor = start ?? null, first = true; first || cursor !== null; first = false) {
          const page = await as(c.accessToken, 'GET', `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
          expect(page.status).toBe(200);
          expect(page.body).toMatchObject({ total: null, page: null, pageSize: limit });
          found.push(...page.body.items.map((i: any) => i.id));
          cursor = page.body.next;
        }
        return found;
      };
      // Continuing from a numbered page by its `next`.
      expect(await walk('/invitations', 2, byPage.body.next)).toEqual(ids.slice(2));
      expect(await walk('/invitations', 2)).toEqual(ids);
      const candidates = await walk('/candidates', 3);
      expect(candidates).toHaveLength(5);
      expect((await as(c.accessToken, 'GET', '/candidates')).body.items.map((x: any) => x.id)).toEqual(candidates);

      const receiver = await TestWebhookReceiver.start();
      receivers.push(receiver);
      const hook = (await call(api, c, 'POST', '/webhooks', { url: receiver.url(), events: ['paper.published'] })).id;
      for (let n = 0; n < 3; n += 1) await call(api, c, 'POST', `/papers/${paper.paperId}/publish`, {});
      const deliveries = await walk(`/webhooks/${hook}/deliveries`, 2);
      expect(deliveries).toHaveLength(3);
      expect((await as(c.accessToken, 'GET', `/webhooks/${hook}/deliveries`)).body.items.map((d: any) => d.id)).toEqual(deliveries);

      const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
      for (const url of ['/invitations', '/candidates', `/webhooks/${hook}/deliveries`, '/audit-log']) {
        for (const cursor of ['not a cursor!', forged]) {
          const bad = await as(c.accessToken, 'GET', `${url}?cursor=${encodeURIComponent(cursor)}`);
          expect(bad.status).toBe(400);
          expect(bad.body).toMatchObject({ code: 'request.invalid_cursor', errors: [{ field: 'cursor', reason: expect.any(String) }] });
        }
      }
    });
  });

  describe('results per candidate for an ATS', () => {
    it("answers each attempt's score, pass/fail, band, percentile and competencies from the role report, by id and by ATS id, and never answers", async () => {
      const paper = await openPaper(api, a);
      const grader = await assignedGrader(api, a, paper.paperId);
      const externalId = `ats-results-${a.slug}`;
      const invited = await invitation(api, a, paper.paperId, { candidate: { name: '钱七', email: `qian-${a.slug}@example.com`, externalId }, externalId: `application-${a.slug}` });
      const taker = await submit(api, a, paper, { parcel: PARCEL_ANSWER, price: PRICE_ANSWER, single: 'B' }, invited);
      await queued(api, a, taker.attemptId);
      const key = (await call(api, a, 'POST', '/api-keys', { name: 'ATS pull', scopes: ['recruiter'] })).key as string;

      // Before marking: the attempt is there, without a final score.
      const early = await as(key, 'GET', `/candidates/${invited.candidateId}/results`);
      expect(early.status).toBe(200);
      expect(early.body.attempts).toEqual([expect.objectContaining({ attemptId: taker.attemptId, status: 'awaiting_grading', final: false, score: null, passed: null })]);

      expect(await drain(api, paper, grader, (_, question) => ({ scores: question === 'parcel' ? [4, 5] : [2, 3] }))).toHaveLength(2);
      const jobRoleId = invited.jobRoleId;
      // The role report the results screen reads, once it holds this attempt as final, and the
      // results read from the same snapshot (a refresh in between is read again).
      const { standing, results } = await until(async () => {
        const row = await as(a.accessToken, 'GET', `/analytics/job-roles/${jobRoleId}/candidates/${taker.attemptId}`);
        if (row.status !== 200 || !row.body.candidate.final) return null;
        const pulled = await as(key, 'GET', `/candidates/${invited.candidateId}/results`);
        expect(pulled.status).toBe(200);
        return pulled.body.attempts[0].resultsComputedAt === row.body.computedAt ? { standing: row.body, results: pulled } : null;
      }, 'role report with the graded attempt');

      // 4 (single choice) + 9 + 5 of 20, pass mark 12.
      expect(results.body).toEqual({
        candidateId: invited.candidateId,
        externalId,
        attempts: [
          {
            attemptId: taker.attemptId,
            invitationId: invited.invitationId,
            invitationExternalId: `application-${a.slug}`,
            paperId: paper.paperId,
            paperTitle: '客服阅卷',
            paperVersionId: expect.any(String),
            version: 1,
            jobRoleId,
            status: 'graded',
            final: true,
            startedAt: expect.any(String),
            submittedAt: expect.any(String),
            score: 18,
            maxScore: 20,
            percent: 90,
            passed: true,
            band: standing.candidate.band ? { ...standing.candidate.band, unit: 'percent' } : null,
            percentile: standing.candidate.percentile,
            rank: standing.candidate.rank,
            normGroupSize: standing.report.reliability.normGroupSize,
            competencies: standing.candidate.competencies.map(({ competency, score }: any) => ({ competency, score })),
            resultsComputedAt: standing.computedAt,
            reportUrl: `${loadConfig(process.env).PUBLIC_URL.replace(/\/+$/, '')}/staff/results/job-roles/${jobRoleId}/candidates/${taker.attemptId}`,
          },
        ],
      });
      expect(results.body.attempts[0].normGroupSize).toBeGreaterThanOrEqual(1);
      const byExternal = await as(key, 'GET', `/candidates/external/${encodeURIComponent(externalId)}/results`);
      expect(byExternal.body).toEqual(results.body);
      // Never answers, keys, rubrics or the questions themselves.
      const text = JSON.stringify(results.body);
      for (const content of [PARCEL_ANSWER, PRICE_ANSWER, '倾听共情', '沟通', '客户的包裹丢失了', '安抚情绪，表示理解和歉意', '钱七', `qian-${a.slug}`]) expect(text).not.toContain(content);

      // Another company: 404 by id and by ATS id, exactly like a missing candidate.
      for (const url of [`/candidates/${invited.candidateId}/results`, `/candidates/external/${encodeURIComponent(externalId)}/results`, `/candidates/${randomUUID()}/results`]) {
        const other = await as(b.accessToken, 'GET', url);
        expect(other.status).toBe(404);
        expect(other.body.code).toBe('candidate.not_found');
      }
      expect((await as(a.accessToken, 'GET', '/candidates/not-a-uuid/results')).status).toBe(400);
      // A grader has no access to results.
      expect((await as(grader.token, 'GET', `/candidates/${invited.candidateId}/results`)).status).toBe(403);
    });
  });
});
