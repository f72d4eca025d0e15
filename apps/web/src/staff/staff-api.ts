import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../api/schema';
import { readStaffSession, writeStaffSession } from './staff-session';

/**
 * The API client of the staff screens: every call carries the session's access token, and a 401
 * refreshes the session once (one refresh shared by every call that hit it) and repeats the call.
 * When the refresh is refused (logged out elsewhere, disabled, password changed) the session ends
 * and the shell shows the sign-in page with the reason.
 */
export const staffApi = createClient<paths>({ baseUrl: '' });

/** Why the last session ended, for the sign-in page ("your session ended, sign in again"). */
export let sessionEndReason: string | null = null;

/** Calls whose 401 means wrong credentials or an ended session, not an expired access token (`/auth/me` is refreshed like any call). */
const WITHOUT_REFRESH = new Set(['/api/v1/auth/login', '/api/v1/auth/signup', '/api/v1/auth/refresh', '/api/v1/auth/logout']);

let refreshing: Promise<string | null> | null = null;
const originals = new Map<string, Request>();

async function refreshSession(): Promise<string | null> {
  const session = readStaffSession();
  if (!session) return null;
  const response = await fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  }).catch(() => null);
  if (!response) return null;
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    sessionEndReason = problem.detail ?? null;
    writeStaffSession(null);
    return null;
  }
  const tokens = (await response.json()) as { accessToken: string; refreshToken: string };
  writeStaffSession({ ...session, ...tokens });
  return tokens.accessToken;
}

const authorise: Middleware = {
  onRequest({ request, id }) {
    const session = readStaffSession();
    if (session) request.headers.set('authorization', `Bearer ${session.accessToken}`);
    // Kept to repeat the call after a refresh (a sent request's body cannot be read again).
    originals.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = originals.get(id);
    originals.delete(id);
    if (response.status !== 401 || !original || WITHOUT_REFRESH.has(new URL(original.url).pathname)) return response;
    refreshing ??= refreshSession().finally(() => (refreshing = null));
    const token = await refreshing;
    if (!token) return response;
    const retry = new Request(original);
    retry.headers.set('authorization', `Bearer ${token}`);
    return fetch(retry);
  },
  onError({ id }) {
    originals.delete(id);
  },
};

staffApi.use(authorise);
