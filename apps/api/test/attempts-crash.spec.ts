import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connectAsOwner } from '@assay/testing';
import { invitation, objectivePaper } from './attempts-fixtures';
import { exited, freePort, healthy, spawnProcess } from './processes';
import { TestApi } from './test-api';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The autosave promise: every save that got a 2xx survives a SIGKILL of the API process. */
describe('autosave across an API crash', () => {
  let api: TestApi;
  let port: number;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];
  const spawnApi = () => {
    const child = spawnProcess('api', env);
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    port = await freePort();
    env = { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', LINK_RATE_LIMIT: '100000', REDIS_PREFIX: `assay-test-attcrash-${randomBytes(4).toString('hex')}` };
    api = await TestApi.start(env);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await api.close();
  });

  it('keeps every acknowledged save when the API is killed with SIGKILL mid-stream and restarted', async () => {
    const tenant = await api.signup();
    const paper = await objectivePaper(api, tenant);
    const questions = Object.values(paper.q);
    let child = spawnApi();
    await healthy(port);

    const candidates = [];
    for (let i = 0; i < 4; i += 1) {
      const inv = await invitation(api, tenant, paper.paperId);
      const started = await fetch(`http://127.0.0.1:${port}/api/v1/links/${inv.linkToken}/attempt`, { method: 'POST' });
      expect(started.status).toBe(201);
      candidates.push((await started.json()) as { attemptId: string; attemptToken: string });
    }

    // attempt -> question -> highest seq acknowledged with a 2xx
    const acked = new Map<string, Map<string, number>>();
    let stop = false;
    let failures = 0;
    let successes = 0;
    const loop = async ({ attemptId, attemptToken }: { attemptId: string; attemptToken: string }) => {
      const mine = new Map<string, number>();
      acked.set(attemptId, mine);
      for (let seq = 1; !stop; seq += 1) {
        const questionId = questions[seq % questions.length];
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/v1/attempts/${attemptId}/answers/${questionId}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', 'x-attempt-token': attemptToken },
            body: JSON.stringify({ answer: { text: `v${seq}` }, seq }),
          });
          if (response.ok) {
            const body = (await response.json()) as { status: string; storedSeq: number };
            expect(body).toMatchObject({ status: 'saved', storedSeq: seq });
            mine.set(questionId, seq);
            successes += 1;
          } else {
            failures += 1;
            await response.body?.cancel();
          }
        } catch {
          failures += 1; // connection refused or reset while the API is down: the client retries later
          await sleep(20);
        }
      }
    };
    const loops = Promise.all(candidates.map(loop));

    await sleep(1500);
    const beforeKill = successes;
    child.kill('SIGKILL');
    await exited(child);
    await sleep(300);
    child = spawnApi();
    await healthy(port);
    await sleep(1000);
    stop = true;
    await loops;

    expect(beforeKill).toBeGreaterThan(20);
    expect(successes).toBeGreaterThan(beforeKill);
    expect(failures).toBeGreaterThan(0);

    const db = await connectAsOwner();
    try {
      for (const [attemptId, mine] of acked) {
        const { rows } = await db.query('SELECT question_id, seq, answer FROM responses WHERE attempt_id = $1', [attemptId]);
        const stored = new Map((rows as { question_id: string; seq: string; answer: { text: string } }[]).map((r) => [r.question_id, r]));
        for (const [questionId, seq] of mine) {
          const row = stored.get(questionId);
          if (!row) throw new Error(`acknowledged save of ${questionId} (seq ${seq}) is missing`);
          expect(Number(row.seq)).toBeGreaterThanOrEqual(seq);
          expect(row.answer).toEqual({ text: `v${row.seq}` });
        }
      }
    } finally {
      await db.end();
    }
  }, 120_000);
});
