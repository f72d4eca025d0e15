/** Tasks for off-thread.spec.ts: each behaves in one way a parser could. */
export function echo(input: { bytes: Uint8Array; text: string }): { length: number; text: string } {
  return { length: input.bytes.length, text: input.text };
}

/** A parse that never ends. */
export function spin(): never {
  for (;;) {
    // burns its thread until the time limit ends it
  }
}

/** A parse that keeps everything it reads in memory. */
export function hoard(): never {
  const kept: number[][] = [];
  for (;;) kept.push(new Array(1_000_000).fill(kept.length));
}

export function fail(): never {
  throw new RangeError('bad input');
}

/** A task that posts its result in parts before its value. */
export function parts(input: { count: number }, post: (part: number) => void): string {
  for (let i = 0; i < input.count; i++) post(i);
  return 'done';
}
