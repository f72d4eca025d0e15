import { agreementRates, graderLeanings, iccBand, intraclassCorrelation, kappaBand, middleBandShare, quadraticWeightedKappa } from '../agreement';

const pairs = (a: number[], b: number[]) => a.map((first, i) => ({ first, second: b[i] }));

describe('grader agreement', () => {
  it('exact and within-tolerance rates', () => {
    expect(agreementRates(pairs([1, 2, 3, 4], [1, 3, 5, 4.5]), 1)).toEqual({ pairs: 4, exact: 0.25, withinTolerance: 0.75 });
    expect(agreementRates([], 1)).toEqual({ pairs: 0, exact: null, withinTolerance: null });
  });

  it('quadratic weighted kappa: perfect, reversed, chance', () => {
    expect(quadraticWeightedKappa(pairs([0, 1, 2], [0, 1, 2]), 0, 2)).toBe(1);
    // Hand-computed: observed sum of w x count = 1 + 1 = 2; expected: every cell 1/3, sum of w = 3, so 1: 1 - 2/1 = -1.
    expect(quadraticWeightedKappa(pairs([0, 1, 2], [2, 1, 0]), 0, 2)).toBeCloseTo(-1, 12);
    expect(quadraticWeightedKappa(pairs([1, 1], [1, 1]), 0, 2)).toBeNull();
    expect(() => quadraticWeightedKappa(pairs([3], [0]), 0, 2)).toThrow(RangeError);
  });

  it('quadratic weighted kappa, hand-computed with unequal marginals', () => {
    // Pairs (0,0) (0,1) (1,1) (2,1) (2,2), k = 3, w = (i-j)^2/4.
    // Observed: 0.25 + 0.25 = 0.5. Marginals first [2,1,2], second [1,3,1], n = 5.
    // Expected: sum w * r_i * c_j / 5 = (0.25*(2*3 + 1*1 + 1*1 + 2*3) + 1*(2*1 + 2*1)) / 5 = (3.5 + 4) / 5 = 1.5.
    expect(quadraticWeightedKappa(pairs([0, 0, 1, 2, 2], [0, 1, 1, 1, 2]), 0, 2)).toBeCloseTo(1 - 0.5 / 1.5, 12);
  });

  it("ICC(2,1) reproduces Shrout & Fleiss's example (0.29)", () => {
    const ratings = [
      [9, 2, 5, 8],
      [6, 1, 3, 2],
      [8, 4, 6, 8],
      [7, 1, 2, 6],
      [10, 5, 6, 9],
      [6, 2, 4, 7],
    ];
    expect(intraclassCorrelation(ratings)).toBeCloseTo(0.2898, 4);
    expect(intraclassCorrelation([[1, 1]])).toBeNull();
    expect(intraclassCorrelation([[1, 1], [1, 1]])).toBeNull();
    expect(intraclassCorrelation([[1, 1], [2, 2], [3, 3]])).toBeCloseTo(1, 12);
  });

  it('bands', () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(kappaBand)).toEqual(['poor', 'slight', 'fair', 'moderate', 'substantial', 'almost_perfect']);
    expect([0.4, 0.6, 0.8, 0.95].map(iccBand)).toEqual(['poor', 'moderate', 'good', 'excellent']);
  });

  it('leniency against the team on the same questions, and the middle-band share', () => {
    const marks = [
      ...[0.9, 0.8, 0.9].map((fraction, i) => ({ grader: 'kind', question: `q${i}`, fraction })),
      ...[0.2, 0.3, 0.2].map((fraction, i) => ({ grader: 'strict', question: `q${i}`, fraction })),
      ...[0.5, 0.5, 0.6].map((fraction, i) => ({ grader: 'safe', question: `q${i}`, fraction })),
    ];
    const byGrader = Object.fromEntries(graderLeanings(marks).map((g) => [g.grader, g]));
    expect(byGrader.kind.leaning).toBe('lenient');
    expect(byGrader.strict.leaning).toBe('severe');
    expect(byGrader.safe.leaning).toBe('in_line');
    expect(byGrader.safe.middleBandShare).toBe(1);
    expect(byGrader.kind.teamMean).toBeCloseTo(4.9 / 9, 12);
    expect(middleBandShare([])).toBeNull();
  });
});
