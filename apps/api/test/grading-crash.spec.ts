import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { loadConfig, redisOptions } from '@assay/core';
import { connectAsOwner } from '@assay/testing';
import { until } from '@assay/testing';
import { call } from './attempts-fixtures';
import { newGrader, openPaper, queued, submit } from './grading-fixtures';
import { exited, spawnProcess } from './processes';
import { TestApi } from './test-api';

/**
 * Finalisation is exactly once even when the worker dies in the middle of it: the job's
 * transaction is held open on a row lock, the worker is killed, and a new worker redoes it.
 */
describe('grading finalisation across a worker crash', () => {
  let api: TestApi;
  let env: Record<string, string>;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    // Short locks so the restarted worker takes over the dead worker's job within seconds.
    env = { REDIS_PREFIX: `assay-test-gcrash-${randomBytes(4).toString('hex')}`, LINK_RATE_LIMIT: '100000', QUEUE_LOCK_MS: '2000', QUEUE_STALLED_CHECK_MS: '1000' };
    api = await TestApi.start(env);
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await api.close();
  });

  it('finalises an attempt exactly once when the worker is killed mid-job', async () => {
    const tenant = await api.signup();
    const paper = await openPaper(api, tenant);
    const grader = await newGrader(api, tenant);
    await call(api, tenant, 'POST', `/grading/papers/${paper.paperId}/assignments`, { userId: grader.userId });
    const first = spawnProcess('worker', env);
    workers.push(first);
    const { attemptId, invitationId } = await submit(api, tenant, paper, { parcel: '安抚客户情绪，核实物流信息。', price: '倾听并退差价。', single: 'B' });
    // The worker process compiles its TypeScript at start: allow it time on a loaded machine.
    await queued(api, tenant, attemptId);

    const blocker = await connectAsOwner();
    const watcher = await connectAsOwner();
    try {
      // The finalisation will wait on the invitation row, mid-transaction, after updating the attempt.
      const { rows: [{ blockerPid }] } = await blocker.query('SELECT pg_backend_pid() AS "blockerPid"');
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM invitations WHERE id = $1 FOR UPDATE', [invitationId]);
      for (const scores of [[2, 3], [1, 2]]) {
        const task = (await api.request('POST', `/api/v1/grading/tasks/claim?paperId=${paper.paperId}`, { token: grader.token })).body.task;
        expect((await api.request('POST', `/api/v1/grading/tasks/${task.taskId}/marks`, { token: grader.token, body: { scores } })).status).toBe(204);
      }
      const [{ pid }] = await until(async () => {
        const { rows } = await watcher.query('SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))', [blockerPid]);
        return rows.length > 0 ? rows : null;
      }, 'the finalisation waiting on the invitation lock');
      first.kill('SIGKILL');
      await exited(first);
      await blocker.query('ROLLBACK');
      // The dead worker's transaction never commits: its backend aborts it and goes away.
      await until(async () => (await watcher.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rows.length === 0, 'the dead backend gone');
      expect((await call(api, tenant, 'GET', `/attempts/${attemptId}/responses`)).attempt.status).toBe('awaiting_grading');

      workers.push(spawnProcess('worker', env));
      const attempt = await until(async () => {
        const found = (await call(api, tenant, 'GET', `/attempts/${attemptId}/responses`)).attempt;
        return found.status === 'graded' ? found : null;
      }, 'graded by the new worker'); // it compiles its TypeScript at start, slow on a loaded machine
      // 4 (objective) + 5 + 3.
      expect(attempt.points).toBe(12);
      expect((await call(api, tenant, 'GET', `/invitations/${invitationId}`)).status).toBe('graded');

      const queue = new Queue('grading', { connection: redisOptions(loadConfig({ ...process.env, ...env }).REDIS_URL), prefix: env.REDIS_PREFIX });
      try {
        expect(await until(async () => (await queue.getJobState(`finalise-${attemptId}-r1`)) === 'completed', 'the job completed')).toBe(true);
      } finally {
        await queue.close();
      }
      const { rows } = await watcher.query('SELECT revision, points::float AS points, passed FROM grading_finalisations WHERE attempt_id = $1', [attemptId]);
      expect(rows).toEqual([{ revision: 1, points: 12, passed: true }]);
    } finally {
      await blocker.end();
      await watcher.end();
    }
  }, 360_000);
});
