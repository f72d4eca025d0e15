/** The signed-in staff member's tokens, for this browser tab only (sessionStorage). */
export interface StaffSession {
  accessToken: string;
  refreshToken: string;
  email: string;
}

const KEY = 'assay:staff';

export function readStaffSession(): StaffSession | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as StaffSession | null;
  } catch {
    return null;
  }
}

export function writeStaffSession(session: StaffSession | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}
