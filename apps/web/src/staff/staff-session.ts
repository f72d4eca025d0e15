/** The signed-in staff member's tokens, for this browser tab only (sessionStorage). */
export interface StaffSession {
  accessToken: string;
  refreshToken: string;
  email: string;
}

const KEY = 'assay:staff';
const listeners = new Set<(session: StaffSession | null) => void>();

export function readStaffSession(): StaffSession | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as StaffSession | null;
  } catch {
    return null;
  }
}

/** Stores (or clears) the session and tells the shell, which shows the sign-in page on `null`. */
export function writeStaffSession(session: StaffSession | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function onStaffSessionChange(listener: (session: StaffSession | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
