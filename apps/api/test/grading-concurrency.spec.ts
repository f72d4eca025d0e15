import { randomBytes, randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { TenantContext } from '@assay/core';
import { GradingJobs, GradingQueueService } from '@assay/grading';
import { connectAsOwner } from '@assay/testing';
import { openPaper, queued, submit } from './grading-fixtures';
import { startWorker } from './test-worker';
import { TestApi } from './test-api';

const TASKS = 5000;
const GRADERS = 50;

/**
 * The queue under contention: 50 graders claim from 5,000 open tasks at once, through the real
 * service on the real database (the HTTP layer is covered by grading.spec.ts).
 */
describe('grading queue: 50 graders, 5,000 tasks', () => {
  let api: TestApi;
  let worker: INestApplicationContext;

  // Starting the API and the worker and signing up (argon2) take long on a loaded machine.
  beforeAll(async () => {
    const env = { REDIS_PREFIX: `assay-test-gradingc-${randomBytes(4).toString('hex')}`, LINK_RATE_LIMIT: '100000' };
    api = await TestApi.start(env);
    worker = await startWorker(env);
  }, 120_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('no task is claimed twice, none is lost, and expired leases come back', async () => {
    const tenant = await api.signup();
    const paper = await openPaper(api, tenant);
    const { attemptId } = await submit(api, tenant, paper, { parcel: '安抚客户，核实物流。', price: '倾听。' });
    await queued(api, tenant, attemptId);
    const graderIds = Array.from({ length: GRADERS }, () => randomUUID());
    const owner = await connectAsOwner();
    try {
      // 5,000 more open answers of the script, each its own (synthetic) question, and 50 assigned graders.
      await owner.query(`DELETE FROM grading_tasks WHERE paper_id = $1`, [paper.paperId]);
      await owner.query(
        `INSERT INTO grading_questions (tenant_id, paper_version_id, question_id, position, stem, reference_answer, explanation, rubric, points, key_points)
         SELECT q.tenant_id, q.paper_version_id, gen_random_uuid(), 100 + n, q.stem, q.reference_answer, q.explanation, q.rubric, q.points, q.key_points
           FROM grading_questions q, generate_series(1, $2) AS n WHERE q.question_id = $1`,
        [paper.q.parcel, TASKS],
      );
      await owner.query(
        `INSERT INTO grading_answers (tenant_id, attempt_id, paper_id, paper_version_id, question_id, position, answer_text, max_points)
         SELECT q.tenant_id, $1, $2, q.paper_version_id, q.question_id, q.position, '回答', q.points FROM grading_questions q WHERE q.position >= 100
           AND q.paper_version_id = (SELECT paper_version_id FROM grading_scripts WHERE attempt_id = $1)`,
        [attemptId, paper.paperId],
      );
      await owner.query(
        `INSERT INTO grading_tasks (tenant_id, answer_id, paper_id, question_id, position, round)
         SELECT tenant_id, id, paper_id, question_id, position, 'first' FROM grading_answers WHERE attempt_id = $1 AND position >= 100`,
        [attemptId],
      );
      await owner.query(
        `INSERT INTO users (id, tenant_id, email, name, password_hash, roles) SELECT id, $1, id || '@graders.example.com', '阅卷员', 'x', ARRAY['grader'] FROM unnest($2::uuid[]) AS id`,
        [tenant.tenantId, graderIds],
      );
      await owner.query(`INSERT INTO grader_assignments (tenant_id, paper_id, user_id) SELECT $1, $2, id FROM unnest($3::uuid[]) AS id`, [tenant.tenantId, paper.paperId, graderIds]);
    } finally {
      await owner.end();
    }

    const queue = api.app.get(GradingQueueService);
    const as = <T>(graderId: string, work: () => Promise<T>) => TenantContext.run({ tenantId: tenant.tenantId, userId: graderId, apiKeyId: null, roles: ['grader'] }, work);
    const claimAll = (graderId: string) =>
      as(graderId, async () => {
        const mine: string[] = [];
        for (let task = await queue.claimNext(graderId, { paperId: paper.paperId }); task; task = await queue.claimNext(graderId, { paperId: paper.paperId })) mine.push(task.taskId);
        return mine;
      });

    const claimed = (await Promise.all(graderIds.map(claimAll))).flat();
    expect(claimed).toHaveLength(TASKS);
    expect(new Set(claimed).size).toBe(TASKS);

    // 100 graders' leases run out: exactly those tasks come back, once each.
    const expired = claimed.slice(0, 100);
    const db = await connectAsOwner();
    try {
      await db.query(`UPDATE grading_tasks SET lease_expires_at = now() - interval '1 second' WHERE id = ANY($1)`, [expired]);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM grading_tasks WHERE paper_id = $1 AND status = 'leased'`, [paper.paperId]);
      expect(rows[0].n).toBe(TASKS);
    } finally {
      await db.end();
    }
    expect(await worker.get(GradingJobs).releaseLeases()).toBe('done');
    const again = (await Promise.all(graderIds.slice(0, 10).map(claimAll))).flat();
    expect(again.sort()).toEqual([...expired].sort());
  }, 300_000);
});
