/**
 * Moodle's own fixture for its quiz statistics report (../shared/reference/moodle-quiz-statistics):
 * 25 attempts x 7 questions, reproduced to Moodle's tolerances.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moodleStatistics } from '../moodle';

const dir = join(__dirname, '../../../../../shared/reference/moodle-quiz-statistics');

function rows(file: string): string[][] {
  return readFileSync(join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

/** Moodle's assertion: |actual - expected| within `relative` of the expected value. */
function expectClose(actual: number | null, expected: number, relative: number) {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(Math.abs(expected) * relative);
}

const results = rows('results00.csv').map((r) => r.slice(1, 8).map(Number));
const stats = moodleStatistics({ marks: results, maxMarks: [1, 1, 1, 1, 1, 1, 1] });

describe("Moodle's quiz statistics fixture", () => {
  const expectedQuestions = rows('qstats00.csv').map((r) => r.map(Number));

  it.each(expectedQuestions.map((r) => [r[0], r]))('question %i matches qstats00.csv', (slot, r) => {
    const [, facility, sd, effectiveWeight, covariance, markVariance, otherMarkVariance, discrimination, covarianceMax, efficiency] = r;
    const q = stats.questions[slot - 1];
    expectClose(q.facility, facility, 1e-6);
    expectClose(q.sd, sd, 1e-6);
    expectClose(q.markVariance, markVariance, 1e-6);
    expectClose(q.otherMarkVariance, otherMarkVariance, 1e-6);
    expectClose(q.covariance, covariance, 1e-5);
    expectClose(q.covarianceMax, covarianceMax, 1e-5);
    expectClose(q.discriminationIndex, discrimination, 1e-5);
    expectClose(q.discriminativeEfficiency, efficiency, 1e-5);
    if (Number.isNaN(effectiveWeight)) expect(q.effectiveWeight).toBeNull();
    else expectClose(q.effectiveWeight, effectiveWeight, 1e-5);
  });

  it('matches the quiz-level figures of quizstats00.json', () => {
    const expected = JSON.parse(readFileSync(join(dir, 'quizstats00.json'), 'utf8'));
    expect(stats.quiz.attempts).toBe(expected.attempts);
    for (const key of ['median', 'mean', 'standardDeviation', 'skewness', 'kurtosis', 'cic', 'errorRatio', 'standardError'] as const) {
      expectClose(stats.quiz[key], expected[key], 1.5e-5);
    }
  });

  it('gives each question an intended weight of 1/7 of the test', () => {
    for (const q of stats.questions) expect(q.intendedWeight).toBeCloseTo(100 / 7, 10);
  });
});
