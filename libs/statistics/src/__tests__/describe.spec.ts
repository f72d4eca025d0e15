import { correlation, histogram, median, passRate, percentile, sampleCovariance, sampleSd } from '../describe';

describe('descriptive statistics', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('sample SD and covariance divide by n - 1', () => {
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sampleSd([5])).toBeNull();
    expect(sampleCovariance([1, 2, 3], [2, 4, 6])).toBeCloseTo(2, 12);
    expect(correlation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(correlation([1, 1, 1], [3, 2, 1])).toBeNull();
  });

  it('percentiles interpolate between closest ranks', () => {
    const scores = [10, 20, 30, 40, 50];
    expect(percentile(scores, 0)).toBe(10);
    expect(percentile(scores, 50)).toBe(30);
    expect(percentile(scores, 90)).toBe(46);
    expect(percentile(scores, 100)).toBe(50);
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile(scores, 101)).toThrow(RangeError);
  });

  it('histogram bins over 0..max, the maximum in the last bin', () => {
    const bins = histogram([0, 9.9, 10, 55, 100], 100, 10);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(bins[9]).toEqual({ from: 90, to: 100, count: 1 });
  });

  it('pass rate at the pass mark', () => {
    expect(passRate([40, 60, 60, 80], 60)).toBe(0.75);
    expect(passRate([], 60)).toBeNull();
  });
});
