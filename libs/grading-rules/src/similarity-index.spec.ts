import {
  bandKeys,
  BUCKET_READ_AT_MOST,
  candidatesToCompare,
  closestNearDuplicates,
  CLOSEST_KEPT,
  COMPARED_AT_MOST,
  findNearDuplicates,
  jaccard,
  MIN_COMPARABLE_LENGTH,
  NEAR_DUPLICATE_AT,
  shingles,
  type AnswerText,
  type BandCandidate,
} from './similarity';

/**
 * The band index as libs/grading keeps it in `grading_answer_bands`, in memory: each answer's band
 * keys stored once when it arrives; a new answer reads, per key, the newest BUCKET_READ_AT_MOST
 * answers of that bucket, counts the bands each shares, and compares texts only with the
 * candidates `candidatesToCompare` picks (GradingSimilarity.flag does the same against SQL).
 */
class BandIndex {
  private readonly buckets = new Map<string, { id: string; entered: number }[]>();
  private readonly texts = new Map<string, string>();
  private entered = 0;

  add(answer: AnswerText): { found: { id: string; similarity: number }[]; compared: number; read: number } {
    const keys = bandKeys(answer.text);
    const shared = new Map<string, BandCandidate>();
    let read = 0;
    for (const key of keys) {
      const newest = (this.buckets.get(key) ?? []).slice(-BUCKET_READ_AT_MOST);
      read += newest.length;
      for (const { id, entered } of newest) {
        const candidate = shared.get(id) ?? { id, sharedBands: 0, entered };
        candidate.sharedBands += 1;
        shared.set(id, candidate);
      }
    }
    const compared = candidatesToCompare([...shared.values()]).map(({ id }) => ({ id, text: this.texts.get(id) as string }));
    this.entered += 1;
    for (const key of keys) this.buckets.set(key, [...(this.buckets.get(key) ?? []), { id: answer.id, entered: this.entered }]);
    this.texts.set(answer.id, answer.text);
    return { found: closestNearDuplicates(answer.text, compared), compared: compared.length, read };
  }
}

/** Deterministic pseudo-random numbers (a multiplicative hash of a counter), so every run sees the same cohort. */
function sequence(seed: number): () => number {
  let n = seed;
  return () => {
    n += 1;
    return (Math.imul(n, 0x9e3779b1) >>> 0) / 0x100000000;
  };
}

const han = (next: () => number) => String.fromCharCode(0x4e00 + Math.floor(next() * 20000));
const write = (next: () => number, length: number) => Array.from({ length }, () => han(next)).join('');
/** A copy of `text` with `edits` characters replaced: 2 edits in 80 characters keep about 0.86 of the shingles, 6 about 0.62. */
function edit(text: string, edits: number, next: () => number): string {
  const chars = [...text];
  for (let i = 0; i < edits; i += 1) chars[Math.floor(next() * chars.length)] = han(next);
  return chars.join('');
}

/** Every pair of the cohort at or above the threshold by the exact Jaccard similarity: n x n comparisons. */
function allPairs(answers: readonly AnswerText[]): string[] {
  const sets = answers.map((answer) => ({ id: answer.id, set: shingles(answer.text), long: [...answer.text].length >= MIN_COMPARABLE_LENGTH }));
  const pairs: string[] = [];
  for (let i = 0; i < sets.length; i += 1) {
    for (let j = i + 1; j < sets.length; j += 1) {
      if (sets[i].long && sets[j].long && jaccard(sets[i].set, sets[j].set) >= NEAR_DUPLICATE_AT) pairs.push([sets[i].id, sets[j].id].sort().join(' '));
    }
  }
  return pairs.sort();
}

function indexedPairs(answers: readonly AnswerText[]): string[] {
  const index = new BandIndex();
  return answers.flatMap((answer) => index.add(answer).found.map(({ id }) => [answer.id, id].sort().join(' '))).sort();
}

