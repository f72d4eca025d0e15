/**
 * Descriptive statistics of one list of numbers. Variances use n - 1 (sample), as Moodle does;
 * every function answers null instead of NaN when the list is too short to say anything.
 */

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}

/** Sorted copy, ascending (a typed array sorts numbers natively, many times faster than a comparator). */
export function ascending(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/** The middle value, or the average of the two middle values of an even count (Moodle's median). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Sum of squared deviations from the mean. */
export function sumOfSquares(values: readonly number[]): number {
  const m = mean(values) ?? 0;
  let total = 0;
  for (const v of values) total += (v - m) ** 2;
  return total;
}

/** Sample variance (divisor n - 1); null below two values. */
export function sampleVariance(values: readonly number[]): number | null {
  return values.length < 2 ? null : sumOfSquares(values) / (values.length - 1);
}

/** Sample standard deviation (divisor n - 1); null below two values. */
export function sampleSd(values: readonly number[]): number | null {
  const variance = sampleVariance(values);
  return variance === null ? null : Math.sqrt(variance);
}

/** Sample covariance of two paired lists (divisor n - 1); null below two pairs. */
export function sampleCovariance(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length !== ys.length) throw new RangeError('paired lists differ in length');
  if (xs.length < 2) return null;
  const mx = mean(xs) ?? 0;
  const my = mean(ys) ?? 0;
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += (xs[i] - mx) * (ys[i] - my);
  return total / (xs.length - 1);
}

/** Pearson correlation; null when either list has no variance (the correlation is undefined). */
export function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  const cov = sampleCovariance(xs, ys);
  const vx = sampleVariance(xs);
  const vy = sampleVariance(ys);
  if (cov === null || !vx || !vy) return null;
  return cov / Math.sqrt(vx * vy);
}

/**
 * The p-th percentile (0-100) by linear interpolation between closest ranks (the "R-7" / Excel
 * PERCENTILE.INC definition): p = 50 is the median, p = 0 the minimum, p = 100 the maximum.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (p < 0 || p > 100) throw new RangeError('percentile must be within 0-100');
  const sorted = ascending(values);
  const position = (p / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge, except the last bin, which includes the maximum. */
  to: number;
  count: number;
}

/**
 * Counts of scores in `bins` equal-width bins over [0, max]: a fixed scale, so histograms of
 * different cohorts of the same paper line up. Scores above max land in the last bin.
 */
export function histogram(scores: readonly number[], max: number, bins = 10): HistogramBin[] {
  if (!(max > 0)) throw new RangeError('histogram maximum must be positive');
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError('histogram needs at least one bin');
  const width = max / bins;
  const out: HistogramBin[] = Array.from({ length: bins }, (_, i) => ({ from: i * width, to: (i + 1) * width, count: 0 }));
  for (const score of scores) {
    const index = Math.min(bins - 1, Math.max(0, Math.floor(score / width)));
    out[index].count += 1;
  }
  return out;
}

/** Share (0-1) of scores at or above the pass mark; null with no scores. */
export function passRate(scores: readonly number[], passMark: number): number | null {
  if (scores.length === 0) return null;
  return scores.filter((s) => s >= passMark).length / scores.length;
}
