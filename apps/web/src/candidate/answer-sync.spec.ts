import { AnswerSync, queueKey, type KeyValueStore, type QueuedSave, type SaveOutcome } from './answer-sync';

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

/** A server that answers each save with the outcome the test chooses, and records what reached it. */
function setup(options: { store?: MemoryStore; serverSeq?: number; answer?: (save: QueuedSave) => SaveOutcome } = {}) {
  const store = options.store ?? new MemoryStore();
  const received: QueuedSave[] = [];
  const clock: number[] = [];
  let online = true;
  const sync = new AnswerSync({
    attemptId: 'a1',
    store,
    serverSeq: options.serverSeq ?? 0,
    isOnline: () => online,
    send: async (save) => {
      const outcome = options.answer?.(save) ?? { kind: 'acknowledged', secondsLeft: 100 };
      if (outcome.kind !== 'unreachable') received.push(save);
      return outcome;
    },
    onChange: () => undefined,
    onClock: (secondsLeft) => clock.push(secondsLeft),
  });
  return { sync, store, received, clock, setOnline: (value: boolean) => (online = value) };
}

describe('AnswerSync', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends changes in the order they were made, each with a higher seq, and follows the server clock', async () => {
    const { sync, received, clock } = setup({ serverSeq: 4 });
    sync.change('q1', 'B', 500);
    sync.change('q2', { text: 'hello' }, 500);
    // Typing waits for its debounce: the screen must not call it saved yet.
    expect(sync.status).toBe('saving');
    await sync.flush();
    expect(received).toEqual([
      { questionId: 'q1', answer: 'B', seq: 5 },
      { questionId: 'q2', answer: { text: 'hello' }, seq: 6 },
    ]);
    expect(clock).toEqual([100, 100]);
    expect(sync.status).toBe('saved');
    expect(sync.answerState('q1')).toBe('saved');
  });

  it('keeps typing offline in storage, replaces a question\'s older value, and sends in order once back online', async () => {
    const { sync, received, store, setOnline } = setup();
    setOnline(false);
    sync.change('q1', { text: 'a' }, 500);
    sync.change('q2', ['A'], 0);
    sync.change('q1', { text: 'ab' }, 500);
    await sync.flush();
    expect(received).toEqual([]);
    expect(sync.status).toBe('offline');
    expect(sync.answerState('q1')).toBe('offline');
    expect(JSON.parse(store.getItem(queueKey('a1')) as string).saves.map((s: QueuedSave) => s.seq)).toEqual([2, 3]);

    setOnline(true);
    await sync.flush();
    expect(received.map((s) => [s.questionId, s.seq])).toEqual([
      ['q2', 2],
      ['q1', 3],
    ]);
    expect(JSON.parse(store.getItem(queueKey('a1')) as string).saves).toEqual([]);
  });

  it('survives a reload: a new instance resumes the stored queue and never reuses a seq', async () => {
    const store = new MemoryStore();
    const first = setup({ store });
    first.setOnline(false);
    first.sync.change('q1', 'C', 0);
    await first.sync.flush();

    const second = setup({ store, serverSeq: 0 });
    expect(second.sync.queuedAnswers()).toEqual(new Map([['q1', 'C']]));
    second.sync.change('q2', true, 0);
    await second.sync.flush();
    expect(second.received.map((s) => s.seq)).toEqual([1, 2]);
  });

  it('retries an unreachable server with backoff and keeps the value meanwhile', async () => {
    let fail = true;
    const { sync, received } = setup({ answer: () => (fail ? { kind: 'unreachable' } : { kind: 'acknowledged', secondsLeft: 50 }) });
    sync.change('q1', 'A', 0);
    await sync.flush();
    expect(sync.status).toBe('offline');
    fail = false;
    await jest.advanceTimersByTimeAsync(1000);
    expect(received).toEqual([{ questionId: 'q1', answer: 'A', seq: 1 }]);
    expect(sync.status).toBe('saved');
  });

  it('stops for good when the attempt is over, and marks one refused answer without stopping the others', async () => {
    const { sync, received } = setup({
      answer: (save) =>
        save.questionId === 'bad'
          ? { kind: 'refused', code: 'request.invalid_value', detail: 'answer: NUL character', attemptOver: false }
          : save.questionId === 'late'
            ? { kind: 'refused', code: 'attempt.time_up', detail: 'Time is up', attemptOver: true }
            : { kind: 'acknowledged', secondsLeft: 1 },
    });
    sync.change('bad', { text: '\u0000' }, 0);
    sync.change('ok', 'A', 0);
    await sync.flush();
    expect(sync.answerState('bad')).toBe('refused');
    expect(sync.refusal('bad')).toBe('answer: NUL character');
    expect(sync.answerState('ok')).toBe('saved');

    sync.change('late', 'B', 0);
    await sync.flush();
    expect(sync.status).toBe('stopped');
    expect(sync.stoppedBy?.code).toBe('attempt.time_up');
    sync.change('ok', 'C', 0);
    await sync.flush();
    expect(received.map((s) => s.questionId)).toEqual(['bad', 'ok', 'late']);
  });
});
