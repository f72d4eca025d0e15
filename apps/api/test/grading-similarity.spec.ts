import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { TenantTransaction } from '@assay/core';
import { GradingPrivacy, GradingSimilarity, type SimilarityWork } from '@assay/grading';
import { BUCKET_READ_AT_MOST, CLOSEST_KEPT, COMPARED_AT_MOST } from '@assay/grading-rules';
import { connectAsOwner } from '@assay/testing';
import { openPaper, queued, submit, type OpenPaper, type Submitted } from './grading-fixtures';
import { startWorker } from './test-worker';
import { TestApi, type SignedUpTenant } from './test-api';

/** The leaked model answer 200 candidates hand in word for word. */
const LEAKED = '首先我会真诚地向客户道歉并安抚情绪，表示完全理解他的着急；然后立即核实订单信息，联系快递公司查询物流轨迹；如果确认丢件，马上为客户补发商品或者全额退款，并在三小时内电话回访确认客户满意。';
const SAME = 200;
/** Answers in the candidates' own words: 40 characters each, picked by a multiplicative hash of the position. */
const ownWords = (n: number) => Array.from({ length: 40 }, (_, j) => String.fromCharCode(0x4e00 + ((Math.imul(n * 40 + j + 1, 0x9e3779b1) >>> 0) % 20000))).join('');

/**
 * Near-identical answers at intake through the real worker: a new answer finds its candidates in
 * the band index, compares a bounded number of texts and keeps the closest; the lead sees those
 * and how many there are in all.
 */
