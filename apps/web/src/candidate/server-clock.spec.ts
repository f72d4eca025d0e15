import { crossedWarning, formatClock, ServerClock } from './server-clock';

describe('ServerClock', () => {
  it('counts down from the server\'s word with the monotonic clock and re-anchors on every response', () => {
    let now = 10_000;
    const clock = new ServerClock(600, () => now);
    now += 90_500;
    expect(clock.secondsLeft()).toBe(509.5);
    clock.sync(505);
    expect(clock.secondsLeft()).toBe(505);
    now += 1_000_000;
    expect(clock.secondsLeft()).toBe(0);
  });

  it('warns once at 5 minutes and at 1 minute, even when a background tab slept past both', () => {
    expect(crossedWarning(301, 300)).toBe(300);
    expect(crossedWarning(300, 299)).toBeUndefined();
    expect(crossedWarning(61, 59.5)).toBe(60);
    expect(crossedWarning(400, 30)).toBe(60);
    expect(crossedWarning(59, 58)).toBeUndefined();
  });

  it('shows minutes and seconds, rounded up', () => {
    expect(formatClock(307)).toBe('5:07');
    expect(formatClock(0.2)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(3723)).toBe('1:02:03');
  });
});
