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

/** A promise with its resolver, for the moments a test and the work it drives wait on each other. */
export function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}
