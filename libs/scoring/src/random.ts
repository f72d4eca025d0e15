import { ScoringError, ScoringErrorCode } from './errors';

/**
 * Draws from pools and per-candidate shuffles must be reproducible: the same attempt must show the
 * same questions in the same order after a reload, a retry of the job, or on a re-score months
 * later. So nothing here uses Math.random; everything derives from a string seed such as
 * `${attemptId}:${sectionId}`.
 */

/** cyrb128 (bryc, public domain): hashes a string into four 32-bit words to seed sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128-bit state, good statistical quality. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A generator of numbers in [0, 1), fully determined by the seed. Not for secrets. */
export function seededRandom(seed: string): () => number {
  const [a, b, c, d] = cyrb128(seed);
  const next = sfc32(a, b, c, d);
  // The first outputs of sfc32 are weakly mixed; discarding a few is the usual recommendation.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/**
 * A seeded Fisher–Yates shuffle; returns a new array. It fills positions from the front, so that
 * drawSample(items, n, seed) is exactly the first n items of shuffle(items, seed).
 */
export function shuffle<T>(items: readonly T[], seed: string): T[] {
  return permutePrefix(items, items.length, seed);
}

/** n distinct items drawn without replacement, in draw order (e.g. 5 questions from a pool of 40). */
export function drawSample<T>(items: readonly T[], n: number, seed: string): T[] {
  if (!Number.isInteger(n) || n < 0 || n > items.length) {
    // A pool smaller than the draw is a paper error to report at publishing, not to paper over here.
    throw new ScoringError(ScoringErrorCode.InvalidSample, `Cannot draw ${n} items from a pool of ${items.length}.`);
  }
  return permutePrefix(items, n, seed);
}

function permutePrefix<T>(items: readonly T[], n: number, seed: string): T[] {
  const random = seededRandom(seed);
  const result = items.slice();
  for (let i = 0; i < n && i < result.length - 1; i++) {
    const j = i + Math.floor(random() * (result.length - i));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result.slice(0, n);
}
