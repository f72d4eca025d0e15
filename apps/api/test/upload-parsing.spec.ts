import { once } from 'node:events';
import { AppConfig, OffThread } from '@assay/core';
import { multipart } from '@assay/testing';
import { publishedPaper, type PublishedPaperFixture } from './fixtures';
import { TestApi, type ApiResponse, type SignedUpTenant } from './test-api';

/** A paper document of `count` single-choice questions, as a .txt upload. */
function paperDocument(count: number): Buffer {
  const lines = ['客服能力测评', '一、单选题(每题1分)'];
  for (let i = 1; i <= count; i += 1) lines.push(`${i}.第${i}题:客户询问物流进度时先做什么?()`, 'A.查询物流', 'B.让客户等待', `参考答案:A`);
  return Buffer.from(lines.join('\n'), 'utf8');
}

const expectProblem = (response: ApiResponse, status: number, code: string, field: string) => {
  expect({ status: response.status, code: response.body.code, fields: (response.body.errors ?? []).map((e: { field: string }) => e.field) }).toEqual({ status, code, fields: [field] });
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
};

/**
 * Issue 15, finding 4: an 8 MB CSV blocked every request for 3.9 s, a .docx expanding to 40 MB for
 * 12.5 s. Uploads are now read in worker threads with row, time and memory limits.
 */
describe('security: uploads are read off the event loop, within limits', () => {
  let api: TestApi;
  let tenant: SignedUpTenant;
  let paper: PublishedPaperFixture;
  let offThread: OffThread;

  beforeAll(async () => {
    api = await TestApi.start();
    tenant = await api.signup();
    paper = await publishedPaper(api, tenant);
    offThread = api.app.get(OffThread);
  });
  afterAll(async () => {
    await api.close();
  });

  const upload = (url: string, filename: string, content: Buffer | string, fields: Record<string, string> = {}) =>
    api.request('POST', url, { token: tenant.accessToken, ...multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', filename, content }]) });

  it('/api/health answers while a large document is being read', async () => {
    // The reading thread is held once it has the document, so "while" is a fact, not a race.
    const release = offThread.holdTasks();
    try {
      const started = once(offThread, 'started');
      const reading = upload('/api/v1/imports/paper/preview', 'large.txt', paperDocument(900));
      // (A read on the event loop would answer without ever starting a thread.)
      await Promise.race([started, reading.then(() => Promise.reject(new Error('the document was read without a worker thread')))]);
      const health = await api.request('GET', '/api/health');
      expect(health.status).toBe(200);
      release();
      const read = await reading;
      expect(read.status).toBe(200);
      expect(read.body.sections[0].questions).toHaveLength(900);
    } finally {
      release();
    }
  });

  it('a question-bank file of more than 5,000 rows is refused before the rest is read', async () => {
    const csv = ['type,stem', ...Array.from({ length: 5001 }, (_, i) => `single_choice,题目${i}`)].join('\n');
    const questions = async () => (await api.request('GET', '/api/v1/questions', { token: tenant.accessToken })).body.total as number;
    const before = await questions();
    const response = await upload('/api/v1/imports/question-bank', 'bank.csv', csv);
    expectProblem(response, 400, 'import.too_many_rows', 'file');
    expect(response.body.detail).toContain('5000');
    // Nothing was created.
    expect(await questions()).toBe(before);
  });

  it('a candidate file of more than 20,001 rows is refused before the rest is read', async () => {
    const csv = `name,email\n${'王芳,wang@example.com\n'.repeat(20_001)}`;
    const response = await upload(`/api/v1/papers/${paper.paperId}/invitations/bulk`, 'candidates.csv', csv, { closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    expectProblem(response, 400, 'upload.unreadable', 'file');
    expect(response.body.detail).toMatch(/more than 20001 rows; at most 10000 candidates/);
  });

  it('a read past its time limit is ended and answered 413 upload.too_complex naming the field', async () => {
    const config = api.app.get(AppConfig);
    const limit = config.PARSE_TIMEOUT_MS;
    // Held, the read cannot finish: its time limit is what ends it.
    const release = offThread.holdTasks();
    config.PARSE_TIMEOUT_MS = 100;
    let response: ApiResponse;
    try {
      response = await api.request('POST', '/api/v1/imports/paper/preview', { token: tenant.accessToken, body: { text: paperDocument(3).toString('utf8') } });
    } finally {
      release();
      config.PARSE_TIMEOUT_MS = limit;
    }
    expectProblem(response, 413, 'upload.too_complex', 'text');
    expect(response.body.detail).toContain('took longer than the 0.1 s allowed');
    // The next read gets a fresh thread.
    const again = await api.request('POST', '/api/v1/imports/paper/preview', { token: tenant.accessToken, body: { text: paperDocument(3).toString('utf8') } });
    expect(again.status).toBe(200);
  });
});
