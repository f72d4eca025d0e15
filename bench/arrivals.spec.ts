import { jitteredPause, uniformArrivals } from './arrivals';

/** A fixed sequence standing in for Math.random. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

describe('uniformArrivals', () => {
  it('puts one arrival in each equal slot of the ramp, ascending', () => {
    expect(uniformArrivals(4, 10_000, sequence(0, 0.5, 0.999, 0.25))).toEqual([0, 3750, 7497.5, 8125]);
  });

  it('spreads 2,000 arrivals over 10 s at 200 per second, every second', () => {
    const arrivals = uniformArrivals(2000, 10_000);
    const perSecond = Array.from({ length: 10 }, (_, s) => arrivals.filter((at) => at >= s * 1000 && at < (s + 1) * 1000).length);
    expect(perSecond).toEqual(Array(10).fill(200));
    expect([...arrivals].sort((a, b) => a - b)).toEqual(arrivals);
  });
});

describe('jitteredPause', () => {
  it('lies within the spread around the mean, at both ends and the middle', () => {
    expect(jitteredPause(15_000, 0.5, () => 0)).toBe(7500);
    expect(jitteredPause(15_000, 0.5, () => 0.5)).toBe(15_000);
    expect(jitteredPause(15_000, 0.5, () => 1)).toBe(22_500);
    expect(jitteredPause(15_000, 0, () => 0.9)).toBe(15_000);
  });
});
