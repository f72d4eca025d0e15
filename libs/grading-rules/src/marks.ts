/**
 * Marks are kept in hundredths of a point: the mean of two half-point marks is a quarter point,
 * and hundredths hold every such value exactly.
 */
export function roundMark(value: number): number {
  return Math.round(Number((value * 100).toPrecision(15))) / 100 + 0;
}

/** The mean of two marks, in hundredths. */
export function meanMark(a: number, b: number): number {
  return roundMark((a + b) / 2);
}
