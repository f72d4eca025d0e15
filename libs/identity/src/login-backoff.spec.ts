import { decideLoginAttempt, LOGIN_BACKOFF, lockSeconds, type LoginFailures } from './login-backoff';

describe('login backoff policy', () => {
  const now = new Date('2026-12-03T08:00:00Z');
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it('lets the first failures through unlocked, then locks for 30 s, doubling up to 15 minutes', () => {
    expect([1, 2, 3, 4].map(lockSeconds)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 50].map(lockSeconds)).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });

  it('counts an attempt when it starts: the fifth attempt of a burst already locks the account', () => {
    let state: LoginFailures | null = null;
    for (let i = 1; i <= LOGIN_BACKOFF.freeFailures; i += 1) {
      const decision = decideLoginAttempt(state, now);
      if (!decision.allowed) throw new Error(`attempt ${i} refused`);
      state = decision.next;
    }
    expect(state).toEqual({ failures: 5, lockedUntil: at(30), lastAttemptAt: now });
    expect(decideLoginAttempt(state, at(1))).toEqual({ allowed: false, retryAfterSeconds: 29 });
  });

  it('an attempt during the lock does not extend it; after it the password is checked again', () => {
    const locked: LoginFailures = { failures: 9, lockedUntil: at(900), lastAttemptAt: now };
    expect(decideLoginAttempt(locked, at(899.5))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(decideLoginAttempt(locked, at(900))).toEqual({ allowed: true, next: { failures: 10, lockedUntil: at(1800), lastAttemptAt: at(900) } });
  });

  it('forgets failures a day old', () => {
    const old: LoginFailures = { failures: 12, lockedUntil: null, lastAttemptAt: now };
    const decision = decideLoginAttempt(old, at(LOGIN_BACKOFF.forgetAfterSeconds + 1));
    expect(decision).toMatchObject({ allowed: true, next: { failures: 1, lockedUntil: null } });
  });
});
