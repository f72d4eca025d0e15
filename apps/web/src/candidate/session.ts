import type { AttemptSession } from './candidate-api';

/**
 * The attempt of a link, kept in localStorage so a reload or a reopened tab resumes it (the
 * server keeps the answers; the queue of unsent ones is in answer-sync.ts). Per link, so two
 * invitations on one device never mix.
 */
const sessionKey = (linkToken: string) => `assay:attempt:${linkToken}`;
const flagsKey = (attemptId: string) => `assay:flags:${attemptId}`;

export function readSession(linkToken: string): AttemptSession | null {
  try {
    const value = JSON.parse(localStorage.getItem(sessionKey(linkToken)) ?? 'null') as Partial<AttemptSession> | null;
    return value?.attemptId && value.attemptToken ? { attemptId: value.attemptId, attemptToken: value.attemptToken } : null;
  } catch {
    return null;
  }
}

export function writeSession(linkToken: string, session: AttemptSession): void {
  localStorage.setItem(sessionKey(linkToken), JSON.stringify({ attemptId: session.attemptId, attemptToken: session.attemptToken }));
}

export function forgetSession(linkToken: string): void {
  localStorage.removeItem(sessionKey(linkToken));
}

/** Questions flagged for review: only for the candidate, so only on the device. */
export function readFlags(attemptId: string): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(flagsKey(attemptId)) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

export function writeFlags(attemptId: string, flags: ReadonlySet<string>): void {
  if (flags.size === 0) localStorage.removeItem(flagsKey(attemptId));
  else localStorage.setItem(flagsKey(attemptId), JSON.stringify([...flags]));
}
