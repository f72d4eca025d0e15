/**
 * Waits for a condition that another process or connection brings about (a row, a job state, a
 * blocked backend), checking it again after each short pause. The limit is not a guess of how long
 * the work takes: it only turns a condition that never comes into a failure naming it, and it is
 * far above any real wait so that a busy machine only makes the test slower, never red.
 */
/** Below Jest's test timeout (jest.config.js), so a condition that never comes fails with its name. */
export const WAIT_LIMIT_MS = 600_000;

export async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, limitMs = WAIT_LIMIT_MS): Promise<T> {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits on what a test server receives (emails, webhook requests): each wait resolves as soon as
 * enough of the received items match, woken by `arrived()` after each one rather than by polling;
 * it fails after its limit naming what is missing.
 */
export class ArrivalWaiter<T> {
  /** Pending checks; each removes itself once satisfied. */
  private readonly waiters = new Set<() => boolean>();

  /** `received` is the server's own list, read at each check; `what` names its items in failures ("emails"). */
  constructor(
    private readonly received: readonly T[],
    private readonly what: string,
  ) {}

  /** Resolves with the received items `match` accepts once there are `count` of them. */
  waitFor(count: number, match: (item: T) => boolean = () => true, limitMs = WAIT_LIMIT_MS): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received.filter(match);
        if (found.length < count) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`expected ${count} matching ${this.what}, got ${this.received.filter(match).length}`));
      }, limitMs);
      if (!check()) this.waiters.add(check);
    });
  }

  /** Call after each item is received: wakes the waits it satisfies. */
  arrived(): void {
    for (const check of [...this.waiters]) if (check()) this.waiters.delete(check);
  }
}

/** A promise with its resolver, for the moments a test and the work it drives wait on each other. */
export function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}
