import { csvRowsByNumber, funnel } from './invitation-rows';
import { reminderHoursOf, toDateTimeInput } from './window';

describe('invitation rows', () => {
  it('makes the funnel cumulative: whoever got further also passed the earlier steps', () => {
    const steps = funnel({ created: 1, sent: 3, opened: 2, started: 1, submitted: 4, graded: 5, expired: 2, revoked: 1 });
    expect(steps).toEqual([
      { step: 'invited', count: 19 },
      { step: 'opened', count: 12 },
      { step: 'started', count: 10 },
      { step: 'submitted', count: 9 },
      { step: 'graded', count: 5 },
    ]);
  });

  it('numbers CSV rows as Excel does, without the byte-order mark', () => {
    const rows = csvRowsByNumber('\uFEFFname,email\r\n王敏,wm@example.com\n李雷,not-an-email');
    expect(rows.get(1)).toBe('name,email');
    expect(rows.get(3)).toBe('李雷,not-an-email');
  });
});

describe('invitation window', () => {
  it('writes a moment for a datetime-local input and reads reminder hours', () => {
    // TZ is UTC in the tests (jest.config.js).
    expect(toDateTimeInput(new Date('2026-12-10T18:05:30Z'))).toBe('2026-12-10T18:05');
    expect(reminderHoursOf('24, 2,48')).toEqual([24, 2, 48]);
    expect(reminderHoursOf('24,,x -1 1.5')).toEqual([24]);
    expect(reminderHoursOf('')).toEqual([]);
  });
});
