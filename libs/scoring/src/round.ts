/**
 * Round to 2 decimals, half up. Going through toPrecision first removes binary noise such as
 * 1.005 * 100 = 100.49999999999999, which a plain Math.round would round the wrong way.
 */
export function round2(value: number): number {
  const scaled = Number((value * 100).toPrecision(15));
  // `+ 0` turns -0 into 0 so that results compare and serialise cleanly.
  return Math.round(scaled) / 100 + 0;
}

/** Whole hundredths of a point; sums of these are exact, unlike sums of 2-decimal floats. */
export function toCents(value: number): number {
  return Math.round(Number((value * 100).toPrecision(15)));
}
