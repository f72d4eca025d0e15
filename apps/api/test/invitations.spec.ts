import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { jobIdOf, JobName, loadConfig, QueueName, redactUrl, redisOptions, TenantContext } from '@assay/core';
import { ReminderJobs } from '@assay/invitations';
import { connectAsOwner, TestSmtpServer, until } from '@assay/testing';
import { publishedPaper, type PublishedPaperFixture } from './fixtures';
import { startWorker } from './test-worker';
import { TestApi, type SignedUpTenant } from './test-api';

const linkIn = (text: string): string => {
  const match = /http:\/\/localhost:\d+\/t\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[1];
};
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('invitations: personal links, email through the outbox, reminders, funnel', () => {
  let smtp: TestSmtpServer;
  let api: TestApi;
  let worker: INestApplicationContext;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let paper: PublishedPaperFixture;
  let reminders: Queue;

  const call = (method: 'GET' | 'POST', url: string, body?: unknown, tenant = a) =>
    api.request(method, `/api/v1${url}`, { token: tenant.accessToken, body });
  const invite = (email: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/invitations', { paperId: paper.paperId, candidate: { name: '张伟', email }, closesAt: inDays(3), ...extra });
  /** The emails to one address once `count` have arrived and the worker has recorded them as sent. */
  const mailTo = async (email: string, count = 1) => {
    const mails = await smtp.waitFor(count, (mail) => mail.to === email);
    const owner = await connectAsOwner();
    try {
      const recorded = async () => (await owner.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE to_address = $1 AND status = 'sent'`, [email])).rows[0].n >= count;
      await until(recorded, `${count} emails to ${email} recorded as sent`);
    } finally {
      await owner.end();
    }
    return mails;
  };
  /** The outbox rows of one invitation by kind and status: the database's record of every email. */
  const outbox = async (invitationId: string) => {
    const owner = await connectAsOwner();
    try {
      return (await owner.query('SELECT kind, status FROM outbox_messages WHERE invitation_id = $1 ORDER BY created_at', [invitationId])).rows;
    } finally {
      await owner.end();
    }
  };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const env = { SMTP_URL: smtp.url, PUBLIC_URL: 'http://localhost:3000', REDIS_PREFIX: `assay-test-inv-${randomBytes(4).toString('hex')}` };
    api = await TestApi.start(env);
    worker = await startWorker(env);
    reminders = new Queue(QueueName.Invitations, { connection: redisOptions(loadConfig(process.env).REDIS_URL), prefix: env.REDIS_PREFIX });
    [a, b] = [await api.signup(), await api.signup()];
    paper = await publishedPaper(api, a);
  });
  afterAll(async () => {
    await reminders.close();
    await worker.close();
    await api.close();
    await smtp.close();
  });

  it('emails the candidate a personal link that opens the right invitation without starting the clock', async () => {
    const created = await invite('zhang.wei@example.com', { candidate: { name: '张伟', email: 'Zhang.Wei@Example.com', phone: '13800000000', externalId: 'ATS-1' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'created', paperId: paper.paperId, jobRoleId: paper.jobRoleId, candidate: { email: 'zhang.wei@example.com' } });
    expect(created.body.tokenHash).toBeUndefined();

    const [mail] = await mailTo('zhang.wei@example.com');
    expect(mail.subject).toContain('在线客服专员笔试');
    expect(mail.subject).toContain(`公司 ${a.slug}`);
    expect(mail.text).toContain('张伟,您好');
    expect(mail.text).toContain('30 分钟');
    expect(mail.html).toContain('<a href="http://localhost:3000/t/');
    const token = linkIn(mail.text);

    const sent = await call('GET', `/invitations/${created.body.id}`);
    expect(sent.body.status).toBe('sent');

    const intro = await api.request('GET', `/api/v1/links/${token}`);
    expect(intro.status).toBe(200);
    expect(intro.body).toMatchObject({
      invitationId: created.body.id,
      candidateName: '张伟',
      paperTitle: '在线客服专员笔试',
      durationMinutes: 30,
      questionCount: 3,
      totalPoints: 20,
      status: 'opened',
      canStart: true,
      locale: 'zh-CN',
    });
    expect(JSON.stringify(intro.body)).not.toMatch(/answerKey|referenceAnswer|rubric/);

    // The emailed link opens the web app, which shows this intro (apps/api/test/candidate-browser.spec.ts).
    const page = await api.request('GET', `/t/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<div id="root">');

    const opened = await call('GET', `/invitations/${created.body.id}`);
    expect(opened.body).toMatchObject({ status: 'opened', startedAt: null });
    expect(opened.body.openedAt).not.toBeNull();
  });

  it('writes English emails when asked, with the extra time included', async () => {
    await invite('li.na@example.com', { locale: 'en', extraTimePercent: 50 });
    const [mail] = await mailTo('li.na@example.com');
    expect(mail.subject).toMatch(/invites you to an online assessment/);
    expect(mail.text).toContain('Time allowed: 45 minutes');
  });

  it('refuses a second invitation of the same candidate to the same paper', async () => {
    await invite('wang.fang@example.com');
    const again = await invite('WANG.FANG@example.com');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('invitation.exists');
  });

  it('resend gives a new link and kills the old one; revoke kills the link', async () => {
    const created = await invite('zhao.lei@example.com');
    const [first] = await mailTo('zhao.lei@example.com');
    const oldToken = linkIn(first.text);
    expect((await call('POST', `/invitations/${created.body.id}/resend`)).status).toBe(200);
    const mails = await mailTo('zhao.lei@example.com', 2);
    const newToken = linkIn(mails[1].text);
    expect(newToken).not.toBe(oldToken);
    expect(mails[1].messageId).not.toBe(mails[0].messageId);

    const dead = await api.request('GET', `/api/v1/links/${oldToken}`);
    const garbage = await api.request('GET', `/api/v1/links/${'x'.repeat(43)}`);
    expect(dead.status).toBe(404);
    expect(dead.body.code).toBe('link.not_found');
    expect({ ...dead.body, instance: null, requestId: null }).toEqual({ ...garbage.body, instance: null, requestId: null });
    expect((await api.request('GET', `/api/v1/links/${newToken}`)).status).toBe(200);

    expect((await call('POST', `/invitations/${created.body.id}/revoke`)).body.status).toBe('revoked');
    const revoked = await api.request('GET', `/api/v1/links/${newToken}`);
    expect(revoked.status).toBe(404);
    expect(revoked.body.detail).toBe(garbage.body.detail);
  });

  it('an expired link is the same 404; extending the window revives it', async () => {
    const created = await invite('chen.jie@example.com', { opensAt: new Date(Date.now() - 3600_000).toISOString() });
    const [mail] = await mailTo('chen.jie@example.com');
    const token = linkIn(mail.text);
    // The window closes (moved in the database rather than waited for).
    const owner = await connectAsOwner();
    try {
      await owner.query(`UPDATE invitations SET closes_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
    } finally {
      await owner.end();
    }
    const expired = await api.request('GET', `/api/v1/links/${token}`);
    expect(expired.status).toBe(404);
    expect((await call('GET', `/invitations/${created.body.id}`)).body.status).toBe('expired');
    expect((await call('GET', `/invitations?status=expired&paperId=${paper.paperId}`)).body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);

    const extended = await call('POST', `/invitations/${created.body.id}/extend`, { closesAt: inDays(2) });
    expect(extended.body.status).toBe('sent');
    expect((await api.request('GET', `/api/v1/links/${token}`)).status).toBe(200);
    const earlier = await call('POST', `/invitations/${created.body.id}/extend`, { closesAt: inDays(1) });
    expect(earlier.status).toBe(400);
    expect(earlier.body.errors[0].field).toBe('closesAt');
  });

  it('keeps links secret: only hashes in the database, tokens masked in logs', async () => {
    await invite('sun.li@example.com');
    const token = linkIn((await mailTo('sun.li@example.com'))[0].text);
    const owner = await connectAsOwner();
    try {
      for (const table of ['invitations', 'outbox_messages']) {
        const found = await owner.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE $1`, [`%${token}%`]);
        expect({ table, n: found.rows[0].n }).toEqual({ table, n: 0 });
      }
    } finally {
      await owner.end();
    }
    expect(redactUrl(`/t/${token}`)).toBe('/t/[redacted]');
    expect(redactUrl(`/api/v1/links/${token}?x=1`)).toBe('/api/v1/links/[redacted]');
  });

  it('reminds candidates who have not started before the window closes, not revoked ones', async () => {
    const closesAt = new Date(Date.now() + 2 * 3600_000).toISOString();
    const kept = await invite('reminder.kept@example.com', { closesAt, reminderHours: [1] });
    const dropped = await invite('reminder.dropped@example.com', { closesAt, reminderHours: [1] });
    await mailTo('reminder.kept@example.com');
    await mailTo('reminder.dropped@example.com');
    await call('POST', `/invitations/${dropped.body.id}/revoke`);
    // The reminders are due in an hour: bring each one due now instead of waiting.
    const reminderJob = (invitationId: string) =>
      reminders.getJob(jobIdOf(JobName.RemindInvitation, { tenantId: a.tenantId, invitationId, reminder: 1, closesAt }) as string);
    const due = await reminderJob(kept.body.id);
    expect(await due?.getState()).toBe('delayed');
    await due?.promote();
    const [, reminder] = await mailTo('reminder.kept@example.com', 2);
    expect(reminder.subject).toMatch(/^提醒/);
    expect(linkIn(reminder.text)).toBe(linkIn((await mailTo('reminder.kept@example.com'))[0].text));
    // The revoked invitation's reminder was cancelled; had it survived, it runs now and must skip.
    const stale = await reminderJob(dropped.body.id);
    if (stale) {
      await stale.promote();
      await until(async () => (await stale.getState()) === 'completed', 'the revoked invitation\'s reminder to run');
      expect((await reminderJob(dropped.body.id))?.returnvalue).toBe('skipped');
    }
    expect(await outbox(dropped.body.id)).toEqual([{ kind: 'invitation', status: 'sent' }]);
    expect(smtp.to('reminder.dropped@example.com')).toHaveLength(1);
    expect((await call('GET', `/invitations/${kept.body.id}`)).body.status).toBe('sent');
  });

  it('a reminder job run twice (a retry) writes one reminder, not two', async () => {
    const created = await invite('reminder.retry@example.com', { reminderHours: [24] });
    await mailTo('reminder.retry@example.com');
    const payload = { tenantId: a.tenantId, invitationId: created.body.id, reminder: 1, closesAt: created.body.closesAt };
    const jobs = worker.get(ReminderJobs);
    await TenantContext.run({ tenantId: a.tenantId, userId: null, apiKeyId: null, roles: [] }, async () => {
      await jobs.remind(payload);
      await jobs.remind(payload);
    });
    await mailTo('reminder.retry@example.com', 2);
    // Every email is an outbox row: one invitation and one reminder, both sent, so no third email is coming.
    expect(await outbox(created.body.id)).toEqual([
      { kind: 'invitation', status: 'sent' },
      { kind: 'reminder', status: 'sent' },
    ]);
    expect(smtp.to('reminder.retry@example.com')).toHaveLength(2);
  });

  it('another tenant sees none of it (404)', async () => {
    const created = await invite('private@example.com');
    // Its email is sent before the next test counts the funnel, which no send may change midway.
    await mailTo('private@example.com');
    for (const url of [`/invitations/${created.body.id}`, `/candidates/${created.body.candidateId}`]) {
      expect((await call('GET', url, undefined, b)).status).toBe(404);
    }
    expect((await call('POST', `/invitations/${created.body.id}/resend`, undefined, b)).status).toBe(404);
    expect((await call('POST', '/invitations', { paperId: paper.paperId, candidate: { name: 'x', email: 'x@example.com' }, closesAt: inDays(1) }, b)).status).toBe(404);
    expect((await call('GET', '/invitations/funnel', undefined, b)).body.total).toBe(0);
  });

  it('reports the funnel per paper and per role, lists by status and exports CSV', async () => {
    const funnel = await call('GET', `/invitations/funnel?paperId=${paper.paperId}`);
    const list = await call('GET', `/invitations?paperId=${paper.paperId}&pageSize=200`);
    expect(funnel.body.total).toBe(list.body.total);
    const byStatus = list.body.items.reduce((acc: Record<string, number>, i: { status: string }) => ({ ...acc, [i.status]: (acc[i.status] ?? 0) + 1 }), {});
    for (const [status, n] of Object.entries(funnel.body.counts)) expect({ status, n }).toEqual({ status, n: byStatus[status] ?? 0 });
    expect(funnel.body.counts.revoked).toBeGreaterThanOrEqual(2);
    expect((await call('GET', `/invitations/funnel?jobRoleId=${paper.jobRoleId}`)).body).toEqual(funnel.body);

    const revoked = await call('GET', `/invitations?status=revoked&paperId=${paper.paperId}`);
    expect(revoked.body.items.every((i: { status: string }) => i.status === 'revoked')).toBe(true);
    const search = await call('GET', `/invitations?q=${encodeURIComponent('zhang.wei')}`);
    expect(search.body.items.map((i: { candidate: { email: string } }) => i.candidate.email)).toEqual(['zhang.wei@example.com']);

    const csv = await call('GET', `/invitations/export?paperId=${paper.paperId}&status=revoked`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = (csv.body as string).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('name,email,external_id,status,opens_at,closes_at,sent_at,opened_at,started_at,submitted_at,invitation_id');
    expect(lines).toHaveLength(revoked.body.total + 1);
  });

  it('validates input and names the field', async () => {
    const bad = await call('POST', '/invitations', { paperId: 'nope', candidate: { name: '', email: 'bad' }, closesAt: 'tomorrow', extraTimePercent: 500 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['candidate.email', 'candidate.name', 'closesAt', 'extraTimePercent', 'paperId']);
    const past = await invite('past@example.com', { closesAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('closesAt');
  });
});
