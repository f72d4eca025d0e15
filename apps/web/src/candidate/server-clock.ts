/**
 * The exam countdown follows the server: every response carries `secondsLeft`, and in between the
 * client counts down with a monotonic clock (performance.now(), which keeps running in a background
 * tab and ignores changes of the device's clock). Timers may fire late in a background tab; the
 * time left is always recomputed from the anchor, so it never drifts.
 */
export class ServerClock {
  private anchor: { secondsLeft: number; at: number };

  constructor(
    secondsLeft: number,
    private readonly now: () => number,
  ) {
    this.anchor = { secondsLeft, at: now() };
  }

  /** Re-anchors on the server's latest word. */
  sync(secondsLeft: number): void {
    this.anchor = { secondsLeft, at: this.now() };
  }

  secondsLeft(): number {
    return Math.max(0, this.anchor.secondsLeft - (this.now() - this.anchor.at) / 1000);
  }
}

/** The candidate is warned when 5 minutes and when 1 minute are left. */
export const WARNING_SECONDS = [300, 60] as const;

/** The warning threshold crossed between two readings of the clock, if any (the smallest one when a sleep crossed both). */
export function crossedWarning(before: number, after: number): number | undefined {
  return [...WARNING_SECONDS].reverse().find((limit) => before > limit && after <= limit);
}

/** 5:07, or 1:02:03 past an hour; rounded up, so 0:00 means the time is really up. */
export function formatClock(seconds: number): string {
  const whole = Math.ceil(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
