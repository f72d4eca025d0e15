import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AttemptJobs } from '@assay/attempts';
import { jobIdOf, JobName, JobQueue, redisOptions } from '@assay/core';
import { ReminderJobs } from '@assay/invitations';
import { connectAsOwner, OwnRedis, TestSmtpServer, until } from '@assay/testing';
import { call, Candidate, invitation, objectivePaper, type ObjectivePaper } from './attempts-fixtures';
import { freePort } from './processes';
import { startWorker } from './test-worker';
import { TestApi, type SignedUpTenant } from './test-api';

/**
 * The API started while its Redis is down (a port nobody listens on). A candidate opens the
 * link, starts, saves and submits, and staff sign up and log in, with every Redis side effect
 * failing. Then a real redis-server comes up on that port, a worker starts, and the sweeps catch
 * up from the database: the lost email is sent, the lost deadline submits the attempt left
 * running, the lost scoring scores both, and reminders are queued again.
 */
describe('a Redis outage never stops a candidate; the work catches up when Redis is back', () => {
  let smtp: TestSmtpServer;
  let api: TestApi;
  let redis: OwnRedis | null = null;
  let worker: INestApplicationContext | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const port = await freePort();
    env = {
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_PREFIX: `assay-test-outage-${randomBytes(4).toString('hex')}`,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'http://localhost:3000',
      AUTH_RATE_LIMIT: '5',
    };
    api = await TestApi.start(env);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await redis?.stop();
    await smtp.close();
  }, 120_000);

  // A generous limit, not a timing: each call reaching for the dead Redis waits up to PRODUCER_TIMEOUT_MS.
  it('serves candidates and staff without Redis, then catches up on deadline, scoring, email and reminders', async () => {
    // --- Redis down -------------------------------------------------------------------------
    const health = await api.request('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'degraded', info: { database: { status: 'up' } }, error: { redis: { status: 'down' } } });

    const a: SignedUpTenant = await api.signup();
    const login = await api.request('POST', '/api/v1/auth/login', { body: { email: a.email, password: a.password } });
    expect(login.status).toBe(200);
    // The login limit still holds, counted in this process.
    const guess = () => api.request('POST', '/api/v1/auth/login', { body: { email: a.email, password: 'wrong guess' }, remoteAddress: '127.0.0.77' });
    for (let i = 0; i < 5; i += 1) expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(429);

    const paper: ObjectivePaper = await objectivePaper(api, a, {}, false);
    const submitting = await invitation(api, a, paper.paperId);
    const leaving = await invitation(api, a, paper.paperId);
    // Emailed later; its reminder (24 hours before the end) falls due ten minutes from now.
    const waiting = await call(api, a, 'POST', '/invitations', {
      paperId: paper.paperId,
      candidate: { name: '等待者', email: `waiting-${randomBytes(3).toString('hex')}@example.com` },
      closesAt: new Date(Date.now() + 24 * 3600_000 + 10 * 60_000).toISOString(),
    });

    const intro = await api.request('GET', `/api/v1/links/${submitting.linkToken}`);
    expect(intro.status).toBe(200);
    const { candidate } = await Candidate.start(api, submitting.linkToken);
    expect((await candidate.save(paper.q.single, 'B', 1)).status).toBe(200);
    expect((await candidate.save(paper.q.trueFalse, false, 1)).status).toBe(200);
    const submitted = await candidate.submit();
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');

    const { candidate: gone } = await Candidate.start(api, leaving.linkToken);
    expect((await gone.save(paper.q.single, 'A', 1)).status).toBe(200);

    // Nothing reached Redis: no email went out, nothing is scored.
    expect(smtp.received).toHaveLength(0);
    const db = await connectAsOwner();
    try {
      const statusOf = async (attemptId: string) =>
        ((await db.query('SELECT status, submitted_by FROM attempts WHERE id = $1', [attemptId])).rows[0] as { status: string; submitted_by: string | null });
      expect(await statusOf(candidate.attemptId)).toEqual({ status: 'submitted', submitted_by: 'candidate' });
      expect(await statusOf(gone.attemptId)).toEqual({ status: 'in_progress', submitted_by: null });

      // --- Redis back -------------------------------------------------------------------------
      // The sweeps' thresholds, passed: the email pending for minutes, the attempt left running
      // past its deadline, the submission unscored for minutes (as if the outage lasted that long).
      await db.query(`UPDATE outbox_messages SET created_at = now() - interval '10 minutes' WHERE tenant_id = $1`, [a.tenantId]);
      await db.query(`UPDATE attempts SET started_at = now() - interval '2 hours', deadline = now() - interval '1 hour' WHERE id = $1`, [gone.attemptId]);
      await db.query(`UPDATE attempts SET submitted_at = now() - interval '10 minutes' WHERE id = $1`, [candidate.attemptId]);

      redis = await OwnRedis.start({ port: Number(new URL(env.REDIS_URL).port) });
      await until(async () => (await api.request('GET', '/api/health')).body.status === 'ok', 'the API to see Redis again');
      // The worker's own schedules may run a sweep first; each step below is idempotent, and the
      // test waits for the rows, not for a particular run.
      worker = await startWorker(env);
      const invitationsQueue = new Queue('invitations', { connection: redisOptions(env.REDIS_URL), prefix: env.REDIS_PREFIX });
      try {

        // Email: the outbox sweep queues the lost message; the candidate who never started gets it.
        await worker.get(JobQueue).enqueue(JobName.DispatchOutbox, {});
        const mails = await smtp.waitFor(1);
        expect(mails.map((m) => m.to)).toEqual([waiting.candidate.email]);

        // Deadline and scoring: the attempts sweep submits the one left running and re-queues the lost scoring.
        await worker.get(AttemptJobs).sweep();
        const settled = (attemptId: string) =>
          until(async () => {
            const row = await statusOf(attemptId);
            return row.status === 'scored' ? row : null;
          }, `attempt ${attemptId} scored`);
        expect(await settled(candidate.attemptId)).toEqual({ status: 'scored', submitted_by: 'candidate' });
        expect(await settled(gone.attemptId)).toEqual({ status: 'scored', submitted_by: 'sweep' });
        expect((await call(api, a, 'GET', `/invitations/${submitting.invitationId}`)).status).toBe('graded');

        // Reminders: the email scheduled the waiting candidate's reminder; lost again, the reminder sweep restores it.
        const reminder = { tenantId: a.tenantId, invitationId: waiting.id, reminder: 1, closesAt: new Date(waiting.closesAt).toISOString() };
        const reminderId = jobIdOf(JobName.RemindInvitation, reminder) as string;
        await until(async () => (await invitationsQueue.getJobState(reminderId)) === 'delayed', 'the reminder job');
        expect(await invitationsQueue.remove(reminderId)).toBe(1);
        expect(await worker.get(ReminderJobs).sweep()).toBe('done');
        expect(await invitationsQueue.getJobState(reminderId)).toBe('delayed');

        // The started candidates' reminders were never cancelled (Redis was down): they skip themselves.
        for (const started of [submitting, leaving]) {
          const closesAt = (await call(api, a, 'GET', `/invitations/${started.invitationId}`)).closesAt as string;
          expect(await worker.get(ReminderJobs).remind({ tenantId: a.tenantId, invitationId: started.invitationId, reminder: 1, closesAt })).toBe('skipped');
        }
      } finally {
        await invitationsQueue.close();
      }
    } finally {
      await db.end();
    }
  }, 300_000);
});
