/**
 * How sure a score and a ranking are: the standard error of measurement, score bands,
 * "not distinguishable" comparisons, percentile ranks within a norm group and competency scores.
 */
/** Below this many candidates a norm group is too small to rely on. */
export const MIN_NORM_GROUP = 30;

/** SEM = SD * sqrt(1 - alpha), in marks. Null when either is unknown; a negative alpha counts as 0 (no reliability). */
export function standardErrorOfMeasurement(sd: number | null, alpha: number | null): number | null {
  if (sd === null || alpha === null) return null;
  return sd * Math.sqrt(1 - Math.min(1, Math.max(0, alpha)));
}

export interface ScoreBand {
  score: number;
  low: number;
  high: number;
}

/** The score +/- z SEM (z = 1: about 68% confidence that the true score lies inside; 1.96: 95%). */
export function scoreBand(score: number, sem: number, z = 1): ScoreBand {
  return { score, low: score - z * sem, high: score + z * sem };
}

export type Comparison = 'higher' | 'lower' | 'not_distinguishable';

/**
 * Compares two candidates' scores: the difference of two scores with the same SEM has an error of
 * SEM * sqrt(2); a difference smaller than z times that is noise, shown as "not distinguishable".
 */
export function compareScores(a: number, b: number, sem: number, z = 1.96): Comparison {
  if (Math.abs(a - b) < z * sem * Math.SQRT2) return 'not_distinguishable';
  return a > b ? 'higher' : 'lower';
}

export interface PercentileRank {
  /** Percent of the norm group scoring below, counting ties as half (0-100). */
  percentile: number;
  normGroupSize: number;
  tooSmallToRelyOn: boolean;
}

/** How many values of an ascending list are below x (or at most x when `inclusive`): binary search. */
function countBelow(sorted: readonly number[], x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x || (inclusive && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rankIn(sorted: readonly number[], score: number): PercentileRank {
  const n = sorted.length;
  const below = countBelow(sorted, score, false);
  const ties = countBelow(sorted, score, true) - below;
  return { percentile: n === 0 ? 0 : (100 * (below + ties / 2)) / n, normGroupSize: n, tooSmallToRelyOn: n < MIN_NORM_GROUP };
}

/** Percentile rank of a score within a norm group: (below + ties / 2) / n x 100. */
export function percentileRank(score: number, normGroup: readonly number[]): PercentileRank {
  return rankIn([...normGroup].sort((a, b) => a - b), score);
}

/** Percentile ranks of every member of a norm group, sorting once (n log n for the whole group). */
export function percentileRanks(scores: readonly number[]): PercentileRank[] {
  const sorted = [...scores].sort((a, b) => a - b);
  return scores.map((score) => rankIn(sorted, score));
}

/**
 * Score per competency, 0-100: the points earned on the questions assessing it over their
 * maximum. Question i earned `points[i]` of `maxPoints[i]` (null: not marked yet, left out) and
 * assessed the competencies whose indexes are `competencies[i]`, out of `count`. A question
 * assessing several competencies counts fully for each. The result is aligned with the
 * competencies: null where there was nothing to earn. Arrays rather than an object per mark or a
 * map per attempt: a refresh scores 100,000 attempts of 30 questions.
 */
export function competencyScores(
  points: readonly (number | null)[],
  maxPoints: readonly (number | null)[],
  competencies: readonly (readonly number[] | undefined)[],
  count: number,
): (number | null)[] {
  const earned = new Float64Array(count);
  const possible = new Float64Array(count);
  for (let i = 0; i < points.length; i++) {
    const [p, max, assessed] = [points[i], maxPoints[i], competencies[i]];
    if (p === null || max === null || !assessed) continue;
    for (const j of assessed) {
      earned[j] += p;
      possible[j] += max;
    }
  }
  return Array.from(possible, (max, j) => (max > 0 ? (100 * earned[j]) / max : null));
}

/** Rank (1 = best) of each value among all values; ties share the best rank. One sort, n log n. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v);
  const out = new Array<number>(values.length);
  order.forEach((entry, position) => {
    const tiedWithPrevious = position > 0 && order[position - 1].v === entry.v;
    out[entry.i] = tiedWithPrevious ? out[order[position - 1].i] : position + 1;
  });
  return out;
}