describe('grading: near-identical answers at scale', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let a: SignedUpTenant;
  let paper: OpenPaper;

  const view = async (attemptId: string) => (await api.request('GET', `/api/v1/grading/attempts/${attemptId}`, { token: a.accessToken })).body;
  /** Submits in groups of 10 (the API's and the worker's pace on a loaded machine) and waits until each is queued. */
  const submitAll = async (texts: string[]): Promise<Submitted[]> => {
    const done: Submitted[] = [];
    for (let i = 0; i < texts.length; i += 10) {
      done.push(...(await Promise.all(texts.slice(i, i + 10).map((parcel) => submit(api, a, paper, { parcel, price: '倾听。' })))));
    }
    await Promise.all(done.map(({ attemptId }) => queued(api, a, attemptId)));
    return done;
  };
  /** Runs the intake's similarity step again for one attempt's answer (it is idempotent) and returns its work. */
  const workFor = async (attemptId: string): Promise<SimilarityWork> => {
    const owner = await connectAsOwner();
    try {
      const { rows } = await owner.query('SELECT id, answer_text AS text FROM grading_answers WHERE attempt_id = $1 AND question_id = $2', [attemptId, paper.q.parcel]);
      const answer = { id: rows[0].id as string, attemptId, paperId: paper.paperId, questionId: paper.q.parcel, text: rows[0].text as string };
      return await worker.get(TenantTransaction).runAs(a.tenantId, (manager) => worker.get(GradingSimilarity).flag(manager, answer));
    } finally {
      await owner.end();
    }
  };
  const flagRows = async () => {
    const owner = await connectAsOwner();
    try {
      const { rows } = await owner.query('SELECT count(*)::int AS n FROM similarity_flags WHERE question_id = $1', [paper.q.parcel]);
      return rows[0].n as number;
    } finally {
      await owner.end();
    }
  };

  beforeAll(async () => {
    const env = { REDIS_PREFIX: `assay-test-gsim-${randomBytes(4).toString('hex')}`, LINK_RATE_LIMIT: '100000' };
    api = await TestApi.start(env);
    worker = await startWorker(env);
    a = await api.signup();
    paper = await openPaper(api, a);
  }, 120_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('200 candidates with the same answer: bounded flags and texts compared per answer, the count of all of them for the lead', async () => {
    const own = await submitAll(Array.from({ length: 10 }, (_, i) => ownWords(i)));
    const first = await submitAll(Array(50).fill(LEAKED));
    const at50 = await workFor(first[49].attemptId);
    const rest = await submitAll(Array(SAME - 50).fill(LEAKED));
    const at200 = await workFor(rest[rest.length - 1].attemptId);

    // The work per answer does not grow with the cohort: as many texts compared at 50 as at 200.
    expect(at50).toEqual({ read: 16 * 49, compared: COMPARED_AT_MOST, flagged: CLOSEST_KEPT });
    expect(at200).toEqual({ read: 16 * BUCKET_READ_AT_MOST, compared: COMPARED_AT_MOST, flagged: CLOSEST_KEPT });
    // Each pair on both attempts, at most CLOSEST_KEPT pairs per answer: not the 200 x 199 of flagging every pair.
    expect(await flagRows()).toBeLessThanOrEqual(2 * CLOSEST_KEPT * SAME);

    for (const { attemptId } of [first[0], first[49], rest[rest.length - 1]]) {
      const marking = await view(attemptId);
      expect(marking.similarCounts).toEqual([{ questionId: paper.q.parcel, others: SAME - 1, shown: marking.similarAnswers.length }]);
      expect(marking.similarAnswers.length).toBeGreaterThan(0);
      expect(marking.similarAnswers.length).toBeLessThanOrEqual(CLOSEST_KEPT);
      expect(marking.similarAnswers.every((flag: { similarity: number; otherCode: string }) => flag.similarity === 1 && /^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(flag.otherCode))).toBe(true);
    }
    // Answers in their own words are not flagged, and not counted.
    for (const { attemptId } of own.slice(0, 3)) expect(await view(attemptId)).toMatchObject({ similarAnswers: [], similarCounts: [] });
  }, 1_800_000);

  it('answers that entered grading before the band index are indexed by the next intake of their question, and found', async () => {
    const text = `${ownWords(100)}${ownWords(101)}`;
    const [older, old] = await submitAll([text, text.slice(0, 78) + '好']);
    const owner = await connectAsOwner();
    try {
      // As the migration leaves them: not indexed, no keys.
      await owner.query('DELETE FROM grading_answer_bands WHERE attempt_id = ANY($1)', [[older.attemptId, old.attemptId]]);
      await owner.query('UPDATE grading_answers SET similarity_indexed = false WHERE attempt_id = ANY($1)', [[older.attemptId, old.attemptId]]);
      const [late] = await submitAll([text]);
      const { rows } = await owner.query(
        `SELECT count(*)::int AS keys, bool_and(a.similarity_indexed) AS indexed FROM grading_answers a JOIN grading_answer_bands b ON b.answer_id = a.id WHERE a.attempt_id = ANY($1)`,
        [[older.attemptId, old.attemptId]],
      );
      expect(rows[0]).toEqual({ keys: 32, indexed: true });
      const marking = await view(late.attemptId);
      expect(marking.similarAnswers.map((flag: { otherAttemptId: string }) => flag.otherAttemptId).sort()).toEqual([older.attemptId, old.attemptId].sort());
      expect(marking.similarCounts).toEqual([{ questionId: paper.q.parcel, others: 2, shown: 2 }]);
    } finally {
      await owner.end();
    }
  }, 600_000);

  it("erasing a candidate deletes their answers' band keys; the other candidate's stay", async () => {
    const text = `${ownWords(200)}${ownWords(201)}`;
    const [erased, kept] = await submitAll([text, text]);
    await worker.get(TenantTransaction).runAs(a.tenantId, (manager) => worker.get(GradingPrivacy).erase(manager, [erased.attemptId]));
    const owner = await connectAsOwner();
    try {
      const { rows } = await owner.query('SELECT attempt_id, count(*)::int AS keys FROM grading_answer_bands WHERE attempt_id = ANY($1) GROUP BY attempt_id', [[erased.attemptId, kept.attemptId]]);
      expect(rows).toEqual([{ attempt_id: kept.attemptId, keys: 16 }]);
    } finally {
      await owner.end();
    }
  }, 600_000);

  it("another company's identical answer is neither a candidate nor counted", async () => {
    const b = await api.signup();
    const paperB = await openPaper(api, b);
    const { attemptId } = await submit(api, b, paperB, { parcel: LEAKED, price: '倾听。' });
    const marking = await queued(api, b, attemptId);
    expect(marking).toMatchObject({ similarAnswers: [], similarCounts: [] });
    expect((await api.request('GET', `/api/v1/grading/attempts/${attemptId}`, { token: a.accessToken })).status).toBe(404);
  }, 600_000);
});
