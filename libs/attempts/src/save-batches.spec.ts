import { SaveBatches, type SaveCall, type Statements } from './save-batches';

type Call = SaveCall<string>;
/** A statement the test answers when it chooses: what it carried, and how to end it. */
interface Sent {
  kind: 'one' | 'many';
  attempts: string[];
  answer(outcomes?: (string | null)[]): void;
  fail(error: Error): void;
}

/** Statements that record what was sent and wait for the test to answer each (outcome: `<attempt>:ok`). */
function recordingStatements(): { statements: Statements<string, string>; sent: Sent[] } {
  const sent: Sent[] = [];
  const record = (kind: Sent['kind'], calls: Call[]) =>
    new Promise<(string | null)[]>((resolve, reject) => {
      sent.push({ kind, attempts: calls.map((c) => c.attemptId), answer: (outcomes) => resolve(outcomes ?? calls.map((c) => `${c.attemptId}:ok`)), fail: reject });
    });
  return {
    sent,
    statements: {
      one: async (call) => (await record('one', [call]))[0],
      many: (_tenant, calls) => record('many', calls),
      sharedFailed: () => undefined,
    },
  };
}

const call = (attemptId: string, tenantId = 't1'): Call => ({ tenantId, attemptId, tokenHash: 'h', answers: ['x'], ip: null, userAgent: null });
/** The next turn of the event loop: the saves queued before it are dispatched, every pending promise callback has run. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SaveBatches: group commit of autosaves', () => {
  it('sends a lone save alone, and the saves of one turn together in one statement', async () => {
    const { statements, sent } = recordingStatements();
    const batches = new SaveBatches(statements);
    const lone = batches.save(call('a1'));
    await nextTurn();
    expect(sent.map((s) => [s.kind, s.attempts])).toEqual([['one', ['a1']]]);
    sent[0].answer();
    await expect(lone).resolves.toBe('a1:ok');

    const together = ['a2', 'a3', 'a4'].map((id) => batches.save(call(id)));
    await nextTurn();
    expect(sent.slice(1).map((s) => [s.kind, s.attempts])).toEqual([['many', ['a2', 'a3', 'a4']]]);
    sent[1].answer(['a2:ok', null, 'a4:ok']);
    await expect(Promise.all(together)).resolves.toEqual(['a2:ok', null, 'a4:ok']);
  });

  it('never puts two tenants in one statement, nor one attempt in two statements at once; the oldest save goes first', async () => {
    const { statements, sent } = recordingStatements();
    const batches = new SaveBatches(statements);
    const saves = [batches.save(call('b1', 't2')), batches.save(call('a1')), batches.save(call('b1', 't2')), batches.save(call('b2', 't2'))];
    await nextTurn();
    expect(sent.map((s) => [s.kind, s.attempts])).toEqual([
      ['many', ['b1', 'b2']],
      ['one', ['a1']],
    ]);
    // The second save of b1 waits for the statement that carries the first.
    sent[1].answer();
    await nextTurn();
    expect(sent).toHaveLength(2);
    sent[0].answer();
    await nextTurn();
    expect(sent.slice(2).map((s) => [s.kind, s.attempts])).toEqual([['one', ['b1']]]);
    sent[2].answer();
    await expect(Promise.all(saves)).resolves.toEqual(['b1:ok', 'a1:ok', 'b1:ok', 'b2:ok']);
  });

  it('keeps at most the given statements in flight; the saves that queue meanwhile go together in the next', async () => {
    const { statements, sent } = recordingStatements();
    const batches = new SaveBatches(statements, { statementsInFlight: 1, savesPerStatement: 2 });
    const first = batches.save(call('a1'));
    await nextTurn();
    const queued = ['a2', 'a3', 'a4'].map((id) => batches.save(call(id)));
    await nextTurn();
    expect(sent).toHaveLength(1);
    sent[0].answer();
    await first;
    await nextTurn();
    expect(sent.map((s) => s.attempts)).toEqual([['a1'], ['a2', 'a3']]);
    sent[1].answer();
    await nextTurn();
    expect(sent.map((s) => s.attempts)).toEqual([['a1'], ['a2', 'a3'], ['a4']]);
    sent[2].answer();
    await expect(Promise.all(queued)).resolves.toEqual(['a2:ok', 'a3:ok', 'a4:ok']);
  });

  it('when a shared statement fails, sends each of its saves again alone, each with its own outcome', async () => {
    const { statements, sent } = recordingStatements();
    const batches = new SaveBatches(statements);
    const saves = ['a1', 'a2'].map((id) => batches.save(call(id)));
    await nextTurn();
    sent[0].fail(new Error('unsupported Unicode escape sequence'));
    await nextTurn();
    expect(sent.map((s) => [s.kind, s.attempts])).toEqual([
      ['many', ['a1', 'a2']],
      ['one', ['a1']],
      ['one', ['a2']],
    ]);
    sent[1].fail(new Error('unsupported Unicode escape sequence'));
    sent[2].answer();
    const [bad, good] = await Promise.allSettled(saves);
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: 'unsupported Unicode escape sequence' } });
    expect(good).toEqual({ status: 'fulfilled', value: 'a2:ok' });
  });
});
