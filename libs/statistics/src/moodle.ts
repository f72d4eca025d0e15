/**
 * Moodle's quiz statistics report (mod/quiz/report/statistics and
 * question/classes/statistics/questions/calculator.php), reproduced formula by formula so our
 * "facility index", "discrimination index" and the rest mean exactly what Moodle users expect.
 * Definitions, scales and Moodle's own choices (n - 1 divisors, when a figure is left blank) are
 * in docs/analytics.md.
 */
import { ascending, median, sum } from './describe';

export interface MoodleInput {
  /** One row per attempt, one mark per question; null (not answered) counts as 0, as in Moodle. */
  marks: readonly (readonly (number | null)[])[];
  /** Each question's maximum mark, in column order. */
  maxMarks: readonly number[];
  /** Each question's random guess score as a fraction of its maximum (null when it has none). */
  randomGuessScores?: readonly (number | null)[];
}

/** Test-level figures. Marks are raw (same unit as the attempt totals); cic, errorRatio in percent. */
export interface MoodleQuizStatistics {
  attempts: number;
  /** Sum of the questions' maximum marks. */
  maxMark: number;
  mean: number | null;
  median: number | null;
  /** Sample SD of attempt totals (n - 1); null below 2 attempts. */
  standardDeviation: number | null;
  /** k3 / k2^1.5 from k-statistics; null below 3 attempts or with zero variance. */
  skewness: number | null;
  /** k4 / k2^2 (excess kurtosis); null below 4 attempts or with zero variance. */
  kurtosis: number | null;
  /** Coefficient of internal consistency (Cronbach's alpha x 100); null below 3 attempts, 2 questions or with zero variance. */
  cic: number | null;
  /** 100 * sqrt(1 - cic/100) (percent); null when cic is null. */
  errorRatio: number | null;
  /** errorRatio * SD / 100, in marks. */
  standardError: number | null;
}

/** Per-question figures, on Moodle's scales (see each field). */
export interface MoodleQuestionStatistics {
  /** Column index (0-based). */
  index: number;
  maxMark: number;
  attempts: number;
  /** Mean mark / max mark (fraction 0-1); null when max mark is 0. */
  facility: number | null;
  /** SD of the mark (n - 1) / max mark (fraction); null below 2 attempts or max mark 0. */
  sd: number | null;
  /** Fraction of the max mark a random guess earns on average; null when not defined. */
  randomGuessScore: number | null;
  /** 100 * max mark / sum of max marks (percent). */
  intendedWeight: number | null;
  /** 100 * sqrt(cov(mark, total)) / sum of those square roots (percent); null when the covariance is negative. */
  effectiveWeight: number | null;
  /** 100 * correlation of the mark with the rest of the test (percent); null when either has no variance. */
  discriminationIndex: number | null;
  /** 100 * cov(mark, rest) / the covariance the same marks would have if perfectly ordered (percent). */
  discriminativeEfficiency: number | null;
  /** Raw ingredients (sample, n - 1), kept so anyone can check the figures above. */
  markVariance: number | null;
  otherMarkVariance: number | null;
  covariance: number | null;
  covarianceMax: number | null;
  covarianceWithOverallMark: number | null;
}

export interface MoodleStatistics {
  quiz: MoodleQuizStatistics;
  questions: MoodleQuestionStatistics[];
}

/** Divides by n - 1 as Moodle does for every variance and covariance; null below two attempts. */
function perAttempt(total: number, attempts: number): number | null {
  return attempts > 1 ? total / (attempts - 1) : null;
}

function questionStatistics(
  index: number,
  marks: readonly number[],
  totals: readonly number[],
  maxMark: number,
  maxTotal: number,
  randomGuessScore: number | null,
): Omit<MoodleQuestionStatistics, 'effectiveWeight'> {
  const s = marks.length;
  const others = marks.map((m, i) => totals[i] - m);
  const markAverage = s === 0 ? 0 : sum(marks) / s;
  const otherAverage = s === 0 ? 0 : sum(others) / s;
  const totalAverage = s === 0 ? 0 : sum(totals) / s;
  // Moodle pairs the i-th smallest mark with the i-th smallest rest-of-test mark: the highest
  // covariance these marks could have with the rest, the denominator of discriminative efficiency.
  const sortedMarks = ascending(marks);
  const sortedOthers = ascending(others);

  let markSquares = 0;
  let otherSquares = 0;
  let cross = 0;
  let crossMax = 0;
  let crossOverall = 0;
  for (let i = 0; i < s; i++) {
    const d = marks[i] - markAverage;
    const o = others[i] - otherAverage;
    markSquares += d * d;
    otherSquares += o * o;
    cross += d * o;
    crossMax += (sortedMarks[i] - markAverage) * (sortedOthers[i] - otherAverage);
    crossOverall += d * (totals[i] - totalAverage);
  }
  const markVariance = perAttempt(markSquares, s);
  const otherMarkVariance = perAttempt(otherSquares, s);
  const covariance = perAttempt(cross, s);
  const covarianceMax = perAttempt(crossMax, s);
  const bothVary = markVariance !== null && otherMarkVariance !== null && markVariance * otherMarkVariance !== 0;
  // Non-null whenever the variances are (both need two attempts).
  const cov = covariance ?? 0;
  return {
    index,
    maxMark,
    attempts: s,
    facility: maxMark !== 0 ? markAverage / maxMark : null,
    sd: markVariance !== null && maxMark !== 0 ? Math.sqrt(markVariance) / maxMark : null,
    randomGuessScore,
    intendedWeight: maxTotal !== 0 ? (100 * maxMark) / maxTotal : null,
    discriminationIndex: bothVary ? (100 * cov) / Math.sqrt(markVariance * otherMarkVariance) : null,
    discriminativeEfficiency: covarianceMax ? (100 * cov) / covarianceMax : null,
    markVariance,
    otherMarkVariance,
    covariance,
    covarianceMax,
    covarianceWithOverallMark: perAttempt(crossOverall, s),
  };
}

