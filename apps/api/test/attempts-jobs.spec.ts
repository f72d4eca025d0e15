import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AttemptJobs } from '@assay/attempts';
import { jobIdOf, JobName, loadConfig, redisOptions, TenantContext } from '@assay/core';
import { connectAsOwner, signal, until } from '@assay/testing';
import { Candidate, call, invitation, objectivePaper, pastDeadline, type ObjectivePaper } from './attempts-fixtures';
import { startWorker } from './test-worker';
import { TestApi, type SignedUpTenant } from './test-api';

describe('attempts in the worker: auto-submit at the deadline, the sweep, scoring', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let queue: Queue;
  let a: SignedUpTenant;

  const attempt = async (id: string) => (await call(api, a, 'GET', `/attempts/${id}/responses`)) as { attempt: Record<string, any>; responses: Record<string, any>[] };
  const settled = (id: string) =>
    until(async () => {
      const { attempt: found } = await attempt(id);
      return found.status === 'scored' || found.status === 'awaiting_grading' ? found : null;
    }, `attempt ${id} scored`);
  const deadlineJob = (attemptId: string) => jobIdOf(JobName.AttemptDeadline, { tenantId: a.tenantId, attemptId }) as string;
  // The start queues its deadline job after answering (not awaited): wait for the job itself.
  const queuedDeadline = (attemptId: string) => until(() => queue.getJob(deadlineJob(attemptId)), `the deadline job of ${attemptId}`);

  beforeAll(async () => {
    const env = { REDIS_PREFIX: `assay-test-att-${randomBytes(4).toString('hex')}`, LINK_RATE_LIMIT: '100000' };
    api = await TestApi.start(env);
    worker = await startWorker(env);
    const config = loadConfig({ ...process.env, ...env });
    queue = new Queue('attempts', { connection: redisOptions(config.REDIS_URL), prefix: env.REDIS_PREFIX });
    a = await api.signup();
  });
  afterAll(async () => {
    await queue.close();
    await worker.close();
    await api.close();
  });

  it('submits at the deadline by the delayed job even when the candidate is gone, then scores', async () => {
    const paper = await objectivePaper(api, a, { timerGraceSeconds: 0 });
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    const job = await queuedDeadline(candidate.attemptId);
    expect(await job.getState()).toBe('delayed');
    expect((await candidate.save(paper.q.single, 'B', 1)).status).toBe(200);
    expect((await candidate.save(paper.q.essay, { text: '补发并致歉。' }, 1)).status).toBe(200);
    // The deadline arrives (moved in the database rather than waited for), and with it the delayed job.
    await pastDeadline(candidate.attemptId);
    await job.promote();

    const scored = await settled(candidate.attemptId);
    // The essay waits for a grader: not final, the invitation stays submitted.
    expect(scored).toMatchObject({ submittedBy: 'deadline', status: 'awaiting_grading', points: 2, maxPoints: 21, pendingManual: 1 });
    expect((await call(api, a, 'GET', `/invitations/${inv.invitationId}`)).status).toBe('submitted');
  });

  it('the sweep submits an overdue attempt whose deadline job was lost', async () => {
    const paper = await objectivePaper(api, a, { timerGraceSeconds: 0 }, false);
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    await queuedDeadline(candidate.attemptId);
    expect(await queue.remove(deadlineJob(candidate.attemptId))).toBe(1); // Redis lost it
    expect((await candidate.save(paper.q.trueFalse, false, 1)).status).toBe(200);
    await pastDeadline(candidate.attemptId);
    expect((await attempt(candidate.attemptId)).attempt.status).toBe('in_progress');

    expect(await worker.get(AttemptJobs).sweep()).toBe('done');
    const scored = await settled(candidate.attemptId);
    expect(scored).toMatchObject({ submittedBy: 'sweep', status: 'scored', points: 1, maxPoints: 11, pendingManual: 0 });
    expect((await call(api, a, 'GET', `/invitations/${inv.invitationId}`)).status).toBe('graded');
    const events = await call(api, a, 'GET', `/attempts/${candidate.attemptId}/events`);
    expect(events.items.at(-1)).toMatchObject({ type: 'submitted', detail: { by: 'sweep' } });
  });

  it('the sweep re-queues scoring of a submitted attempt whose scoring job was lost', async () => {
    const paper = await objectivePaper(api, a, {}, false);
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    await candidate.save(paper.q.single, 'B', 1);
    const db = await connectAsOwner();
    try {
      // Submitted ten minutes ago and never scored: as if Redis was flushed right after the commit.
      await db.query(`UPDATE attempts SET status = 'submitted', submitted_at = now() - interval '10 minutes', submitted_by = 'candidate' WHERE id = $1`, [candidate.attemptId]);
    } finally {
      await db.end();
    }
    await worker.get(AttemptJobs).sweep();
    expect(await settled(candidate.attemptId)).toMatchObject({ status: 'scored', points: 2 });
  });

  it('submit racing a stream of saves: every acknowledged save is what gets scored, every save sent after the submission is refused with 409', async () => {
    const paper = await objectivePaper(api, a, {}, false);
    const inv = await invitation(api, a, paper.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    // Per question, a right answer on even seqs and a wrong one on odd: the score says which save scoring read.
    const choices: Record<string, [unknown, unknown]> = { [paper.q.single]: ['B', 'A'], [paper.q.trueFalse]: [false, true] };
    const points: Record<string, number> = { [paper.q.single]: 2, [paper.q.trueFalse]: 1 };
    const seqs: Record<string, number> = { [paper.q.single]: 0, [paper.q.trueFalse]: 0 };
    const acknowledged: Record<string, number> = { [paper.q.single]: 0, [paper.q.trueFalse]: 0 };
    const refusals: { code: string; sentAfterSubmission: boolean }[] = [];
    const unexpected: unknown[] = [];
    let saved = 0;
    let submissionAnswered = false;
    const enoughSaved = signal();

    // Four save loops per question, all in flight at once, each until the attempt refuses it.
    const loop = async (questionId: string) => {
      for (;;) {
        const seq = ++seqs[questionId];
        const sentAfterSubmission = submissionAnswered;
        const response = await candidate.save(questionId, choices[questionId][seq % 2], seq);
        if (response.status === 409) return refusals.push({ code: response.body.code, sentAfterSubmission });
        if (response.status !== 200 || sentAfterSubmission) return unexpected.push({ status: response.status, body: response.body, sentAfterSubmission });
        if (response.body.status === 'saved') acknowledged[questionId] = Math.max(acknowledged[questionId], seq);
        if (++saved === 20) enoughSaved.fire();
      }
    };
    const loops = Object.keys(choices).flatMap((questionId) => Array.from({ length: 4 }, () => loop(questionId)));
    await enoughSaved.promise;
    const submitted = await candidate.submit();
    submissionAnswered = true;
    await Promise.all(loops);

    expect(submitted.status).toBe(200);
    expect(unexpected).toEqual([]);
    expect(refusals).toHaveLength(8);
    expect(refusals.every((r) => r.code === 'attempt.submitted')).toBe(true);
    const scored = await settled(candidate.attemptId);
    const { responses } = await attempt(candidate.attemptId);
    for (const questionId of Object.keys(choices)) {
      const right = acknowledged[questionId] % 2 === 0;
      expect(responses.find((r) => r.questionId === questionId)).toMatchObject({
        seq: acknowledged[questionId],
        answer: choices[questionId][acknowledged[questionId] % 2],
        outcome: right ? 'correct' : 'incorrect',
        points: right ? points[questionId] : 0,
      });
    }
    const expected = Object.keys(choices).reduce((sum, q) => sum + (acknowledged[q] % 2 === 0 ? points[q] : 0), 0);
    expect(scored).toMatchObject({ status: 'scored', points: expected });
  });

  const answer = (c: Candidate, paper: ObjectivePaper, multiple: string[]) =>
    c.request('PUT', '/answers', {
      answers: [
        { questionId: paper.q.single, answer: 'B', seq: 1 },
        { questionId: paper.q.multiple, answer: multiple, seq: 1 },
        { questionId: paper.q.trueFalse, answer: false, seq: 1 },
        // Full-width digits normalise to "30"; the second blank is wrong.
        { questionId: paper.q.fillBlank, answer: ['３０', '90%'], seq: 1 },
        { questionId: paper.q.essay, answer: { text: '先安抚客户情绪,再核实并补发。' }, seq: 1 },
      ],
    });

  it.each([
    ['all_or_nothing', [0, 0]],
    ['partial', [0, 2]],
    ['partial_with_penalty', [2, 2]],
  ] as const)('scores every objective type under the %s policy, per response', async (policy, [overPicked, underPicked]) => {
    const paper = await objectivePaper(api, a, { multipleChoicePolicy: policy });
    const results = [];
    for (const multiple of [['A', 'B', 'C'], ['A']]) {
      const inv = await invitation(api, a, paper.paperId);
      const { candidate } = await Candidate.start(api, inv.linkToken);
      expect((await answer(candidate, paper, multiple)).status).toBe(200);
      expect((await candidate.submit()).status).toBe(200);
      const scored = await settled(candidate.attemptId);
      const { responses } = await attempt(candidate.attemptId);
      results.push({ scored, byQuestion: Object.fromEntries(responses.map((r) => [r.questionId, r])) });
    }
    for (const [index, expected] of [overPicked, underPicked].entries()) {
      const { scored, byQuestion } = results[index];
      expect(byQuestion[paper.q.single]).toMatchObject({ points: 2, maxPoints: 2, outcome: 'correct' });
      expect(byQuestion[paper.q.multiple]).toMatchObject({ points: expected, maxPoints: 4, outcome: expected === 0 ? 'incorrect' : 'partial' });
      expect(byQuestion[paper.q.trueFalse]).toMatchObject({ points: 1, outcome: 'correct' });
      expect(byQuestion[paper.q.fillBlank]).toMatchObject({ points: 2, maxPoints: 4, outcome: 'partial' });
      expect(byQuestion[paper.q.essay]).toMatchObject({ points: 0, maxPoints: 10, outcome: 'pending_manual' });
      expect(scored).toMatchObject({ status: 'awaiting_grading', points: 5 + expected, maxPoints: 21, pendingManual: 1 });
    }
  });

  it('an objective-only attempt is final at once; unanswered and malformed answers score 0; the candidate sees the score only if the paper allows', async () => {
    const shown = await objectivePaper(api, a, { showScoreToCandidate: true }, false);
    const inv = await invitation(api, a, shown.paperId);
    const { candidate } = await Candidate.start(api, inv.linkToken);
    await candidate.save(shown.q.single, 'B', 1);
    await candidate.save(shown.q.trueFalse, 'false', 1); // a string: malformed, but stored
    const submitted = await candidate.submit();
    expect(submitted.body).toMatchObject({ status: 'submitted', result: null });
    const scored = await settled(candidate.attemptId);
    expect(scored).toMatchObject({ status: 'scored', points: 2, maxPoints: 11, pendingManual: 0 });
    const { responses } = await attempt(candidate.attemptId);
    expect(responses.find((r) => r.questionId === shown.q.trueFalse)).toMatchObject({ answer: 'false', outcome: 'incorrect', malformed: true, points: 0 });
    expect(responses.find((r) => r.questionId === shown.q.multiple)).toMatchObject({ answer: null, outcome: 'unanswered', points: 0 });
    expect((await candidate.view()).body.result).toEqual({ points: 2, maxPoints: 11, pendingManual: 0 });
    expect((await candidate.submit()).body.result).toEqual({ points: 2, maxPoints: 11, pendingManual: 0 });
    expect((await call(api, a, 'GET', `/invitations/${inv.invitationId}`)).status).toBe('graded');

    const hidden = await objectivePaper(api, a, {}, false);
    const other = await Candidate.start(api, (await invitation(api, a, hidden.paperId)).linkToken);
    await other.candidate.save(hidden.q.single, 'B', 1);
    await other.candidate.submit();
    await settled(other.candidate.attemptId);
    expect((await other.candidate.view()).body.result).toBeNull();
    expect((await other.candidate.submit()).body.result).toBeNull();
  });

  it('retrying the scoring job changes nothing', async () => {
    const paper = await objectivePaper(api, a, { multipleChoicePolicy: 'partial' });
    const { candidate } = await Candidate.start(api, (await invitation(api, a, paper.paperId)).linkToken);
    await answer(candidate, paper, ['A']);
    await candidate.submit();
    const before = await settled(candidate.attemptId);
    const responsesBefore = (await attempt(candidate.attemptId)).responses;

    const jobs = worker.get(AttemptJobs);
    const asTenant = <T>(work: () => Promise<T>) => TenantContext.run({ tenantId: a.tenantId, userId: null, apiKeyId: null, roles: [] }, work);
    expect(await asTenant(() => jobs.score({ tenantId: a.tenantId, attemptId: candidate.attemptId }))).toBe('skipped');
    // Even a job that re-runs after its state was reset computes the same absolute values.
    const db = await connectAsOwner();
    try {
      await db.query(`UPDATE attempts SET status = 'submitted' WHERE id = $1`, [candidate.attemptId]);
    } finally {
      await db.end();
    }
    expect(await asTenant(() => jobs.score({ tenantId: a.tenantId, attemptId: candidate.attemptId }))).toBe('done');
    const after = (await attempt(candidate.attemptId)).attempt;
    expect({ ...after, scoredAt: null }).toEqual({ ...before, scoredAt: null });
    expect((await attempt(candidate.attemptId)).responses).toEqual(responsesBefore);
  });
});
