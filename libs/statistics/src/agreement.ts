/**
 * Agreement between graders, as pure functions over marks so the grading data can feed them:
 * exact and within-tolerance agreement, quadratic weighted kappa, the intraclass correlation,
 * each grader's leniency or severity against the team, and the share of "playing safe" marks.
 */
import { mean, sampleSd } from './describe';

export interface MarkPair {
  first: number;
  second: number;
}

export interface AgreementRates {
  pairs: number;
  /** Share (0-1) of pairs with identical marks. */
  exact: number | null;
  /** Share (0-1) of pairs whose marks differ by at most the tolerance. */
  withinTolerance: number | null;
}

export function agreementRates(pairs: readonly MarkPair[], tolerance: number): AgreementRates {
  if (pairs.length === 0) return { pairs: 0, exact: null, withinTolerance: null };
  const exact = pairs.filter((p) => p.first === p.second).length;
  // A small epsilon so that 0.1 + 0.2 style sums do not fall outside a tolerance they meet.
  const within = pairs.filter((p) => Math.abs(p.first - p.second) <= tolerance + 1e-9).length;
  return { pairs: pairs.length, exact: exact / pairs.length, withinTolerance: within / pairs.length };
}

/** Landis & Koch's reading of a kappa. */
export type KappaBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost_perfect';

export function kappaBand(kappa: number): KappaBand {
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost_perfect';
}

/**
 * Cohen's kappa with quadratic weights over the integer marks min..max:
 * 1 - sum(w * observed) / sum(w * expected), w = (i - j)^2 / (max - min)^2, expected from the
 * two graders' own mark distributions. Null with no pairs or when the expected disagreement is 0
 * (both graders always gave the same single mark: agreement cannot be told from chance).
 */
export function quadraticWeightedKappa(pairs: readonly MarkPair[], min: number, max: number): number | null {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max <= min) throw new RangeError('kappa needs an integer mark range min < max');
  if (pairs.length === 0) return null;
  const k = max - min + 1;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const firstCounts = new Array<number>(k).fill(0);
  const secondCounts = new Array<number>(k).fill(0);
  for (const { first, second } of pairs) {
    const i = Math.round(first) - min;
    const j = Math.round(second) - min;
    if (i < 0 || i >= k || j < 0 || j >= k) throw new RangeError(`mark outside ${min}-${max}`);
    observed[i][j] += 1;
    firstCounts[i] += 1;
    secondCounts[j] += 1;
  }
  const n = pairs.length;
  let weightedObserved = 0;
  let weightedExpected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      weightedObserved += w * observed[i][j];
      weightedExpected += (w * firstCounts[i] * secondCounts[j]) / n;
    }
  }
  return weightedExpected === 0 ? null : 1 - weightedObserved / weightedExpected;
}

/** Koo & Li's (2016) reading of an ICC. */
export type IccBand = 'poor' | 'moderate' | 'good' | 'excellent';

export function iccBand(icc: number): IccBand {
  if (icc < 0.5) return 'poor';
  if (icc < 0.75) return 'moderate';
  if (icc < 0.9) return 'good';
  return 'excellent';
}

/**
 * ICC(2,1) of Shrout & Fleiss: two-way random effects, absolute agreement, one grader.
 * `ratings[i][j]` is grader j's mark for answer i; every answer marked by the same k graders.
 * (MSR - MSE) / (MSR + (k - 1) MSE + k (MSC - MSE) / n). Null below 2 answers or 2 graders, or
 * when there is no variance at all.
 */
export function intraclassCorrelation(ratings: readonly (readonly number[])[]): number | null {
  const n = ratings.length;
  const k = n === 0 ? 0 : ratings[0].length;
  if (n < 2 || k < 2) return null;
  if (ratings.some((row) => row.length !== k)) throw new RangeError('every answer needs a mark from every grader');
  const grand = ratings.flat().reduce((a, b) => a + b, 0) / (n * k);
  const rowMeans = ratings.map((row) => row.reduce((a, b) => a + b, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => ratings.reduce((a, row) => a + row[j], 0) / n);
  let total = 0;
  for (const row of ratings) for (const x of row) total += (x - grand) ** 2;
  const rows = k * rowMeans.reduce((a, m) => a + (m - grand) ** 2, 0);
  const cols = n * colMeans.reduce((a, m) => a + (m - grand) ** 2, 0);
  const msr = rows / (n - 1);
  const msc = cols / (k - 1);
  const mse = (total - rows - cols) / ((n - 1) * (k - 1));
  const denominator = msr + (k - 1) * mse + (k * (msc - mse)) / n;
  return denominator === 0 ? null : (msr - mse) / denominator;
}

export interface GraderMark {
  grader: string;
  question: string;
  /** The mark as a fraction of the question's maximum (0-1), so questions of any size compare. */
  fraction: number;
}

export type Leaning = 'lenient' | 'severe' | 'in_line';

export interface GraderLeaning {
  grader: string;
  marks: number;
  mean: number;
  sd: number | null;
  /** Mean of every grader's marks on the questions this grader marked. */
  teamMean: number;
  teamSd: number | null;
  /** (mean - teamMean) / teamSd: how many team SDs this grader sits above or below. */
  standardisedDifference: number | null;
  /** Beyond half a team SD either way. */
  leaning: Leaning;
  /** Share (0-1) of this grader's marks in the middle band (see middleBandShare). */
  middleBandShare: number;
}

/** Half a team SD: a difference a candidate would notice in their rank. */
export const LEANING_THRESHOLD = 0.5;

/** The narrow middle band: marks between 40% and 60% of the maximum, the "playing safe" zone. */
export const MIDDLE_BAND = { low: 0.4, high: 0.6 } as const;

/** Share (0-1) of marks (fractions of the maximum) inside the middle band; null with no marks. */
export function middleBandShare(fractions: readonly number[]): number | null {
  if (fractions.length === 0) return null;
  return fractions.filter((f) => f >= MIDDLE_BAND.low && f <= MIDDLE_BAND.high).length / fractions.length;
}

/** Each grader's mean against the team on the same questions (leniency/severity) and middle-band share. */
export function graderLeanings(marks: readonly GraderMark[]): GraderLeaning[] {
  const byGrader = new Map<string, GraderMark[]>();
  for (const m of marks) byGrader.set(m.grader, [...(byGrader.get(m.grader) ?? []), m]);
  return [...byGrader].map(([grader, own]) => {
    const questions = new Set(own.map((m) => m.question));
    const team = marks.filter((m) => questions.has(m.question)).map((m) => m.fraction);
    const fractions = own.map((m) => m.fraction);
    // A grader in the map has at least one mark, and the team includes it: neither mean is null.
    const graderMean = mean(fractions) ?? 0;
    const teamMean = mean(team) ?? 0;
    const teamSd = sampleSd(team);
    const standardisedDifference = teamSd ? (graderMean - teamMean) / teamSd : null;
    let leaning: Leaning = 'in_line';
    if (standardisedDifference !== null && standardisedDifference > LEANING_THRESHOLD) leaning = 'lenient';
    if (standardisedDifference !== null && standardisedDifference < -LEANING_THRESHOLD) leaning = 'severe';
    return {
      grader,
      marks: own.length,
      mean: graderMean,
      sd: sampleSd(fractions),
      teamMean,
      teamSd,
      standardisedDifference,
      leaning,
      middleBandShare: middleBandShare(fractions) ?? 0,
    };
  });
}
