import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { JobName, loadConfig, QueueName, redisOptions } from '@assay/core';
import { connectAsOwner, TestSmtpServer, TestWebhookReceiver, until, type ReceivedWebhook } from '@assay/testing';
import { WEBHOOK_EVENT_TYPES } from '@assay/webhooks';
import { Candidate, call, invitation, objectivePaper } from './attempts-fixtures';
import { assignedGrader, drain, openPaper, queued, submit } from './grading-fixtures';
import { startWorker } from './test-worker';
import { TestApi, type SignedUpTenant } from './test-api';

/** The verification script of docs/integrations.md, run as the docs give it. */
function docsVerifier(): (secret: string, header: string, rawBody: string) => boolean {
  const docs = readFileSync(join(__dirname, '../../../docs/integrations.md'), 'utf8');
  const block = /<!-- verify-signature:start -->\s*```js\n([\s\S]*?)```\s*<!-- verify-signature:end -->/.exec(docs);
  if (!block) throw new Error('no verification script in docs/integrations.md');
  return new Function('require', `${block[1]}\nreturn verifyAssaySignature;`)(require);
}

describe('webhooks: signed, ordered, at-least-once deliveries from the outbox to real HTTP receivers', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let smtp: TestSmtpServer;
  let a: SignedUpTenant;
  let webhookQueue: Queue;
  const verify = docsVerifier();
  const receivers: TestWebhookReceiver[] = [];

  const as = (tenant: SignedUpTenant, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    api.request(method, `/api/v1${url}`, { token: tenant.accessToken, body });
  const receiver = async () => {
    const started = await TestWebhookReceiver.start();
    receivers.push(started);
    return started;
  };
  const register = async (target: TestWebhookReceiver, events: readonly string[]) => {
    const created = await as(a, 'POST', '/webhooks', { url: target.url(), events });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };
  const body = (request: ReceivedWebhook) => JSON.parse(request.body);
  const delivered = (request: ReceivedWebhook) => request.answered !== null && request.answered < 300;
  /** The endpoint's delivery log once none is pending: the receiver answers before the worker commits what it answered. */
  const settledLog = (id: string) =>
    until(async () => {
      const log = (await as(a, 'GET', `/webhooks/${id}/deliveries`)).body;
      return log.items.every((d: any) => d.status !== 'pending') ? log : null;
    }, `deliveries of ${id} settled`);
  /** Publishes the paper again: one `paper.published` per call. */
  const publish = async (paperId: string) => (await call(api, a, 'POST', `/papers/${paperId}/publish`, {})).id as string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const env = {
      SMTP_URL: smtp.url,
      REDIS_PREFIX: `assay-test-hooks-${randomBytes(4).toString('hex')}`,
      WEBHOOK_RETRY_BASE_MS: '50',
      // The receivers listen on 127.0.0.1; the refusal of private addresses has its own test below.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_DISABLE_AFTER_FAILURES: '3',
      WEBHOOK_DISABLE_AFTER_HOURS: '0',
    };
    api = await TestApi.start(env);
    worker = await startWorker(env);
    a = await api.signup();
    webhookQueue = new Queue(QueueName.Webhooks, { connection: redisOptions(loadConfig(process.env).REDIS_URL), prefix: env.REDIS_PREFIX });
  });
  afterAll(async () => {
    await webhookQueue.close();
    await worker.close();
    await api.close();
    for (const started of receivers) await started.close();
    await smtp.close();
  });

  it('lets admins register endpoints: http(s) only, no credentials, known events; the secret is shown once', async () => {
    const target = await receiver();
    for (const [url, reason] of [
      ['ftp://127.0.0.1/hooks', 'http:// or https://'],
      ['http://user:pass@127.0.0.1/hooks', 'user name or password'],
      ['not a url', 'absolute URL'],
    ]) {
      const refused = await as(a, 'POST', '/webhooks', { url, events: ['paper.published'] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'url', reason: expect.stringContaining(reason) })]);
    }
    const unknownEvent = await as(a, 'POST', '/webhooks', { url: target.url(), events: ['candidate.deleted'] });
    expect(unknownEvent.status).toBe(400);
    expect(unknownEvent.body.errors[0].field).toMatch(/^events/);

    const created = await register(target, ['paper.published']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const shown = await as(a, 'GET', `/webhooks/${created.id}`);
    expect(shown.body).toMatchObject({ url: target.url(), events: ['paper.published'], enabled: true, consecutiveFailures: 0 });
    expect(JSON.stringify(shown.body)).not.toContain('whsec_');
    expect(shown.body.secretSealed).toBeUndefined();
    const listed = await as(a, 'GET', `/webhooks?q=${encodeURIComponent(`127.0.0.1:${target.port}`)}`);
    expect(listed.body).toMatchObject({ total: 1, items: [{ id: created.id }] });

    const rotated = await as(a, 'POST', `/webhooks/${created.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.secret);

    const recruiter = await api.staff(a, 'recruiter');
    expect((await api.request('GET', '/api/v1/webhooks', { token: recruiter })).status).toBe(403);
    const b = await api.signup();
    expect((await as(b, 'GET', `/webhooks/${created.id}`)).status).toBe(404);
    expect((await as(a, 'DELETE', `/webhooks/${created.id}`)).status).toBe(204);
  });

  it('refuses private and loopback addresses unless WEBHOOK_ALLOW_PRIVATE_NETWORKS', async () => {
    const strict = await TestApi.start({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
    try {
      for (const url of ['http://127.0.0.1:8080/hooks', 'http://localhost/hooks', 'http://10.1.2.3/hooks', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hooks']) {
        const refused = await strict.request('POST', '/api/v1/webhooks', { token: a.accessToken, body: { url, events: ['paper.published'] } });
        expect(refused.status).toBe(400);
        expect(refused.body).toMatchObject({ code: 'webhook.private_address', errors: [{ field: 'url' }] });
      }
      const allowed = await strict.request('POST', '/api/v1/webhooks', { token: a.accessToken, body: { url: 'https://ats.example.com/hooks', events: ['paper.published'] } });
      expect(allowed.status).toBe(201);
      expect((await as(a, 'DELETE', `/webhooks/${allowed.body.id}`)).status).toBe(204);
    } finally {
      await strict.close();
    }
  });

  it("sends an invitation's life, in order, signed as the docs verify, with ids and never personal data", async () => {
    const paper = await objectivePaper(api, a, {}, false);
    const target = await receiver();
    const { secret } = await register(target, WEBHOOK_EVENT_TYPES);
    expect((await as(a, 'PATCH', `/papers/${paper.paperId}`, { passMark: 5 })).status).toBe(200);
    await publish(paper.paperId);
    const email = `hook-${randomBytes(3).toString('hex')}@example.com`;
    const invited = await invitation(api, a, paper.paperId, { candidate: { name: '韩梅梅', email, phone: '13900000000', externalId: 'ATS-77' }, externalId: 'APP-9' });
    expect(invited.externalId).toBe('APP-9');
    // Both ATS ids find it: exactly, and through the search.
    for (const query of ['externalId=APP-9', 'candidateExternalId=ATS-77', 'q=APP-9']) {
      expect((await as(a, 'GET', `/invitations?${query}`)).body).toMatchObject({ total: 1, items: [{ id: invited.invitationId }] });
    }
    expect((await as(a, 'GET', '/candidates?externalId=ATS-77')).body).toMatchObject({ total: 1, items: [{ id: invited.candidateId }] });
    await smtp.waitFor(1, (mail) => mail.to === email);
    // `sent` is written when the worker records the email; a candidate quicker than that is reported opened first.
    await target.waitFor(1, (request) => body(request).type === 'invitation.sent' && body(request).data.invitationId === invited.invitationId);
    expect((await api.request('GET', `/api/v1/links/${invited.linkToken}`)).status).toBe(200);
    const { candidate } = await Candidate.start(api, invited.linkToken);
    expect((await candidate.submit()).status).toBe(200);

    const ofInvitation = (request: ReceivedWebhook) => body(request).data.invitationId === invited.invitationId;
    await target.waitFor(1, (request) => ofInvitation(request) && body(request).type === 'invitation.failed');
    const received = target.received.filter(ofInvitation);
    expect(received.map((request) => body(request).type)).toEqual([
      'invitation.sent',
      'invitation.opened',
      'invitation.started',
      'invitation.submitted',
      'invitation.graded',
      'invitation.failed',
    ]);
    const sequences = target.received.map((request) => body(request).sequence);
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
    expect(body(target.received[0])).toMatchObject({ type: 'paper.published', data: { paperId: paper.paperId, version: 2 } });
    expect(body(received[4]).data).toEqual({
      invitationId: invited.invitationId,
      invitationExternalId: 'APP-9',
      candidateId: invited.candidateId,
      candidateExternalId: 'ATS-77',
      paperId: paper.paperId,
      jobRoleId: invited.jobRoleId,
      attemptId: candidate.attemptId,
      passed: false,
    });
    for (const request of target.received) {
      expect(verify(secret, String(request.headers['assay-signature']), request.body)).toBe(true);
      expect(request.headers['assay-event']).toBe(body(request).type);
      expect(request.body).not.toContain(email);
      expect(request.body).not.toContain('韩梅梅');
      expect(request.body).not.toContain('13900000000');
    }
    // A changed body, or another secret, does not verify.
    const first = target.received[0];
    expect(verify(secret, String(first.headers['assay-signature']), first.body.replace('"paper.published"', '"paper.publishe"'))).toBe(false);
    expect(verify(`${secret}x`, String(first.headers['assay-signature']), first.body)).toBe(false);
  });

  it('reports marking: graded with passed or failed per candidate, then marking finished for the paper once nothing is left to mark', async () => {
    const paper = await openPaper(api, a);
    const target = await receiver();
    await register(target, ['invitation.graded', 'invitation.passed', 'invitation.failed', 'paper.marking_finished']);
    const grader = await assignedGrader(api, a, paper.paperId);
    const good = await submit(api, a, paper, { parcel: '安抚，核实，补发', price: '倾听并退差价', single: 'B' });
    const poor = await submit(api, a, paper, { parcel: '不知道', price: '不知道', single: 'A' });

    // Once scored and queued: full marks for the good script (4 + 10 + 6 = 20 of pass mark 12), none for the poor one.
    const scripts = new Map([
      [(await queued(api, a, good.attemptId)).code, 'good'],
      [(await queued(api, a, poor.attemptId)).code, 'poor'],
    ]);
    await drain(api, paper, grader, (task) => {
      const full = task.question.rubric.map((criterion: { points: number }) => criterion.points);
      return { scores: scripts.get(task.code) === 'good' ? full : full.map(() => 0) };
    });

    await target.waitFor(1, (request) => body(request).type === 'paper.marking_finished');
    const events = target.received.map(body);
    const of = (attemptId: string) => events.filter((event) => event.data.attemptId === attemptId).map((event) => event.type);
    expect(of(good.attemptId)).toEqual(['invitation.graded', 'invitation.passed']);
    expect(of(poor.attemptId)).toEqual(['invitation.graded', 'invitation.failed']);
    const finished = events.filter((event) => event.type === 'paper.marking_finished');
    expect(finished).toEqual([expect.objectContaining({ data: { paperId: paper.paperId, paperVersionId: expect.any(String) } })]);
    // Reported after both results: the last event of all.
    expect(events.at(-1).type).toBe('paper.marking_finished');
  });

  it('holds newer events behind one that fails until the receiver recovers: nothing lost, order kept', async () => {
    const paper = await objectivePaper(api, a, {}, false);
    const target = await receiver();
    const { id } = await register(target, ['paper.published']);
    target.answerNext(500, 503);
    const versions = [await publish(paper.paperId), await publish(paper.paperId)];

    await target.waitFor(2, delivered);
    // The first event was tried three times (two failures, then 204) before the second was sent at all.
    expect(target.received.map((request) => body(request).data.paperVersionId)).toEqual([versions[0], versions[0], versions[0], versions[1]]);
    expect(target.received.slice(0, 3).map((request) => request.answered)).toEqual([500, 503, 204]);
    expect(new Set(target.received.slice(0, 3).map((request) => request.headers['assay-delivery'])).size).toBe(1);

    const log = await settledLog(id);
    expect(log.total).toBe(2);
    expect(log.items.map((d: any) => d.status)).toEqual(['delivered', 'delivered']);
    expect(log.items[1]).toMatchObject({ eventType: 'paper.published', attempts: 3, lastStatusCode: 204, nextAttemptAt: null, lastError: null });
    expect(log.items[0]).toMatchObject({ attempts: 1, lastStatusCode: 204 });
    expect(log.items[0].lastLatencyMs).toEqual(expect.any(Number));
    expect((await as(a, 'GET', `/webhooks/${id}`)).body).toMatchObject({ enabled: true, consecutiveFailures: 0, failingSince: null });
  });

  it('aborts a receiver that never answers and delivers on the retry', async () => {
    const paper = await objectivePaper(api, a, {}, false);
    const target = await receiver();
    const { id } = await register(target, ['paper.published']);
    target.answerNext('hang');
    await publish(paper.paperId);

    const [ok] = await target.waitFor(1, delivered);
    expect(target.received.map((request) => request.answered)).toEqual([null, 204]);
    expect(target.received[0].headers['assay-delivery']).toBe(ok.headers['assay-delivery']);
    expect((await settledLog(id)).items[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204 });
  });

  it('recovers a delivery whose job was lost (Redis flushed after the commit) through the sweep', async () => {
    const target = await receiver();
    const { id } = await register(target, ['paper.published']);
    const owner = await connectAsOwner();
    let eventId: string;
    try {
      // Written as a commit would, two minutes ago, with no job in Redis.
      const [event] = (
        await owner.query(`INSERT INTO webhook_events (tenant_id, type, payload) VALUES ($1, 'paper.published', '{"paperId": "lost"}') RETURNING id, sequence`, [a.tenantId])
      ).rows;
      eventId = event.id;
      await owner.query(`INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, sequence, next_attempt_at) VALUES ($1, $2, $3, $4, now() - interval '2 minutes')`, [
        a.tenantId,
        id,
        event.id,
        event.sequence,
      ]);
    } finally {
      await owner.end();
    }
    await webhookQueue.add(JobName.SweepWebhooks, {});
    const [request] = await target.waitFor(1, delivered);
    expect(body(request)).toMatchObject({ id: eventId, type: 'paper.published', data: { paperId: 'lost' } });
  });

  it('disables an endpoint after sustained failure, emails the admins, and sends what waited once re-enabled', async () => {
    const paper = await objectivePaper(api, a, {}, false);
    const target = await receiver();
    const { id } = await register(target, ['paper.published']);
    target.answerNext(500, 500, 500);
    const versions = [await publish(paper.paperId), await publish(paper.paperId)];

    const [notice] = await smtp.waitFor(1, (mail) => mail.to === a.email && mail.subject.includes('Webhook'));
    expect(notice.text).toContain(target.url());
    const disabled = (await as(a, 'GET', `/webhooks/${id}`)).body;
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: 3 });
    expect(disabled.disabledReason).toContain('HTTP 500');
    expect(target.received.map((request) => body(request).data.paperVersionId)).toEqual([versions[0], versions[0], versions[0]]);
    const pending = await as(a, 'GET', `/webhooks/${id}/deliveries?status=pending`);
    expect(pending.body.total).toBe(2);

    const enabled = await as(a, 'PATCH', `/webhooks/${id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledAt: null, consecutiveFailures: 0 });
    await target.waitFor(2, delivered);
    expect(target.received.filter(delivered).map((request) => body(request).data.paperVersionId)).toEqual(versions);

    // Redelivery by hand: the receiver lost the first one.
    const log = await settledLog(id);
    const firstDelivery = log.items.find((d: any) => d.sequence === Math.min(...log.items.map((x: any) => x.sequence)));
    const again = await as(a, 'POST', `/webhooks/${id}/deliveries/${firstDelivery.id}/redeliver`);
    expect(again.status).toBe(200);
    const redelivered = await target.waitFor(3, delivered);
    expect(body(redelivered[2]).data.paperVersionId).toBe(versions[0]);
    expect(redelivered[2].headers['assay-delivery']).toBe(firstDelivery.id);
  });
});
