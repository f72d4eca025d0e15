import { randomBytes, randomUUID } from 'node:crypto';
import { connectAsOwner } from '@assay/testing';
import { TestApi, type SignedUpTenant } from './test-api';

describe('Idempotency-Key on creating POSTs', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;

  const post = (tenant: SignedUpTenant, url: string, body: unknown, key?: string) =>
    api.request('POST', `/api/v1${url}`, { token: tenant.accessToken, body, headers: key === undefined ? {} : { 'idempotency-key': key } });
  const question = (stem: string) => ({ type: 'true_false', stem, answerKey: true, points: 1 });
  const questionsWithStem = async (tenant: SignedUpTenant, stem: string) =>
    (await api.request('GET', `/api/v1/questions?q=${encodeURIComponent(stem)}`, { token: tenant.accessToken })).body.total as number;

  beforeAll(async () => {
    api = await TestApi.start({ REDIS_PREFIX: `assay-test-idem-${randomBytes(4).toString('hex')}` });
    [a, b] = [await api.signup(), await api.signup()];
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers a retried request with the first answer and creates nothing twice', async () => {
    const key = randomUUID();
    const name = `岗位 ${randomBytes(3).toString('hex')}`;
    const first = await post(a, '/job-roles', { name }, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retried = await post(a, '/job-roles', { name }, key);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(first.body);
    // Without the key, the same request is a new one (and here a duplicate name).
    expect((await post(a, '/job-roles', { name })).status).toBe(409);
  });

  it('refuses the same key with another body (422) and a malformed key (400), naming the header', async () => {
    const key = randomUUID();
    expect((await post(a, '/questions', question('题干一'), key)).status).toBe(201);
    const reused = await post(a, '/questions', question('题干二'), key);
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'idempotency.key_reused', errors: [{ field: 'Idempotency-Key' }] });
    const elsewhere = await post(a, '/job-roles', { name: '别处' }, key);
    expect(elsewhere.status).toBe(422);

    const malformed = await post(a, '/job-roles', { name: '坏键' }, 'has spaces in it');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'idempotency.invalid_key', errors: [{ field: 'Idempotency-Key' }] });
  });

  it('gives the key back when the request fails, so the corrected retry runs', async () => {
    const key = randomUUID();
    expect((await post(a, '/job-roles', { name: '' }, key)).status).toBe(400);
    const corrected = await post(a, '/job-roles', { name: `修正 ${randomBytes(3).toString('hex')}` }, key);
    expect(corrected.status).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps keys per company: the same key in another tenant is another request', async () => {
    const key = randomUUID();
    const stem = `租户题 ${randomBytes(3).toString('hex')}`;
    const inA = await post(a, '/questions', question(stem), key);
    const inB = await post(b, '/questions', question(stem), key);
    expect([inA.status, inB.status]).toEqual([201, 201]);
    expect(inB.body.id).not.toBe(inA.body.id);
    expect(inB.headers['idempotent-replayed']).toBeUndefined();
  });

  it('never stores an answer holding a once-shown secret: the retry creates nothing and says so', async () => {
    const key = randomUUID();
    const url = `https://ats.example.com/hooks/${randomBytes(3).toString('hex')}`;
    const first = await post(a, '/webhooks', { url, events: ['paper.published'] }, key);
    expect(first.status).toBe(201);
    const retried = await post(a, '/webhooks', { url, events: ['paper.published'] }, key);
    expect(retried.status).toBe(409);
    expect(retried.body.code).toBe('idempotency.not_replayable');
    expect((await api.request('GET', `/api/v1/webhooks?q=${encodeURIComponent(url)}`, { token: a.accessToken })).body.total).toBe(1);
    const owner = await connectAsOwner();
    try {
      const stored = (await owner.query('SELECT response_body FROM idempotency_keys WHERE key = $1', [key])).rows;
      expect(stored).toEqual([{ response_body: null }]);
    } finally {
      await owner.end();
    }
  });

  it('runs parallel identical requests once: one creates, the others get its answer or 409 in progress', async () => {
    const key = randomUUID();
    const stem = `并发题 ${randomBytes(3).toString('hex')}`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(a, '/questions', question(stem), key)));

    expect(await questionsWithStem(a, stem)).toBe(1);
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    for (const answer of answers.filter((x) => x.status !== 201)) {
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('idempotency.in_progress');
    }
    // Once the first has finished, every retry gets its answer.
    const later = await post(a, '/questions', question(stem), key);
    expect(later.status).toBe(201);
    expect(later.body.id).toBe(created[0].body.id);
    expect(await questionsWithStem(a, stem)).toBe(1);
  });
});
