import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { AnalyticsJobs } from '@assay/analytics';
import { GradingJobs } from '@assay/grading';
import { connectAsOwner } from '@assay/testing';
import { until } from '@assay/testing';
import { call } from './attempts-fixtures';
import { drain, newGrader, openPaper, queued, submit, type Grader } from './grading-fixtures';
import { startWorker } from './test-worker';
import { TestApi, type SignedUpTenant } from './test-api';


const GOOD_PARCEL = '先安抚客户情绪，表示理解并道歉；然后核实订单信息，查询物流轨迹；给出补发或退款的方案；最后跟进回访。';
const GOOD_PRICE = '耐心倾听客户的不满，解释价保规则，符合条件的给客户退差价。';

describe('grading: the blind queue, marking modes, finalisation', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let a: SignedUpTenant;

  const as = (grader: Grader | SignedUpTenant) => ('token' in grader ? grader.token : grader.accessToken);
  const post = (who: Grader | SignedUpTenant, url: string, body?: unknown) => api.request('POST', `/api/v1/grading${url}`, { token: as(who), body });
  const get = (who: Grader | SignedUpTenant, url: string) => api.request('GET', `/api/v1/grading${url}`, { token: as(who) });
  const claim = async (grader: Grader, paperId: string) => {
    const response = await post(grader, `/tasks/claim?paperId=${paperId}`);
    expect(response.status).toBe(200);
    return response.body.task;
  };
  const attemptOf = async (attemptId: string) => (await call(api, a, 'GET', `/attempts/${attemptId}/responses`)).attempt;
  const graded = (attemptId: string) => until(async () => ((await attemptOf(attemptId)).status === 'graded' ? attemptOf(attemptId) : null), `attempt ${attemptId} graded`);
  const assign = async (paperId: string, grader: Grader, extra: Record<string, unknown> = {}) =>
    expect((await post(a, `/papers/${paperId}/assignments`, { userId: grader.userId, ...extra })).status).toBe(201);
  const settings = async (paperId: string, body: Record<string, unknown>) =>
    expect((await api.request('PUT', `/api/v1/grading/papers/${paperId}/settings`, { token: a.accessToken, body })).status).toBe(200);

  // Starting the API and the worker and signing up (argon2) take long on a loaded machine.
  beforeAll(async () => {
    const env = { REDIS_PREFIX: `assay-test-grading-${randomBytes(4).toString('hex')}`, LINK_RATE_LIMIT: '100000' };
    api = await TestApi.start(env);
    worker = await startWorker(env);
    a = await api.signup();
  }, 120_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('single mode: blind tasks, rubric bounds, final total with pass/fail on the attempt and the invitation, finalised once', async () => {
    const paper = await openPaper(api, a);
    const grader = await newGrader(api, a);
    await assign(paper.paperId, grader);
    const { attemptId, invitationId } = await submit(api, a, paper, { parcel: GOOD_PARCEL, price: GOOD_PRICE, single: 'B' });
    const marking = await queued(api, a, attemptId);
    expect(marking.answers).toHaveLength(2);

    const task = await claim(grader, paper.paperId);
    // One question across candidates: the paper's first open question first.
    expect(task.question).toMatchObject({ id: paper.q.parcel, points: 10, halfPoints: true, rubric: [{ criterion: '沟通', points: 4 }, { criterion: '方案', points: 6 }] });
    expect(task.code).toBe(marking.code);
    expect(task.answer).toBe(GOOD_PARCEL);
    expect(task.suggestion.points).toBe(10);
    expect(task.suggestion.keyPoints.map((point: any) => point.label)).toEqual(['（1）', '（2）', '（3）', '（4）']);

    const bad = await post(grader, `/tasks/${task.taskId}/marks`, { scores: [4.5, 5.25] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'scores[0]', reason: '"沟通" is scored from 0 to 4, got 4.5' },
      { field: 'scores[1]', reason: '"方案" takes whole or half points, got 5.25' },
    ]);
    expect((await post(grader, `/tasks/${task.taskId}/marks`, { scores: [4] })).status).toBe(400);
    expect((await post(grader, `/tasks/${task.taskId}/marks`, { scores: [3.5, 5] })).status).toBe(204);
    // Marked once: the task is no longer this grader's.
    expect((await post(grader, `/tasks/${task.taskId}/marks`, { scores: [3.5, 5] })).body.code).toBe('grading.lease_lost');

    const second = await claim(grader, paper.paperId);
    expect(second.question.id).toBe(paper.q.price);
    const next = await post(grader, `/tasks/${second.taskId}/marks-and-next`, { scores: [2, 3], paperId: paper.paperId });
    expect(next.status).toBe(200);
    expect(next.body.task).toBeNull();

    // 4 (objective) + 8.5 + 5 = 17.5 >= 12.
    expect(await graded(attemptId)).toMatchObject({ status: 'graded', points: 17.5 });
    expect((await call(api, a, 'GET', `/invitations/${invitationId}`)).status).toBe('graded');
    const owner = await connectAsOwner();
    try {
      const { rows } = await owner.query('SELECT revision, points, passed FROM grading_finalisations WHERE attempt_id = $1', [attemptId]);
      expect(rows).toEqual([{ revision: 1, points: '17.50', passed: true }]);
      // Every final mark is on the attempt's responses and its result sheet (what the reports read), in question order.
      const [{ sheet, question_ids }] = (await owner.query('SELECT sheet, question_ids FROM attempts WHERE id = $1', [attemptId])).rows;
      const markOf = (questionId: string) => sheet.points[question_ids.indexOf(questionId)];
      expect([markOf(paper.q.parcel), markOf(paper.q.price)]).toEqual([8.5, 5]);
      expect(sheet.answers[question_ids.indexOf(paper.q.parcel)]).toBeNull();
      expect(sheet.answers[question_ids.indexOf(paper.q.single)]).toBe('B');
    } finally {
      await owner.end();
    }
    // A duplicated finalisation job changes nothing.
    expect(await worker.get(GradingJobs).finalise({ tenantId: a.tenantId, attemptId, revision: 1 })).toBe('skipped');
  });

  /** Nothing that identifies the candidate or reveals another mark, the round or the kind of task. */
  const expectBlind = (task: unknown) => {
    const text = JSON.stringify(task);
    for (const secret of ['考生', '@example.com', 'graderId', '"marks"', '"round"', '"kind"', 'expected', 'invitation', 'attemptId']) expect(text).not.toContain(secret);
  };

  it('double mode: agreeing marks averaged, a third mark averaged with the closest, arbitration by a lead; nobody marks one answer twice', async () => {
    const paper = await openPaper(api, a);
    await settings(paper.paperId, { mode: 'double', tolerance: { kind: 'points', value: 2 }, halfPoints: true, selfCheckEvery: 0 });
    const [g1, g2, g3] = [await newGrader(api, a), await newGrader(api, a), await newGrader(api, a)];
    for (const g of [g1, g2, g3]) await assign(paper.paperId, g);
    const x = await submit(api, a, paper, { parcel: GOOD_PARCEL, price: GOOD_PRICE });
    const y = await submit(api, a, paper, { parcel: '我会向客户道歉并查询物流。', price: '倾听并解释规则。' });
    const z = await submit(api, a, paper, { parcel: '让客户等一等，我去问问快递。', price: '告诉客户价格是公司定的。' });
    const code = new Map<string, string>();
    for (const [name, sub] of [['x', x], ['y', y], ['z', z]] as const) code.set((await queued(api, a, sub.attemptId)).code, name);
    const scores: Record<string, Record<string, Record<string, number[]>>> = {
      g1: { x: { parcel: [3, 5], price: [2, 2] }, y: { parcel: [1, 1], price: [2, 4] }, z: { parcel: [0, 1], price: [1, 1] } },
      g2: { x: { parcel: [4, 5], price: [2, 3] }, y: { parcel: [4, 5], price: [2, 4] }, z: { parcel: [4, 6], price: [1, 2] } },
      g3: { y: { parcel: [4, 4] }, z: { parcel: [2, 3] } },
    };
    // Each grader drains the queue in turn, scoring by the answer's anonymous code.
    const by = (name: string) => (task: { code: string }, question: 'parcel' | 'price') => ({ scores: scores[name][code.get(task.code) as string][question] });

    const first = await drain(api, paper, g1, by('g1'));
    expect(first).toHaveLength(6);
    // Question by question across candidates: every parcel answer before any price answer.
    expect(first.map((task) => task.question.id)).toEqual([...Array(3).fill(paper.q.parcel), ...Array(3).fill(paper.q.price)]);
    expect(await claim(g1, paper.paperId)).toBeNull(); // the second marks wait for someone else
    const second = await drain(api, paper, g2, by('g2'));
    expect(second).toHaveLength(6);
    const third = await drain(api, paper, g3, by('g3'));
    expect(third.map((task) => code.get(task.code))).toEqual(['y', 'z']);
    for (const task of [...first, ...second, ...third]) expectBlind(task);
    expect(await claim(g1, paper.paperId)).toBeNull();
    expect(await claim(g2, paper.paperId)).toBeNull();

    // A plain grader is no lead; the admin is.
    expect((await get(g1, `/papers/${paper.paperId}/disputes`)).body.code).toBe('grading.not_lead');
    const disputes = (await get(a, `/papers/${paper.paperId}/disputes`)).body;
    expect(disputes).toHaveLength(1);
    expect(disputes[0]).toMatchObject({ round: 'arbitration', questionId: paper.q.parcel, maxPoints: 10 });
    expect(disputes[0].marks.map((m: any) => [m.round, m.points])).toEqual([['first', 1], ['second', 10], ['third', 5]]);
    expect((await post(a, `/tasks/${disputes[0].taskId}/arbitration`, { scores: [3, 4] })).status).toBe(204);

    // x: 8.5 + 4.5; y: (8 + 9) / 2 + 6; z: 7 (arbitrated) + 2.5.
    expect(await graded(x.attemptId)).toMatchObject({ points: 13 });
    expect(await graded(y.attemptId)).toMatchObject({ points: 14.5 });
    expect(await graded(z.attemptId)).toMatchObject({ points: 9.5 });
    const zMarking = await queued(api, a, z.attemptId);
    expect(zMarking.answers.map((answer: any) => [answer.finalPoints, answer.finalBasis])).toEqual([[7, 'arbitration'], [2.5, 'double_agreed']]);

    // Re-grade with a reason: audited, and the attempt is finalised again.
    const answerId = zMarking.answers[0].answerId;
    const tooMany = await post(a, `/answers/${answerId}/override`, { points: 10.5, reason: '复核' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ field: 'points', reason: 'is scored from 0 to 10, got 10.5' }]);
    expect((await post(a, `/answers/${answerId}/override`, { points: 9.5, reason: '复核：方案完整' })).status).toBe(204);
    expect(await until(async () => ((await attemptOf(z.attemptId)).points === 12 ? attemptOf(z.attemptId) : null), 're-finalised')).toMatchObject({ status: 'graded', points: 12 });
    const after = await queued(api, a, z.attemptId);
    expect(after.audit).toEqual([expect.objectContaining({ answerId, action: 'override', oldPoints: 7, newPoints: 9.5, reason: '复核：方案完整', actor: expect.objectContaining({ name: '管理员' }) })]);
    const owner = await connectAsOwner();
    try {
      const { rows } = await owner.query('SELECT revision, points::float AS points, passed FROM grading_finalisations WHERE attempt_id = $1 ORDER BY revision', [z.attemptId]);
      expect(rows).toEqual([{ revision: 1, points: 9.5, passed: false }, { revision: 2, points: 12, passed: true }]);
    } finally {
      await owner.end();
    }

    // The paper version's report counts the graded attempts (after the override) and shows how the graders agreed.
    const versionId = (await attemptOf(x.attemptId)).paperVersionId as string;
    const reportOf = async () => (await api.request('GET', `/api/v1/analytics/paper-versions/${versionId}`, { token: a.accessToken })).body;
    const { report, computedAt } = await until(async () => {
      const body = await reportOf();
      return body.report?.scores.candidates === 3 && body.report.scores.mean === (13 + 14.5 + 12) / 3 ? body : null;
    }, 'report with the three graded attempts');
    // Pairs of first and second marks: parcel 8/9, 2/9, 1/10; price 4/5, 6/6, 2/3 (tolerance 2).
    expect(report.grading.agreement).toMatchObject({ pairs: 6, exact: 1 / 6, withinTolerance: 4 / 6, thirdMarkingRate: 2 / 6, arbitrationRate: 1 / 6 });
    expect(report.grading.questions.map((q: any) => [q.questionId, q.answers, q.resolved, q.agreement.pairs])).toEqual([
      [paper.q.parcel, 3, 3, 3],
      [paper.q.price, 3, 3, 3],
    ]);
    expect(report.grading.graders.map((g: any) => g.marks)).toEqual([6, 6, 2, 1]);

    // A refresh lost with Redis: the analytics sweep finds the report older than the attempts' grading and queues it again.
    const stale = await connectAsOwner();
    try {
      await stale.query(`UPDATE analytics_snapshots SET computed_at = computed_at - interval '1 hour' WHERE scope_id = $1`, [versionId]);
      await stale.query(`UPDATE attempts SET graded_at = graded_at - interval '2 minutes' WHERE id = ANY($1)`, [[x.attemptId, y.attemptId, z.attemptId]]);
    } finally {
      await stale.end();
    }
    const staleAt = Date.parse(computedAt) - 3_600_000;
    // The worker's own schedule may get there first; either way the sweep re-queued it.
    await worker.get(AnalyticsJobs).sweep();
    await until(async () => Date.parse((await reportOf()).computedAt) > staleAt + 60_000, 'report refreshed by the sweep');
  });

  it("the grader's queues: counts per paper and question, marks today, claims of one question and of the third marking; disputes carry the question", async () => {
    const paper = await openPaper(api, a);
    await settings(paper.paperId, { mode: 'double', tolerance: { kind: 'points', value: 2 }, halfPoints: true, selfCheckEvery: 0 });
    const [g1, g2, lead, outsider] = [await newGrader(api, a), await newGrader(api, a), await newGrader(api, a), await newGrader(api, a)];
    await assign(paper.paperId, g1);
    await assign(paper.paperId, g2);
    await assign(paper.paperId, lead, { lead: true });
    await queued(api, a, (await submit(api, a, paper, { parcel: GOOD_PARCEL, price: GOOD_PRICE })).attemptId);
    const queuesOf = async (who: Grader | SignedUpTenant, dayStart = new Date(Date.now() - 3_600_000)) => {
      const response = await get(who, `/queues?dayStart=${encodeURIComponent(dayStart.toISOString())}`);
      expect(response.status).toBe(200);
      return response.body.filter((queue: any) => queue.paperId === paper.paperId);
    };

    const [before] = await queuesOf(g1);
    expect(before).toMatchObject({ title: '客服阅卷', lead: false, mode: 'double', paper: { tasks: 2, marked: 0 }, mine: { today: 0, total: 0 } });
    expect(before.questions).toEqual([
      expect.objectContaining({ questionId: paper.q.parcel, number: 2, stem: '客户的包裹丢失了，非常生气，你如何处理？', points: 10, tasks: 1, marked: 0, forMe: 1, thirdForMe: 0 }),
      expect.objectContaining({ questionId: paper.q.price, points: 6, tasks: 1, forMe: 1 }),
    ]);
    expect(JSON.stringify(before)).not.toContain('answer');
    expect(await queuesOf(outsider)).toEqual([]);
    expect((await get(g1, '/queues?dayStart=yesterday')).body.errors).toEqual([expect.objectContaining({ field: 'dayStart' })]);

    // The queue of one question: the price answer although the parcel question comes first.
    const price = (await post(g1, `/tasks/claim?paperId=${paper.paperId}&questionId=${paper.q.price}`)).body.task;
    expect(price.question.id).toBe(paper.q.price);
    const parcel = (await post(g1, `/tasks/${price.taskId}/marks-and-next`, { scores: [1, 1], paperId: paper.paperId, questionId: paper.q.parcel })).body.task;
    expect(parcel.question.id).toBe(paper.q.parcel);
    expect((await post(g1, `/tasks/${parcel.taskId}/marks`, { scores: [0, 0] })).status).toBe(204);
    // 0 against 10 and 2 against 6 (tolerance 2): both need a third mark.
    await drain(api, paper, g2, (_, question) => ({ scores: question === 'parcel' ? [4, 6] : [2, 4] }));

    const [after] = await queuesOf(g1);
    expect(after).toMatchObject({ paper: { tasks: 6, marked: 4 }, mine: { today: 2, total: 2 } });
    expect(after.questions.map((q: any) => [q.forMe, q.waitingThird])).toEqual([[0, 1], [0, 1]]);
    const [tomorrow] = await queuesOf(g1, new Date(Date.now() + 86_400_000));
    expect(tomorrow.mine).toEqual({ today: 0, total: 2 });
    const [led] = await queuesOf(lead);
    expect(led).toMatchObject({ lead: true });
    expect(led.questions.map((q: any) => [q.forMe, q.thirdForMe])).toEqual([[1, 1], [1, 1]]);
    expect((await queuesOf(a))[0]).toMatchObject({ lead: true, paper: { tasks: 6, marked: 4 } });

    // The third-marking view claims only third marks, as blind as any task.
    expect((await post(lead, `/tasks/claim?paperId=${paper.paperId}&round=second`)).body.errors).toEqual([expect.objectContaining({ field: 'round' })]);
    const third = (await post(lead, `/tasks/claim?paperId=${paper.paperId}&round=third`)).body.task;
    expect(third.question.id).toBe(paper.q.parcel);
    expectBlind(third);
    const nextThird = (await post(lead, `/tasks/${third.taskId}/marks-and-next`, { scores: [2, 3], paperId: paper.paperId, round: 'third' })).body.task;
    expect(nextThird.question.id).toBe(paper.q.price);
    expect((await post(lead, `/tasks/${nextThird.taskId}/marks`, { scores: [1, 3] })).status).toBe(204);
    expect((await post(lead, `/tasks/claim?round=third`)).body.task).toBeNull();

    // Parcel 0 / 10 / 5: neither within 2 of the third, so arbitration, with the question to mark by.
    const disputes = (await get(lead, `/papers/${paper.paperId}/disputes`)).body;
    expect(disputes).toEqual([
      expect.objectContaining({
        round: 'arbitration',
        question: expect.objectContaining({ id: paper.q.parcel, points: 10, halfPoints: true, rubric: [expect.objectContaining({ criterion: '沟通', points: 4 }), expect.objectContaining({ criterion: '方案', points: 6 })] }),
        suggestion: expect.objectContaining({ points: 10, keyPoints: expect.arrayContaining([expect.objectContaining({ label: '（1）', credit: 1 })]) }),
      }),
    ]);
    expect(disputes[0].marks.map((mark: any) => [mark.round, mark.points])).toEqual([['first', 0], ['second', 10], ['third', 5]]);
  });

  it('machine-assisted double: a human mark agreeing with the suggestion is final; otherwise a second human marks', async () => {
    const paper = await openPaper(api, a);
    await settings(paper.paperId, { mode: 'assisted_double', tolerance: { kind: 'share', value: 0.2 }, halfPoints: true, selfCheckEvery: 0 });
    const [g1, g2] = [await newGrader(api, a), await newGrader(api, a)];
    await assign(paper.paperId, g1);
    await assign(paper.paperId, g2);
    const sub = await submit(api, a, paper, { parcel: GOOD_PARCEL, price: GOOD_PRICE });
    const marking = await queued(api, a, sub.attemptId);
    expect(marking.answers.map((answer: any) => answer.suggestedPoints)).toEqual([10, 6]);
    // Parcel 9 agrees with 10 (tolerance 2); price 1 is far from 6 (tolerance 1.2).
    expect(await drain(api, paper, g1, (_, question) => ({ scores: question === 'parcel' ? [4, 5] : [1, 0] }))).toHaveLength(2);
    const second = await drain(api, paper, g2, () => ({ scores: [1, 1] }));
    expect(second.map((task) => task.question.id)).toEqual([paper.q.price]);
    expect(await graded(sub.attemptId)).toMatchObject({ points: 10.5 });
    expect((await queued(api, a, sub.attemptId)).answers.map((answer: any) => [answer.finalPoints, answer.finalBasis, answer.suggestedPoints])).toEqual([
      [9, 'assisted_agreed', 10],
      [1.5, 'double_agreed', 6],
    ]);
  });

  it('a grader of another tenant, or one not assigned, sees nothing; assignments to one question limit the tasks', async () => {
    const paper = await openPaper(api, a);
    const sub = await submit(api, a, paper, { parcel: GOOD_PARCEL, price: GOOD_PRICE });
    const marking = await queued(api, a, sub.attemptId);
    const unassigned = await newGrader(api, a);
    expect(await claim(unassigned, paper.paperId)).toBeNull();
    expect((await post(unassigned, `/tasks/claim`)).body.task).toBeNull();

    const b = await api.signup();
    const outsider = await newGrader(api, b);
    expect((await post(outsider, `/tasks/claim`)).body.task).toBeNull();
    expect((await post(b, `/papers/${paper.paperId}/assignments`, { userId: outsider.userId })).status).toBe(404);
    expect((await get(b, `/attempts/${sub.attemptId}`)).status).toBe(404);
    expect((await get(b, `/papers/${paper.paperId}/progress`)).status).toBe(404);
    expect((await post(b, `/answers/${marking.answers[0].answerId}/override`, { points: 1, reason: 'x' })).status).toBe(404);

    const priceOnly = await newGrader(api, a);
    await assign(paper.paperId, priceOnly, { questionId: paper.q.price });
    const task = await claim(priceOnly, paper.paperId);
    expect(task.question.id).toBe(paper.q.price);
    expect(await claim(priceOnly, paper.paperId)).toBeNull();
    // Another tenant cannot touch a task it learnt the id of.
    expect((await post(outsider, `/tasks/${task.taskId}/marks`, { scores: [1, 1] })).status).toBe(404);
    expect((await post(unassigned, `/tasks/${task.taskId}/marks`, { scores: [1, 1] })).body.code).toBe('grading.lease_lost');
  });

  it('skip, flag for a lead, renew, and expired leases coming back', async () => {
    const paper = await openPaper(api, a);
    const [g1, g2] = [await newGrader(api, a), await newGrader(api, a)];
    await assign(paper.paperId, g1, { questionId: paper.q.parcel });
    await assign(paper.paperId, g2, { questionId: paper.q.parcel });
    for (let i = 0; i < 2; i += 1) await queued(api, a, (await submit(api, a, paper, { parcel: `回答${i}：安抚客户并核实物流。`, price: '倾听。' })).attemptId);

    const t1 = await claim(g1, paper.paperId);
    expect((await post(g1, `/tasks/${t1.taskId}/skip`)).status).toBe(204);
    const t2 = await claim(g1, paper.paperId);
    expect(t2.taskId).not.toBe(t1.taskId); // not the skipped one while another is left
    expect((await post(g1, `/tasks/${t2.taskId}/renew`)).status).toBe(200);
    expect((await post(g1, `/tasks/${t2.taskId}/flag`, { reason: '答案含有手机号' })).status).toBe(204);
    const again = await claim(g1, paper.paperId);
    expect(again.taskId).toBe(t1.taskId); // the skipped task comes back when nothing else is left; flagged ones wait for a lead
    const disputes = (await get(a, `/papers/${paper.paperId}/disputes`)).body;
    expect(disputes).toEqual([expect.objectContaining({ taskId: t2.taskId, flagged: true, flagReason: '答案含有手机号' })]);
    const progress = (await get(a, `/papers/${paper.paperId}/progress`)).body;
    expect(progress).toMatchObject({ tasks: 4, marked: 0, inProgress: 1, waiting: 3, flagged: 1 });
    expect(progress.questions.find((q: any) => q.questionId === paper.q.parcel)).toMatchObject({ tasks: 2, inProgress: 1, flagged: 1 });
    expect((await post(a, `/tasks/${t2.taskId}/unflag`)).status).toBe(204);

    // g1 leaves t1 open and goes away: once the lease expires, the release job hands it to g2.
    const owner = await connectAsOwner();
    try {
      await owner.query(`UPDATE grading_tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [t1.taskId]);
    } finally {
      await owner.end();
    }
    expect(await worker.get(GradingJobs).releaseLeases()).toBe('done');
    const taken = [await claim(g2, paper.paperId), await claim(g2, paper.paperId)].map((task) => task.taskId).sort();
    expect(taken).toEqual([t1.taskId, t2.taskId].sort());
    expect((await post(g1, `/tasks/${t1.taskId}/marks`, { scores: [1, 1] })).body.code).toBe('grading.lease_lost');
    expect((await post(g1, `/tasks/${t1.taskId}/renew`)).body.code).toBe('grading.lease_lost');
  });

  it('near-identical answers of two candidates are flagged on both attempts; reference scripts and self-checks are mixed in blind and recorded', async () => {
    const paper = await openPaper(api, a);
    await settings(paper.paperId, { mode: 'single', tolerance: { kind: 'points', value: 1 }, halfPoints: false, selfCheckEvery: 2 });
    const grader = await newGrader(api, a);
    const lead = await newGrader(api, a);
    await assign(paper.paperId, grader);
    await assign(paper.paperId, lead, { lead: true });
    const one = await submit(api, a, paper, { parcel: GOOD_PARCEL, price: GOOD_PRICE });
    const two = await submit(api, a, paper, { parcel: GOOD_PARCEL.replace('最后', '之后'), price: '价格的事我也没有办法。' });
    // The second answer's intake flags both attempts.
    const twoMarking = await queued(api, a, two.attemptId);
    const oneMarking = await queued(api, a, one.attemptId);
    expect(oneMarking.similarAnswers).toEqual([{ questionId: paper.q.parcel, otherAttemptId: two.attemptId, otherCode: twoMarking.code, similarity: expect.any(Number) }]);
    expect(twoMarking.similarAnswers).toEqual([expect.objectContaining({ questionId: paper.q.parcel, otherAttemptId: one.attemptId, otherCode: oneMarking.code })]);
    expect(oneMarking.similarAnswers[0].similarity).toBeGreaterThanOrEqual(0.7);

    // Half points are off on this paper.
    const firstTask = await claim(grader, paper.paperId);
    expect(firstTask.question.halfPoints).toBe(false);
    expect((await post(grader, `/tasks/${firstTask.taskId}/marks`, { scores: [3.5, 5] })).status).toBe(400);
    expect((await post(grader, `/tasks/${firstTask.taskId}/marks`, { scores: [4, 5] })).status).toBe(204);
    const secondTask = await claim(grader, paper.paperId);
    expect((await post(grader, `/tasks/${secondTask.taskId}/marks`, { scores: [3, 4] })).status).toBe(204);
    // After 2 marks: one of the grader's own earlier answers comes back, looking like any task.
    const selfCheck = await claim(grader, paper.paperId);
    expectBlind(selfCheck);
    expect([firstTask.answer, secondTask.answer]).toContain(selfCheck.answer);
    expect((await post(grader, `/tasks/${selfCheck.taskId}/marks`, { scores: [3, 4] })).status).toBe(204);

    // The lead makes the first answer a reference script: it reaches the grader (not the lead) first.
    expect((await post(lead, `/answers/${oneMarking.answers[0].answerId}/reference`, { agreedPoints: 9 })).body).toEqual({ graders: 1 });
    const reference = await claim(grader, paper.paperId);
    expect(reference.answer).toBe(GOOD_PARCEL);
    expectBlind(reference);
    expect((await post(grader, `/tasks/${reference.taskId}/marks`, { scores: [4, 6] })).status).toBe(204);
    const owner = await connectAsOwner();
    try {
      const { rows } = await owner.query(
        `SELECT kind, expected_points::float AS expected, given_points::float AS given FROM grader_checks WHERE grader_id = $1 ORDER BY created_at`,
        [grader.userId],
      );
      expect(rows).toEqual([
        { kind: 'self_check', expected: expect.any(Number), given: 7 },
        { kind: 'reference', expected: 9, given: 10 },
      ]);
    } finally {
      await owner.end();
    }
  });
});
