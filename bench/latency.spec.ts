import { LatencyLog, percentile, summarise } from './latency';

describe('percentile', () => {
  it('is the nearest rank: a value some call took, p100 the maximum', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7.26, 9], 50)).toBe(7.3);
  });

  it('is the only value of one sample, and 0 of none', () => {
    expect(percentile([12], 1)).toBe(12);
    expect(percentile([12], 99)).toBe(12);
    expect(percentile([], 99)).toBe(0);
  });
});

describe('summarise', () => {
  it('sorts, counts, and rates over the window', () => {
    expect(summarise([30, 10, 20, 40], 1, 2)).toEqual({ count: 4, errors: 1, perSecond: 2, p50: 20, p99: 40, max: 40 });
  });
});

describe('LatencyLog', () => {
  it('keeps each endpoint apart, with its failures and its own window', () => {
    const log = new LatencyLog();
    log.record('save', 5, false);
    log.record('start', 900, false);
    log.record('save', 15, true);
    log.record('save', 10, false);
    const summary = log.summary({ save: 10, start: 1 });
    expect(Object.keys(summary)).toEqual(['save', 'start']);
    expect(summary.save).toEqual({ count: 3, errors: 1, perSecond: 0.3, p50: 10, p99: 15, max: 15 });
    expect(summary.start).toEqual({ count: 1, errors: 0, perSecond: 1, p50: 900, p99: 900, max: 900 });
  });
});
