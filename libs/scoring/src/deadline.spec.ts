import { acceptsSave, computeDeadline, secondsLeft } from './deadline';
import { ScoringError } from './errors';

const at = (iso: string) => new Date(iso);
const startedAt = at('2026-03-01T09:00:00.000Z');

describe('computeDeadline', () => {
  it('adds the duration', () => {
    expect(computeDeadline({ startedAt, durationMinutes: 120, extraTimePercent: 0, windowClosesAt: null })).toEqual(
      at('2026-03-01T11:00:00.000Z'),
    );
  });

  it('adds extra time as a percentage of the duration', () => {
    expect(computeDeadline({ startedAt, durationMinutes: 60, extraTimePercent: 25, windowClosesAt: null })).toEqual(
      at('2026-03-01T10:15:00.000Z'),
    );
    // 7 min at 15% = 483 s exactly (a naive 7 * 1.15 * 60 is 482.99999999999994).
    expect(computeDeadline({ startedAt, durationMinutes: 7, extraTimePercent: 15, windowClosesAt: null })).toEqual(
      at('2026-03-01T09:08:03.000Z'),
    );
  });

  it('rounds the allowed time to whole seconds, half up', () => {
    // 1 min at 33.3% = 79.98 s -> 80 s; 1 min at 0.75% = 60.45 s -> 60 s; 1 min at 2.5% = 61.5 s -> 62 s.
    expect(computeDeadline({ startedAt, durationMinutes: 1, extraTimePercent: 33.3, windowClosesAt: null })).toEqual(at('2026-03-01T09:01:20.000Z'));
    expect(computeDeadline({ startedAt, durationMinutes: 1, extraTimePercent: 0.75, windowClosesAt: null })).toEqual(at('2026-03-01T09:01:00.000Z'));
    expect(computeDeadline({ startedAt, durationMinutes: 1, extraTimePercent: 2.5, windowClosesAt: null })).toEqual(at('2026-03-01T09:01:02.000Z'));
  });

  it('never runs past the window close', () => {
    const windowClosesAt = at('2026-03-01T10:30:00.000Z');
    expect(computeDeadline({ startedAt, durationMinutes: 120, extraTimePercent: 0, windowClosesAt })).toEqual(windowClosesAt);
    expect(computeDeadline({ startedAt, durationMinutes: 60, extraTimePercent: 0, windowClosesAt })).toEqual(at('2026-03-01T10:00:00.000Z'));
  });

  it('never ends before the start when the window is already closed', () => {
    expect(computeDeadline({ startedAt, durationMinutes: 60, extraTimePercent: 0, windowClosesAt: at('2026-03-01T08:00:00.000Z') })).toEqual(startedAt);
  });

  it('does not mutate its inputs', () => {
    const start = new Date(startedAt);
    computeDeadline({ startedAt: start, durationMinutes: 60, extraTimePercent: 0, windowClosesAt: null });
    expect(start).toEqual(startedAt);
  });

  it.each([
    { durationMinutes: 0, extraTimePercent: 0 },
    { durationMinutes: -5, extraTimePercent: 0 },
    { durationMinutes: Number.NaN, extraTimePercent: 0 },
    { durationMinutes: 60, extraTimePercent: -10 },
  ])('throws for %j', (input) => {
    expect(() => computeDeadline({ startedAt, windowClosesAt: null, ...input })).toThrow(ScoringError);
  });

  it('throws for an invalid date', () => {
    expect(() => computeDeadline({ startedAt: new Date('nope'), durationMinutes: 60, extraTimePercent: 0, windowClosesAt: null })).toThrow(ScoringError);
  });
});

describe('secondsLeft', () => {
  const deadline = at('2026-03-01T10:00:00.000Z');
  it.each([
    ['2026-03-01T09:00:00.000Z', 3600],
    ['2026-03-01T09:59:59.001Z', 1],
    ['2026-03-01T09:59:58.500Z', 2],
    ['2026-03-01T10:00:00.000Z', 0],
    ['2026-03-01T10:05:00.000Z', 0],
  ])('at %s -> %d', (now, expected) => {
    expect(secondsLeft(deadline, at(now))).toBe(expected);
  });
});

describe('acceptsSave', () => {
  const deadline = at('2026-03-01T10:00:00.000Z');
  it.each([
    ['2026-03-01T09:59:59.000Z', 0, true],
    ['2026-03-01T10:00:00.000Z', 0, true],
    ['2026-03-01T10:00:00.001Z', 0, false],
    ['2026-03-01T10:00:10.000Z', 10, true],
    ['2026-03-01T10:00:10.001Z', 10, false],
  ])('at %s with %d s grace -> %s', (now, grace, expected) => {
    expect(acceptsSave(deadline, grace, at(now))).toBe(expected);
  });

  it.each([-1, Number.NaN])('throws for grace %d', (grace) => {
    expect(() => acceptsSave(deadline, grace, deadline)).toThrow(ScoringError);
  });
});
