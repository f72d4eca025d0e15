/**
 * Group commit of autosaves: the saves that arrive while this process's save statements are
 * running wait for a free one and then go together, one statement per tenant for up to
 * MAX_SAVES_PER_STATEMENT saves (migrations/1764700000000-CreateAttemptSaveBatch.ts). A quiet API
 * sends each save alone as soon as it arrives (one turn of the event loop later, so that the saves
 * read in one turn go together); a busy one sends fewer, larger statements, and PostgreSQL pays the
 * round trip, the transaction and the commit once per statement instead of once per save
 * (docs/performance.md, "Issue 16, group commit"). Every save is still acknowledged only after the
 * commit of the statement that carried it.
 *
 * Plain TypeScript: the statements themselves are the `Statements` given (AttemptsService).
 */

/** One save call: one attempt's answers, as AttemptsService.save received them. */
export interface SaveCall<TAnswer> {
  tenantId: string;
  attemptId: string;
  tokenHash: string;
  answers: TAnswer[];
  ip: string | null;
  userAgent: string | null;
}

/** The attempt's clock and the per-answer outcome of one accepted save; null when refused. */
export type SaveOutcome<TRow> = TRow | null;

export interface Statements<TAnswer, TRow> {
  /** One save alone (attempt_save): its outcome. */
  one(call: SaveCall<TAnswer>): Promise<SaveOutcome<TRow>>;
  /** Several saves of one tenant, of distinct attempts, in one statement: their outcomes in order. */
  many(tenantId: string, calls: SaveCall<TAnswer>[]): Promise<SaveOutcome<TRow>[]>;
}

/** Enough to share a commit among a busy process's saves, small enough to keep one statement short. */
export const MAX_SAVES_PER_STATEMENT = 64;
/**
 * Save statements of one process running at once. While they run, new saves queue and go in the
 * next ones; a few in flight keep PostgreSQL's cores busy (one statement waits on its commit's
 * flush while another runs) and leave the rest of the pool to every other request.
 */
export const STATEMENTS_IN_FLIGHT = 4;

interface Waiting<TAnswer, TRow> {
  call: SaveCall<TAnswer>;
  settle: { resolve: (outcome: SaveOutcome<TRow>) => void; reject: (error: unknown) => void };
}

export class SaveBatches<TAnswer, TRow> {
  private queue: Waiting<TAnswer, TRow>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly statements: Statements<TAnswer, TRow>,
    private readonly limits = { statementsInFlight: STATEMENTS_IN_FLIGHT, savesPerStatement: MAX_SAVES_PER_STATEMENT },
  ) {}

  /** Queues a save; settles when the statement that carried it has committed (or failed). */
  save(call: SaveCall<TAnswer>): Promise<SaveOutcome<TRow>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ call, settle: { resolve, reject } });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn: the saves read in it go together.
        setImmediate(() => {
          this.scheduled = false;
          this.dispatch();
        });
      }
    });
  }

  /** Sends statements while there is room, each taking the oldest waiting save and what may join it. */
  private dispatch(): void {
    while (this.inFlight < this.limits.statementsInFlight && this.queue.length > 0) {
      const batch = this.takeBatch();
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        this.dispatch();
      });
    }
  }

  /**
   * The oldest waiting save and, in queue order, the later saves of its tenant, one per attempt: a
   * second save of an attempt waits for the next statement, so that it is compared with the first
   * (its client, its seq) as it would be alone.
   */
  private takeBatch(): Waiting<TAnswer, TRow>[] {
    const tenantId = this.queue[0].call.tenantId;
    const attempts = new Set<string>();
    const batch: Waiting<TAnswer, TRow>[] = [];
    const rest: Waiting<TAnswer, TRow>[] = [];
    for (const waiting of this.queue) {
      const { call } = waiting;
      const joins = batch.length < this.limits.savesPerStatement && call.tenantId === tenantId && !attempts.has(call.attemptId);
      if (joins) {
        attempts.add(call.attemptId);
        batch.push(waiting);
      } else {
        rest.push(waiting);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: Waiting<TAnswer, TRow>[]): Promise<void> {
    if (batch.length === 1) return this.sendAlone(batch[0]);
    let outcomes: SaveOutcome<TRow>[];
    try {
      outcomes = await this.statements.many(batch[0].call.tenantId, batch.map((waiting) => waiting.call));
    } catch {
      // Nothing of it committed. One save's bad value (a NUL character jsonb refuses), a deadlock
      // between two statements, a lost connection: each save again alone, each with its own outcome.
      await Promise.all(batch.map((waiting) => this.sendAlone(waiting)));
      return;
    }
    batch.forEach((waiting, index) => waiting.settle.resolve(outcomes[index]));
  }

  private async sendAlone({ call, settle }: Waiting<TAnswer, TRow>): Promise<void> {
    try {
      settle.resolve(await this.statements.one(call));
    } catch (error) {
      settle.reject(error);
    }
  }
}
