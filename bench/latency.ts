/**
 * Latency figures of a benchmark, per endpoint: every call's duration and whether it failed
 * (status >= 400, a timeout or a network error), summarised as count, errors, rate, p50, p99 and
 * max. Pure: no I/O, no clock (durations are measured by the caller).
 */

export interface LatencySummary {
  count: number;
  errors: number;
  /** Calls per second over the window the caller names. */
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * The nearest-rank percentile (`p` in 0..100) of samples sorted ascending, rounded to 0.1 ms; 0
 * for no samples. Nearest rank, so p100 is the maximum and no value is interpolated that no call took.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round(sorted[Math.min(sorted.length, rank) - 1] * 10) / 10;
}

export function summarise(samples: readonly number[], errors: number, windowSeconds: number): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    errors,
    perSecond: windowSeconds > 0 ? Math.round((sorted.length / windowSeconds) * 10) / 10 : 0,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  };
}

/** The calls of several endpoints, in the order their names were first recorded. */
export class LatencyLog {
  private readonly samples = new Map<string, number[]>();
  private readonly failures = new Map<string, number>();

  /** One call of `endpoint` that took `ms`; `failed` when it was answered >= 400 or not at all. */
  record(endpoint: string, ms: number, failed: boolean): void {
    if (!this.samples.has(endpoint)) this.samples.set(endpoint, []);
    this.samples.get(endpoint)?.push(ms);
    if (failed) this.failures.set(endpoint, (this.failures.get(endpoint) ?? 0) + 1);
  }

  /** Every endpoint's summary over its own window in seconds (an endpoint without one: 0 per second). */
  summary(windowSeconds: Record<string, number>): Record<string, LatencySummary> {
    return Object.fromEntries(
      [...this.samples].map(([endpoint, samples]) => [endpoint, summarise(samples, this.failures.get(endpoint) ?? 0, windowSeconds[endpoint] ?? 0)]),
    );
  }
}
