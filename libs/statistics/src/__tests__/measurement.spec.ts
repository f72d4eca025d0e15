import { compareScores, competencyScores, MIN_NORM_GROUP, percentileRank, percentileRanks, ranks, scoreBand, standardErrorOfMeasurement } from '../measurement';

describe('measurement error, norms and competencies', () => {
  it('SEM = SD x sqrt(1 - alpha)', () => {
    expect(standardErrorOfMeasurement(10, 0.75)).toBeCloseTo(5, 12);
    expect(standardErrorOfMeasurement(10, 1)).toBe(0);
    expect(standardErrorOfMeasurement(10, -0.5)).toBe(10);
    expect(standardErrorOfMeasurement(null, 0.8)).toBeNull();
  });

  it('bands and not-distinguishable comparisons', () => {
    expect(scoreBand(70, 4)).toEqual({ score: 70, low: 66, high: 74 });
    // 1.96 x 4 x sqrt 2 = 11.09: 10 points apart is noise, 12 is a difference.
    expect(compareScores(80, 70, 4)).toBe('not_distinguishable');
    expect(compareScores(82, 70, 4)).toBe('higher');
    expect(compareScores(58, 70, 4)).toBe('lower');
  });

  it('percentile rank counts ties as half, flags small norm groups', () => {
    expect(percentileRank(3, [1, 2, 3, 4])).toEqual({ percentile: 62.5, normGroupSize: 4, tooSmallToRelyOn: true });
    const group = Array.from({ length: MIN_NORM_GROUP }, (_, i) => i);
    expect(percentileRank(0, group).tooSmallToRelyOn).toBe(false);
    expect(percentileRanks([1, 2, 2, 4]).map((r) => r.percentile)).toEqual([12.5, 50, 50, 87.5]);
    expect(percentileRank(5, []).percentile).toBe(0);
  });

  it('competency scores 0-100 over the questions assessing each', () => {
    // Competencies 0 communication, 1 logic, 2 empty (nothing to earn).
    const scores = competencyScores([3, 1, 2, 0, null, 5], [4, 4, 2, 0, 4, 5], [[0], [0, 1], [1], [2], [0], undefined], 3);
    // communication: (3 + 1) / (4 + 4); logic: (1 + 2) / (4 + 2); the unmarked answer and the
    // question assessing nothing count for nothing.
    expect(scores).toEqual([50, 50, null]);
  });

  it('ranks: 1 is best, ties share the best rank', () => {
    expect(ranks([50, 80, 80, 20])).toEqual([3, 1, 1, 4]);
  });
});