/**
 * Effective weight: each question's share of the spread of totals, measured by the square root of
 * its covariance with the total. Questions with a negative covariance get none (Moodle leaves them
 * blank) and do not count in the sum.
 */
function withEffectiveWeights(questions: Omit<MoodleQuestionStatistics, 'effectiveWeight'>[]): MoodleQuestionStatistics[] {
  const root = (q: Omit<MoodleQuestionStatistics, 'effectiveWeight'>) => Math.sqrt(q.covarianceWithOverallMark ?? 0);
  const positive = (q: Omit<MoodleQuestionStatistics, 'effectiveWeight'>) => (q.covarianceWithOverallMark ?? 0) >= 0;
  const total = sum(questions.filter(positive).map(root));
  return questions.map((q) => ({ ...q, effectiveWeight: total && positive(q) ? (100 * root(q)) / total : null }));
}

function quizStatistics(totals: readonly number[], maxMark: number, questionCount: number, sumOfMarkVariance: number): MoodleQuizStatistics {
  const s = totals.length;
  const average = s === 0 ? 0 : sum(totals) / s;
  const quiz: MoodleQuizStatistics = {
    attempts: s,
    maxMark,
    mean: s === 0 ? null : average,
    median: median(totals),
    standardDeviation: null,
    skewness: null,
    kurtosis: null,
    cic: null,
    errorRatio: null,
    standardError: null,
  };
  if (s < 2) return quiz;
  let power2 = 0;
  let power3 = 0;
  let power4 = 0;
  for (const t of totals) {
    const d = t - average;
    power2 += d ** 2;
    power3 += d ** 3;
    power4 += d ** 4;
  }
  quiz.standardDeviation = Math.sqrt(power2 / (s - 1));
  if (s < 3) return quiz;
  // Skewness and kurtosis from the unbiased k-statistics, as Moodle computes them.
  const m2 = power2 / s;
  const m3 = power3 / s;
  const m4 = power4 / s;
  const k2 = (s * m2) / (s - 1);
  const k3 = (s * s * m3) / ((s - 1) * (s - 2));
  if (k2 === 0) return quiz;
  quiz.skewness = k3 / k2 ** 1.5;
  if (s > 3) {
    const k4 = (s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2)) / ((s - 1) * (s - 2) * (s - 3));
    quiz.kurtosis = k4 / (k2 * k2);
  }
  quiz.cic = cicOf(questionCount, sumOfMarkVariance, k2);
  if (quiz.cic !== null) {
    // cic cannot exceed 100 in exact arithmetic; rounding can push a perfectly consistent test a
    // hair above it, where Moodle's square root would be NaN, so the radicand is floored at 0.
    quiz.errorRatio = 100 * Math.sqrt(Math.max(0, 1 - quiz.cic / 100));
    quiz.standardError = (quiz.errorRatio * quiz.standardDeviation) / 100;
  }
  return quiz;
}

/** Coefficient of internal consistency (percent) from the questions' summed mark variance and the totals' variance (k2 > 0). */
function cicOf(questionCount: number, sumOfMarkVariance: number, totalVariance: number): number | null {
  return questionCount > 1 ? ((100 * questionCount) / (questionCount - 1)) * (1 - sumOfMarkVariance / totalVariance) : null;
}

/**
 * The coefficient of internal consistency alone, equal to `moodleStatistics(input).quiz.cic`, in
 * two passes over the marks without the per-question sorts: a job role's report needs each
 * version's alpha for its SEM, not the item analysis (100,000 attempts of 30 questions).
 */
export function internalConsistency(input: Pick<MoodleInput, 'marks'>): number | null {
  const rows = input.marks;
  const s = rows.length;
  const k = rows[0]?.length ?? 0;
  if (s < 3) return null;
  const columnSums = new Float64Array(k);
  let totalSum = 0;
  for (const row of rows) {
    for (let q = 0; q < k; q++) columnSums[q] += row[q] ?? 0;
  }
  for (let q = 0; q < k; q++) totalSum += columnSums[q];
  const columnSquares = new Float64Array(k);
  let totalSquares = 0;
  for (const row of rows) {
    let total = 0;
    for (let q = 0; q < k; q++) {
      const m = row[q] ?? 0;
      const d = m - columnSums[q] / s;
      columnSquares[q] += d * d;
      total += m;
    }
    totalSquares += (total - totalSum / s) ** 2;
  }
  if (totalSquares === 0) return null;
  return cicOf(k, sum(Array.from(columnSquares)) / (s - 1), totalSquares / (s - 1));
}

export function moodleStatistics(input: MoodleInput): MoodleStatistics {
  const { maxMarks } = input;
  const marks = input.marks.map((row, r) => {
    if (row.length !== maxMarks.length) {
      throw new RangeError(`attempt ${r + 1} has ${row.length} marks for ${maxMarks.length} questions`);
    }
    return row.map((m) => m ?? 0);
  });
  const totals = marks.map((row) => sum(row));
  const maxTotal = sum(maxMarks);
  const questions = withEffectiveWeights(
    maxMarks.map((maxMark, q) =>
      questionStatistics(
        q,
        marks.map((row) => row[q]),
        totals,
        maxMark,
        maxTotal,
        input.randomGuessScores?.[q] ?? null,
      ),
    ),
  );
  const sumOfMarkVariance = sum(questions.map((q) => q.markVariance ?? 0));
  return { quiz: quizStatistics(totals, maxTotal, maxMarks.length, sumOfMarkVariance), questions };
}