describe('the band index', () => {
  it('finds the same pairs as comparing every pair, on a mixed cohort', () => {
    const next = sequence(7);
    const answers: AnswerText[] = [];
    // 240 independent answers of 60-100 characters, short ones, and 40 groups of 2-6 copies of a
    // model answer with 0-8 characters changed each: similarities from 1 down to below 0.5.
    for (let i = 0; i < 240; i += 1) answers.push({ id: `own-${i}`, text: write(next, 60 + Math.floor(next() * 40)) });
    for (let i = 0; i < 20; i += 1) answers.push({ id: `short-${i}`, text: write(next, 10) });
    for (let group = 0; group < 40; group += 1) {
      const model = write(next, 80);
      const copies = 2 + Math.floor(next() * 5);
      for (let copy = 0; copy < copies; copy += 1) answers.push({ id: `g${group}-${copy}`, text: edit(model, Math.floor(next() * 9), next) });
    }
    // Arrival order mixed, as candidates submit.
    const arrival = answers.map((answer) => ({ answer, at: next() })).sort((x, y) => x.at - y.at).map(({ answer }) => answer);

    const exhaustive = allPairs(arrival);
    expect(exhaustive.length).toBeGreaterThan(30);
    expect(indexedPairs(arrival)).toEqual(exhaustive);
    // The batch method of before the index finds the same.
    expect(findNearDuplicates(arrival).map(({ a, b }) => `${a} ${b}`).sort()).toEqual(exhaustive);
  });

  it('keeps the closest and bounds the work when 200 answers are the same text', () => {
    const next = sequence(11);
    const model = write(next, 120);
    const index = new BandIndex();
    const results = Array.from({ length: 200 }, (_, i) => index.add({ id: `c${String(i).padStart(3, '0')}`, text: model }));
    expect(results[0]).toEqual({ found: [], compared: 0, read: 0 });
    expect(results[1].found).toEqual([{ id: 'c000', similarity: 1 }]);
    // From the 41st answer on, each compares exactly COMPARED_AT_MOST texts and reads at most
    // BUCKET_READ_AT_MOST per band, at n = 50 as at n = 200.
    expect(results.slice(COMPARED_AT_MOST).map((r) => r.compared)).toEqual(Array(200 - COMPARED_AT_MOST).fill(COMPARED_AT_MOST));
    expect(Math.max(...results.map((r) => r.read))).toBe(16 * BUCKET_READ_AT_MOST);
    expect(results.map((r) => r.found.length)).toEqual(results.map((_, i) => Math.min(i, CLOSEST_KEPT)));
    // The newest are kept, so flags spread along the cluster rather than piling on the first answers.
    expect(results[199].found.map(({ id }) => id)).toEqual(Array.from({ length: CLOSEST_KEPT }, (_, k) => `c${198 - k}`));
  });

  it('keeps the most similar ones first when there are more than it keeps', () => {
    const next = sequence(3);
    const model = write(next, 100);
    const others = Array.from({ length: 30 }, (_, i) => ({ id: `o${String(i).padStart(2, '0')}`, text: edit(model, i % 4, next) }));
    const kept = closestNearDuplicates(model, others);
    expect(kept).toHaveLength(CLOSEST_KEPT);
    expect(kept.map(({ similarity }) => similarity)).toEqual([...kept.map(({ similarity }) => similarity)].sort((x, y) => y - x));
    const exact = others.map(({ id, text }) => ({ id, similarity: jaccard(shingles(model), shingles(text)) })).sort((x, y) => y.similarity - x.similarity);
    expect(kept[CLOSEST_KEPT - 1].similarity).toBeGreaterThanOrEqual(Math.round(exact[CLOSEST_KEPT].similarity * 100) / 100);
  });

  it('gives no keys to an answer too short to compare, and the same keys to the same text', () => {
    expect(bandKeys('好的，我会处理。')).toEqual([]);
    const text = '首先安抚客户情绪，表示理解他的着急；然后核实订单信息和物流记录；最后给出补发或退款方案。';
    expect(bandKeys(text)).toHaveLength(16);
    expect(bandKeys(text.replace(/，/gu, ','))).toEqual(bandKeys(text));
    expect(new Set(bandKeys(text).map((key) => key.split(':')[0])).size).toBe(16);
  });
});
