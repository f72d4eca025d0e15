import { compactText } from './text';

/** Shingle length in characters: 3 Han characters is about one word and a half. */
const SHINGLE = 3;
/** Answers shorter than this (compacted) are too short to tell copying from coincidence. */
export const MIN_COMPARABLE_LENGTH = 30;
/** Two answers with Jaccard similarity of their shingles at or above this are near-duplicates. */
export const NEAR_DUPLICATE_AT = 0.7;

const SIGNATURE_SIZE = 64;
/** The signature in 16 bands of 4: two answers become candidates when one whole band agrees. */
const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;

/**
 * Two answers share on average BANDS x similarity^ROWS band keys, so sharing at least this many
 * (4 of 16) estimates a similarity at or above NEAR_DUPLICATE_AT: how answers are counted as
 * near-identical without reading their texts (the count a lead sees beside the closest ones).
 */
export const SHARED_BANDS_OF_NEAR_DUPLICATE = Math.ceil(BANDS * NEAR_DUPLICATE_AT ** ROWS);

/**
 * How many near-identical others are kept for one new answer, the closest first. A lead reads
 * them one by one: past 20 the list says nothing the count does not, and when a model answer has
 * leaked to 2,000 candidates, flagging every pair (2,000 x 2,000) is what made intake quadratic.
 */
export const CLOSEST_KEPT = 20;
/**
 * How many candidates' texts a new answer is compared with at most, those sharing most bands
 * first: twice the kept ones, so candidates that share bands but turn out below the threshold
 * still leave room for the closest. This bounds the work per answer, whatever the cohort.
 */
export const COMPARED_AT_MOST = 2 * CLOSEST_KEPT;
/**
 * How many of the answers in one band's bucket are read as candidates at most, newest first. A
 * bucket larger than this is a cluster of alike answers: reading more of it only finds more of
 * the same, and each later answer reads its newest members, so flags spread along the cluster.
 */
export const BUCKET_READ_AT_MOST = 100;

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

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

const hex = (value: number) => value.toString(16).padStart(8, '0');

/**
 * The locality-sensitive hashing keys of an answer: one per band of its MinHash signature,
 * "<band>:<its 4 hashes in hex>". Two answers sharing a key are candidates; an answer too short
 * to compare has none. Deterministic: computed once when the answer enters grading and stored.
 */
export function bandKeys(text: string): string[] {
  return comparable(text) ? keysOf(shingles(text)) : [];
}

const comparable = (text: string) => compactText(text).length >= MIN_COMPARABLE_LENGTH;

function keysOf(set: ReadonlySet<string>): string[] {
  const signature = minHash(set);
  return Array.from({ length: BANDS }, (_, band) => `${band}:${[...signature.slice(band * ROWS, (band + 1) * ROWS)].map(hex).join('')}`);
}

/** An earlier answer that shares band keys with a new one, as the band index returns it. */
export interface BandCandidate {
  id: string;
  /** How many of the new answer's band keys it shares (1..16). */
  sharedBands: number;
  /** When it entered the index (larger is newer). */
  entered: number;
}

/**
 * The candidates whose texts are compared: those sharing most bands first (the likeliest to be
 * near-identical), then the newest, at most COMPARED_AT_MOST.
 */
export function candidatesToCompare<T extends BandCandidate>(candidates: readonly T[]): T[] {
  return [...candidates].sort((x, y) => y.sharedBands - x.sharedBands || y.entered - x.entered).slice(0, COMPARED_AT_MOST);
}

export interface NearDuplicate {
  id: string;
  /** Jaccard similarity (0..1) of the two answers' shingles, two decimals. */
  similarity: number;
}

/**
 * Of the compared texts, those near-identical to `text` by the exact Jaccard similarity of their
 * shingles, the most similar first (ties in the order given: newest first), at most CLOSEST_KEPT.
 */
export function closestNearDuplicates(text: string, compared: readonly AnswerText[], threshold = NEAR_DUPLICATE_AT): NearDuplicate[] {
  if (!comparable(text)) return [];
  const mine = shingles(text);
  return compared
    .map(({ id, text: other }) => ({ id, exact: jaccard(mine, shingles(other)) }))
    .filter(({ exact }) => exact >= threshold)
    .sort((x, y) => y.exact - x.exact)
    .slice(0, CLOSEST_KEPT)
    .map(({ id, exact }) => ({ id, similarity: twoDecimals(exact) }));
}

/**
 * Near-identical answers among all of them at once: every pair sharing a band key is a
 * candidate, confirmed by its exact Jaccard similarity. Pairs come out with `a` < `b`, sorted.
 * What intake did for each new answer over all earlier ones before the band index (kept as the
 * baseline of bench/similarity.ts and the reference of the index's tests).
 */
export function findNearDuplicates(answers: readonly AnswerText[], threshold = NEAR_DUPLICATE_AT): SimilarPair[] {
  const sets = new Map<string, Set<string>>();
  const buckets = new Map<string, string[]>();
  for (const answer of answers) {
    if (!comparable(answer.text)) continue;
    const set = shingles(answer.text);
    sets.set(answer.id, set);
    for (const key of keysOf(set)) {
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
    if (similarity >= threshold) pairs.push({ a, b, similarity: twoDecimals(similarity) });
  }
  return pairs.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
}
