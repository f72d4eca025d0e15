/**
 * When simulated people act: arrivals spread over a ramp, and the pauses of someone acting at a
 * human pace. Pure; the randomness is passed in, so a test can fix it.
 */

export type Random = () => number;

/**
 * `count` arrival offsets (ms from the ramp's start) at a uniform rate over `rampMs`: one in each
 * of `count` equal slots, at a random point of its slot. Ascending, every one in [0, rampMs). A
 * uniform rate without the clumps of independent uniform draws, which would put twice the mean
 * rate into some seconds of a ten-second ramp.
 */
export function uniformArrivals(count: number, rampMs: number, random: Random = Math.random): number[] {
  const slot = rampMs / count;
  return Array.from({ length: count }, (_, i) => (i + random()) * slot);
}

/**
 * The pause before a person's next action: `meanMs` give or take `spread` of it (0.5: between half
 * and one and a half times), uniformly, so the mean rate stays 1 / meanMs and people drift apart
 * instead of acting in lockstep.
 */
export function jitteredPause(meanMs: number, spread: number, random: Random = Math.random): number {
  return meanMs * (1 - spread + 2 * spread * random());
}
