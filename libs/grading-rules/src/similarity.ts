import { compactText } from './text';

/** Shingle length in characters: 3 Han characters is about one word and a half. */
const SHINGLE = 3;
/** Answers shorter than this (compacted) are too short to tell copying from coincidence. */
export const MIN_COMPARABLE_LENGTH = 30;
/** Two answers with Jaccard similarity of their shingles at or above this are near-duplicates. */
export const NEAR_DUPLICATE_AT = 0.7;

const SIGNATURE_SIZE = 64;
const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;

/** The set of character shingles of an answer (letters, digits and Han characters only, folded). */
export function shingles(text: string): Set<string> {
  const compact = [...compactText(text)];
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE <= compact.length; i += 1) set.add(compact.slice(i, i + SHINGLE).join(''));
  return set;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** 32-bit FNV-1a: deterministic, so the same answers always give the same pairs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The k-th hash function of the signature: the shingle's hash re-mixed with a per-k seed (murmur3 finaliser). */
function rehash(h: number, k: number): number {
  let x = (h ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function minHash(set: ReadonlySet<string>): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const item of set) {
    const base = hash(item);
    for (let k = 0; k < SIGNATURE_SIZE; k += 1) {
      const h = rehash(base, k);
      if (h < signature[k]) signature[k] = h;
    }
  }
  return signature;
}

export interface AnswerText {
  id: string;
  text: string;
}

export interface SimilarPair {
  a: string;
  b: string;
  /** Jaccard similarity (0..1) of the two answers' shingles, two decimals. */
  similarity: number;
}

/**
 * Near-identical answers to one question: MinHash signatures banded for locality-sensitive
 * hashing find candidate pairs without comparing every pair, then each candidate pair is
 * confirmed by its exact Jaccard similarity. Pairs come out with `a` < `b`, sorted.
 */
export function findNearDuplicates(answers: readonly AnswerText[], threshold = NEAR_DUPLICATE_AT): SimilarPair[] {
  const sets = new Map<string, Set<string>>();
  const buckets = new Map<string, string[]>();
  for (const answer of answers) {
    if (compactText(answer.text).length < MIN_COMPARABLE_LENGTH) continue;
    const set = shingles(answer.text);
    sets.set(answer.id, set);
    const signature = minHash(set);
    for (let band = 0; band < BANDS; band += 1) {
      const key = `${band}:${signature.slice(band * ROWS, (band + 1) * ROWS).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(answer.id);
      else buckets.set(key, [answer.id]);
    }
  }
  const candidates = new Set<string>();
  for (const bucket of buckets.values()) {
    for (let i = 0; i < bucket.length; i += 1) {
      for (let j = i + 1; j < bucket.length; j += 1) {
        const [a, b] = bucket[i] < bucket[j] ? [bucket[i], bucket[j]] : [bucket[j], bucket[i]];
        candidates.add(`${a}\n${b}`);
      }
    }
  }
  const pairs: SimilarPair[] = [];
  for (const key of candidates) {
    const [a, b] = key.split('\n');
    const similarity = jaccard(sets.get(a) as Set<string>, sets.get(b) as Set<string>);
    if (similarity >= threshold) pairs.push({ a, b, similarity: Math.round(similarity * 100) / 100 });
  }
  return pairs.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
}
