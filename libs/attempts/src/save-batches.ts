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
  /** A shared statement failed and its saves go again alone (for the log). */
  sharedFailed(error: unknown, saves: number): void;
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
  /** The attempts of the statements in flight: a later save of one of them waits for its statement's end. */
  private readonly attemptsInFlight = new Set<string>();
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

  /** Sends statements while there is room, each taking the oldest save it may send and what may join it. */
  private dispatch(): void {
    while (this.inFlight < this.limits.statementsInFlight) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const attempts = batch.map((waiting) => waiting.call.attemptId);
      this.inFlight += 1;
      attempts.forEach((id) => this.attemptsInFlight.add(id));
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        attempts.forEach((id) => this.attemptsInFlight.delete(id));
        this.dispatch();
      });
    }
  }

  /**
   * The oldest save whose attempt has no statement in flight and, in queue order, the later saves
   * of its tenant that may join it, one per attempt. A save of an attempt already in this or a
   * running statement waits for a later one: the statements of one process never share an
   * attempt, so each save is compared with the one before it (its client, its seq) as it would be
   * alone, and two of them never lock the same rows.
   */
  private takeBatch(): Waiting<TAnswer, TRow>[] {
    const first = this.queue.find((waiting) => !this.attemptsInFlight.has(waiting.call.attemptId));
    if (!first) return [];
    const attempts = new Set<string>();
    const batch: Waiting<TAnswer, TRow>[] = [];
    const rest: Waiting<TAnswer, TRow>[] = [];
    for (const waiting of this.queue) {
      const { tenantId, attemptId } = waiting.call;
      const joins = batch.length < this.limits.savesPerStatement && tenantId === first.call.tenantId && !attempts.has(attemptId) && !this.attemptsInFlight.has(attemptId);
      if (joins) {
        attempts.add(attemptId);
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
    } catch (error) {
      // One save's bad value (a NUL character jsonb refuses), a deadlock with another process's
      // statement, a lost connection: each save again alone, each with its own outcome. Harmless
      // even if the statement did commit before its answer was lost: a save already stored is
      // recognised by its seq, and an unchanged client records nothing.
      this.statements.sharedFailed(error, batch.length);
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
