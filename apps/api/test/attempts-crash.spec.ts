import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connectAsOwner, signal } from '@assay/testing';
import { invitation, objectivePaper } from './attempts-fixtures';
import { exited, freePort, healthy, spawnProcess } from './processes';
import { TestApi } from './test-api';

const SAVES_BEFORE_KILL = 20;
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
    let phase: 'before' | 'down' | 'after' = 'before';
    const counts = { before: 0, down: 0, after: 0 };
    // Each moment the test waits for is announced by the loops themselves, not guessed with a sleep.
    const enoughSaved = signal(); // SAVES_BEFORE_KILL saves acknowledged by the first process
    const refused = signal(); // a save failed while the API was down
    const restarted = signal(); // the second process is healthy
    const savedAfter = candidates.map(() => signal()); // each candidate saved again after the restart
    const loop = async ({ attemptId, attemptToken }: { attemptId: string; attemptToken: string }, index: number) => {
      const mine = new Map<string, number>();
      acked.set(attemptId, mine);
      for (let seq = 1; !stop; seq += 1) {
        const questionId = questions[seq % questions.length];
        const during = phase;
        let ok = false;
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/v1/attempts/${attemptId}/answers/${questionId}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', 'x-attempt-token': attemptToken },
            body: JSON.stringify({ answer: { text: `v${seq}` }, seq }),
          });
          ok = response.ok;
          if (ok) {
            const body = (await response.json()) as { status: string; storedSeq: number };
            expect(body).toMatchObject({ status: 'saved', storedSeq: seq });
            mine.set(questionId, seq);
          } else {
            await response.body?.cancel();
          }
        } catch {
          // connection refused or reset while the API is down: the client retries once it is back
        }
        if (ok && during !== 'down') {
          counts[during] += 1;
          if (counts.before >= SAVES_BEFORE_KILL) enoughSaved.fire();
          if (during === 'after') savedAfter[index].fire();
        } else if (!ok) {
          counts.down += 1;
          refused.fire();
          await restarted.promise;
        }
      }
    };
    const loops = Promise.all(candidates.map(loop));

    await enoughSaved.promise;
    phase = 'down';
    child.kill('SIGKILL');
    await exited(child);
    await refused.promise;
    child = spawnApi();
    await healthy(port);
    phase = 'after';
    restarted.fire();
    await Promise.all(savedAfter.map((saved) => saved.promise));
    stop = true;
    await loops;

    expect(counts.before).toBeGreaterThanOrEqual(SAVES_BEFORE_KILL);
    expect(counts.down).toBeGreaterThan(0);
    expect(counts.after).toBeGreaterThanOrEqual(candidates.length);

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
  });
});
