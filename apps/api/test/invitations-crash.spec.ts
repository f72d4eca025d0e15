import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { jobIdOf, JobName, loadConfig, QueueName, redisOptions } from '@assay/core';
import { connectAsOwner, TestSmtpServer, until } from '@assay/testing';
import { publishedPaper } from './fixtures';
import { exited, spawnProcess } from './processes';
import { TestApi } from './test-api';

/**
 * A worker killed while its emails are in the middle of their SMTP transactions: after a restart
 * every email arrives exactly once. (The one window no SMTP client can close, between the
 * server's "250 OK" and the database commit, is documented in docs/invitations.md.)
 */
describe('outbox delivery across a worker crash', () => {
  let smtp: TestSmtpServer;
  let api: TestApi;
  let env: Record<string, string>;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    // Short locks so the restarted worker takes over the dead worker's job within seconds.
    env = { SMTP_URL: smtp.url, REDIS_PREFIX: `assay-test-crash-${randomBytes(4).toString('hex')}`, QUEUE_LOCK_MS: '2000', QUEUE_STALLED_CHECK_MS: '1000' };
    api = await TestApi.start(env);
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await api.close();
    await smtp.close();
  });

  it('delivers each invitation email exactly once after a SIGKILL mid-send', async () => {
    const tenant = await api.signup();
    const paper = await publishedPaper(api, tenant);
    const emails = Array.from({ length: 5 }, (_, i) => `crash${i}@example.com`);
    const held = smtp.hold(emails.length);
    const first = spawnProcess('worker', env);
    workers.push(first);

    const invitationIds: string[] = [];
    for (const email of emails) {
      const created = await api.request('POST', '/api/v1/invitations', {
        token: tenant.accessToken,
        body: { paperId: paper.paperId, candidate: { name: '候选人', email }, closesAt: new Date(Date.now() + 86_400_000).toISOString() },
      });
      expect(created.status).toBe(201);
      invitationIds.push(created.body.id);
    }

    const died = new Promise((_, reject) => first.once('exit', (code) => reject(new Error(`worker exited (${code}) before sending`))));
    died.catch(() => undefined);
    await Promise.race([held, died]); // every message is in the middle of its SMTP transaction
    first.kill('SIGKILL');
    await exited(first);
    smtp.releaseHeld(); // the dead client never saw a 250: nothing was delivered

    workers.push(spawnProcess('worker', env));
    await smtp.waitFor(emails.length, (mail) => emails.includes(mail.to));
    // A duplicate could only come from a send job still to run: wait until every outbox row's job has finished.
    const owner = await connectAsOwner();
    const mail = new Queue(QueueName.Mail, { connection: redisOptions(loadConfig(process.env).REDIS_URL), prefix: env.REDIS_PREFIX });
    try {
      const { rows } = await owner.query('SELECT tenant_id, id FROM outbox_messages WHERE invitation_id = ANY($1)', [invitationIds]);
      expect(rows).toHaveLength(emails.length);
      const jobOf = (row: { tenant_id: string; id: string }) => mail.getJob(jobIdOf(JobName.SendOutboxMessage, { tenantId: row.tenant_id, outboxId: row.id }) as string);
      const states = () => Promise.all(rows.map(async (row) => (await jobOf(row))?.getState()));
      await until(async () => (await states()).every((state) => state === 'completed'), 'every send job to complete');

      const delivered = smtp.received.filter((m) => emails.includes(m.to));
      expect(delivered.map((m) => m.to).sort()).toEqual([...emails].sort());
      expect(new Set(delivered.map((m) => m.messageId)).size).toBe(emails.length);
      const byStatus = await owner.query(`SELECT status, count(*)::int AS n FROM outbox_messages WHERE invitation_id = ANY($1) GROUP BY status`, [invitationIds]);
      expect(byStatus.rows).toEqual([{ status: 'sent', n: emails.length }]);
    } finally {
      await Promise.all([owner.end(), mail.close()]);
    }
  });
});
