/** Moodle's statistics at the edges: one candidate, zero variance, all correct, missing answers. */
import { internalConsistency, moodleStatistics } from '../moodle';

describe('moodleStatistics at the edges', () => {
  it('one candidate: mean and median, every spread figure blank', () => {
    const { quiz, questions } = moodleStatistics({ marks: [[1, 0, 2]], maxMarks: [1, 1, 2] });
    expect(quiz).toMatchObject({ attempts: 1, maxMark: 4, mean: 3, median: 3, standardDeviation: null, skewness: null, cic: null, errorRatio: null });
    expect(questions[2]).toMatchObject({ facility: 1, sd: null, discriminationIndex: null, discriminativeEfficiency: null, effectiveWeight: null, intendedWeight: 50 });
  });

  it('zero variance (everyone the same total): SD 0, skewness, kurtosis and cic blank', () => {
    const { quiz, questions } = moodleStatistics({ marks: [[1, 0], [0, 1], [1, 0], [0, 1]], maxMarks: [1, 1] });
    expect(quiz.standardDeviation).toBe(0);
    expect(quiz.skewness).toBeNull();
    expect(quiz.kurtosis).toBeNull();
    expect(quiz.cic).toBeNull();
    // The rest of the test still varies, so the correlation with it exists: perfectly negative.
    expect(questions[0].discriminationIndex).toBeCloseTo(-100, 10);
    // Covariance with the (constant) total is 0: no effective weight can be shared out.
    expect(questions.map((q) => q.effectiveWeight)).toEqual([null, null]);
  });

  it('all correct: facility 1, SD 0, discrimination blank', () => {
    const { quiz, questions } = moodleStatistics({ marks: [[1, 1], [1, 1], [1, 1]], maxMarks: [1, 1] });
    expect(quiz).toMatchObject({ mean: 2, median: 2, standardDeviation: 0, cic: null });
    expect(questions[0]).toMatchObject({ facility: 1, sd: 0, discriminationIndex: null, discriminativeEfficiency: null });
  });

  it('missing answers count as 0, as in Moodle', () => {
    const withBlanks = moodleStatistics({ marks: [[1, null], [null, 1], [1, 1], [0, 0]], maxMarks: [1, 1] });
    const withZeros = moodleStatistics({ marks: [[1, 0], [0, 1], [1, 1], [0, 0]], maxMarks: [1, 1] });
    expect(withBlanks).toEqual(withZeros);
  });

  it('hand-computed: 4 candidates, 2 questions', () => {
    // Totals 2, 1, 1, 0: mean 1, median 1, sample variance (1 + 0 + 0 + 1) / 3 = 2/3.
    // Each question: marks 1,1,0,0 and 1,0,1,0, variance (4 x 0.25) / 3 = 1/3.
    // cic = 100 x 2/1 x (1 - (2/3) / (2/3)) = 0; error ratio 100; standard error = SD.
    const { quiz, questions } = moodleStatistics({ marks: [[1, 1], [1, 0], [0, 1], [0, 0]], maxMarks: [1, 1] });
    expect(quiz.mean).toBe(1);
    expect(quiz.median).toBe(1);
    expect(quiz.standardDeviation).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(quiz.skewness).toBeCloseTo(0, 12);
    expect(quiz.cic).toBeCloseTo(0, 12);
    expect(quiz.errorRatio).toBeCloseTo(100, 10);
    expect(quiz.standardError).toBeCloseTo(Math.sqrt(2 / 3), 10);
    // Question 1 against the rest (question 2): uncorrelated, so discrimination 0.
    expect(questions[0].discriminationIndex).toBeCloseTo(0, 12);
    expect(questions[0].facility).toBe(0.5);
    expect(questions[0].sd).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(questions[0].effectiveWeight).toBeCloseTo(50, 12);
  });

  it('scales facility and SD by the question maximum', () => {
    const { questions } = moodleStatistics({ marks: [[5, 1], [3, 0], [1, 1]], maxMarks: [5, 1] });
    expect(questions[0].facility).toBeCloseTo(9 / 15, 12);
    expect(questions[0].sd).toBeCloseTo(2 / 5, 12);
    expect(questions[0].intendedWeight).toBeCloseTo(100 * 5 / 6, 12);
  });

  it('a perfectly consistent test: cic 100, error ratio and standard error 0, never NaN', () => {
    // Two questions that always move together: alpha reaches its ceiling of 1.
    const { quiz } = moodleStatistics({ marks: [[1, 1], [0, 0], [1, 1], [0, 0]], maxMarks: [1, 1] });
    expect(quiz.cic).toBeCloseTo(100, 10);
    expect(quiz.errorRatio).toBeCloseTo(0, 5);
    expect(quiz.standardError).toBeCloseTo(0, 5);
  });

  it('rejects a row with the wrong number of marks', () => {
    expect(() => moodleStatistics({ marks: [[1]], maxMarks: [1, 1] })).toThrow(/attempt 1 has 1 marks for 2 questions/);
  });

  it('internalConsistency is the cic of moodleStatistics, edges included', () => {
    // A deterministic cohort of 200 attempts of 12 questions with blanks and varied difficulty.
    const marks = Array.from({ length: 200 }, (_, r) => Array.from({ length: 12 }, (_, q) => ((r * 7 + q * 13) % 11 === 0 ? null : ((r % 17) + q) % 5 > 1 ? (q % 3) + 1 : 0)));
    const maxMarks = Array.from({ length: 12 }, (_, q) => (q % 3) + 1);
    expect(internalConsistency({ marks })).toBeCloseTo(moodleStatistics({ marks, maxMarks }).quiz.cic as number, 10);
    for (const edge of [[[1, 0, 2]], [[1, 0], [0, 1], [1, 0], [0, 1]], [[1, 1], [1, 1], [1, 1]], [[1], [0], [1]]]) {
      expect(internalConsistency({ marks: edge })).toBe(moodleStatistics({ marks: edge, maxMarks: edge[0].map(() => 2) }).quiz.cic);
    }
  });
});

