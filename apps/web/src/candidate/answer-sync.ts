/**
 * The exam's autosave with an offline queue. Every change gets the next `seq` and is written to
 * browser storage at once, so it survives a lost connection, a reload or a closed tab; saves are
 * sent one at a time in `seq` order, so the server receives the candidate's changes in the order
 * they were made. A newer value of a question replaces its queued one (the server keeps only the
 * newest anyway). The server's rules (docs/attempts.md, autosave protocol): an acknowledged save
 * is committed; network errors, 5xx and 429 are retried; a refusal says why.
 */

export interface QueuedSave {
  questionId: string;
  answer: unknown;
  seq: number;
}

/** How the server answered one save. */
export type SaveOutcome =
  | { kind: 'acknowledged'; secondsLeft: number }
  /** Network down, 5xx, 429: keep the value and try again. */
  | { kind: 'unreachable' }
  /** A 4xx: `attemptOver` when no later save can succeed (time up, submitted, taken over). */
  | { kind: 'refused'; code: string; detail: string; attemptOver: boolean };

export type SyncStatus = 'saved' | 'saving' | 'offline' | 'stopped';
export type AnswerSaveState = 'saved' | 'saving' | 'offline' | 'refused';

/** The part of localStorage the queue needs (a Map-backed one in unit tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface AnswerSyncOptions {
  attemptId: string;
  store: KeyValueStore;
  send: (save: QueuedSave) => Promise<SaveOutcome>;
  isOnline: () => boolean;
  /** The highest seq the server already holds, so a resumed queue never reuses one. */
  serverSeq: number;
  /** Every status or queue change (the screen re-renders). */
  onChange: () => void;
  /** The server's time left, from every acknowledged save. */
  onClock: (secondsLeft: number) => void;
}

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 15_000;

/** Storage key of an attempt's queue; the exam removes it when the attempt ends. */
export const queueKey = (attemptId: string) => `assay:queue:${attemptId}`;

export class AnswerSync {
  private queue: QueuedSave[];
  private seq: number;
  private inFlight: Promise<void> | undefined;
  private retryDelay = RETRY_FIRST_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly refusedAnswers = new Map<string, string>();
  private state: SyncStatus = 'saved';
  /** Why saving stopped for good (time up, submitted, taken over). */
  stoppedBy: { code: string; detail: string } | undefined;

  constructor(private readonly options: AnswerSyncOptions) {
    const stored = readQueue(options.store, options.attemptId);
    this.queue = stored.saves;
    this.seq = Math.max(stored.seq, options.serverSeq);
  }

  /** Never "saved" while a change still waits in the queue (e.g. during the typing debounce). */
  get status(): SyncStatus {
    return this.state === 'saved' && this.queue.length > 0 ? 'saving' : this.state;
  }

  /** Values typed before a reload and not yet acknowledged: newer than the server's copy. */
  queuedAnswers(): Map<string, unknown> {
    return new Map(this.queue.map((save) => [save.questionId, save.answer]));
  }

  pendingCount(): number {
    return this.queue.length;
  }

  answerState(questionId: string): AnswerSaveState {
    if (this.refusedAnswers.has(questionId)) return 'refused';
    if (!this.queue.some((save) => save.questionId === questionId)) return 'saved';
    return this.state === 'offline' || this.state === 'stopped' ? 'offline' : 'saving';
  }

  /** Why the server refused this answer (e.g. a character it cannot store); editing it saves again. */
  refusal(questionId: string): string | undefined {
    return this.refusedAnswers.get(questionId);
  }

  /**
   * Records a change: stored at once, sent after `delayMs` (typing is debounced; a choice is sent
   * immediately). The change that ends the debounce also carries every earlier one.
   */
  change(questionId: string, answer: unknown, delayMs: number): void {
    if (this.stoppedBy) return;
    this.seq += 1;
    this.refusedAnswers.delete(questionId);
    this.queue = [...this.queue.filter((save) => save.questionId !== questionId), { questionId, answer, seq: this.seq }];
    this.persist();
    this.schedule(delayMs);
    this.options.onChange();
  }

  /** Sends everything queued, in order; resolves when the queue is empty, offline or stopped. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.inFlight ??= this.sendQueued().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async sendQueued(): Promise<void> {
      while (this.queue.length > 0 && !this.stoppedBy) {
        if (!this.options.isOnline()) return this.setStatus('offline');
        this.setStatus('saving');
        const save = this.queue[0];
        const outcome = await this.options.send(save);
        if (outcome.kind === 'unreachable') {
          this.setStatus('offline');
          this.schedule(this.retryDelay);
          this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
          return;
        }
        this.retryDelay = RETRY_FIRST_MS;
        if (outcome.kind === 'acknowledged') this.options.onClock(outcome.secondsLeft);
        else if (outcome.attemptOver) this.stoppedBy = { code: outcome.code, detail: outcome.detail };
        else this.refusedAnswers.set(save.questionId, outcome.detail);
        if (outcome.kind === 'acknowledged' || !outcome.attemptOver) this.dequeue(save);
      }
      this.setStatus(this.stoppedBy ? 'stopped' : 'saved');
  }

  /** The attempt is over: nothing more to send, nothing to keep in storage. */
  discard(): void {
    clearTimeout(this.timer);
    this.stoppedBy ??= { code: 'attempt.submitted', detail: '' };
    this.queue = [];
    this.options.store.removeItem(queueKey(this.options.attemptId));
  }

  private dequeue(sent: QueuedSave): void {
    // A newer value typed while this one was in flight stays queued.
    this.queue = this.queue.filter((save) => save !== sent);
    this.persist();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  private setStatus(status: SyncStatus): void {
    this.state = status;
    this.options.onChange();
  }

  private persist(): void {
    this.options.store.setItem(queueKey(this.options.attemptId), JSON.stringify({ seq: this.seq, saves: this.queue }));
  }
}

function readQueue(store: KeyValueStore, attemptId: string): { seq: number; saves: QueuedSave[] } {
  try {
    const parsed = JSON.parse(store.getItem(queueKey(attemptId)) ?? 'null') as { seq?: unknown; saves?: unknown } | null;
    if (parsed && typeof parsed.seq === 'number' && Array.isArray(parsed.saves)) return { seq: parsed.seq, saves: parsed.saves as QueuedSave[] };
  } catch {
    // A damaged entry (edited by hand, storage quota) starts an empty queue; the server keeps what it acknowledged.
  }
  return { seq: 0, saves: [] };
}
