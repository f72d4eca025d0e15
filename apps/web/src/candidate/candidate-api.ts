import type { AttemptStatus, QuestionOption, QuestionType } from '@assay/contracts';
import { api, bodyOf, ProblemError } from '../api/client';
import type { components } from '../api/schema';
import type { QueuedSave, SaveOutcome } from './answer-sync';

/** The candidate side of the API (docs/attempts.md): link token -> intro -> start -> attempt token -> save/submit. */

/** The intro of an invitation, as the API declares it (generated from the OpenAPI document). */
export type Intro = components['schemas']['InvitationIntroResponse'];
export type Locale = Intro['locale'];

/** What the device keeps to resume after a reload (localStorage, per link). */
export interface AttemptSession {
  attemptId: string;
  attemptToken: string;
}

export interface CandidateQuestion {
  id: string;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  blankCount?: number;
  points: number;
}

export interface AttemptView {
  id: string;
  status: AttemptStatus;
  secondsLeft: number;
  paper: {
    title: string;
    instructions: string | null;
    showScoreToCandidate: boolean;
    sections: { id: string; title: string; instructions: string | null; questions: CandidateQuestion[] }[];
  };
  answers: { questionId: string; answer: unknown; seq: number }[];
  result: AttemptResult | null;
}

export interface AttemptResult {
  points: number;
  maxPoints: number;
  pendingManual: number;
}

export interface IntegrityEvent {
  type: string;
  at: string;
  detail?: Record<string, unknown>;
}

const attemptHeaders = (session: AttemptSession) => ({ 'x-attempt-token': session.attemptToken });

export async function fetchIntro(token: string): Promise<Intro> {
  return bodyOf<Intro>(await api.GET('/api/v1/links/{token}', { params: { path: { token } } }));
}

export async function startAttempt(token: string): Promise<AttemptSession> {
  return bodyOf<AttemptSession>(await api.POST('/api/v1/links/{token}/attempt', { params: { path: { token } } }));
}

export async function fetchAttempt(session: AttemptSession): Promise<AttemptView> {
  return bodyOf<AttemptView>(await api.GET('/api/v1/attempts/{id}', { params: { path: { id: session.attemptId }, header: attemptHeaders(session) } }));
}

export async function submitAttempt(session: AttemptSession): Promise<{ status: AttemptStatus; result: AttemptResult | null }> {
  return bodyOf(await api.POST('/api/v1/attempts/{id}/submit', { params: { path: { id: session.attemptId }, header: attemptHeaders(session) } }));
}

/** The codes after which no save of this attempt can succeed on this device. */
const ATTEMPT_OVER = new Set(['attempt.time_up', 'attempt.submitted', 'attempt.taken_over', 'attempt.not_found']);

/** One answer through the optimised single-answer route, classified for the offline queue. */
export async function saveAnswer(session: AttemptSession, save: QueuedSave): Promise<SaveOutcome> {
  try {
    const result = await api.PUT('/api/v1/attempts/{id}/answers/{questionId}', {
      params: { path: { id: session.attemptId, questionId: save.questionId }, header: attemptHeaders(session) },
      body: { answer: save.answer as never, seq: save.seq },
    });
    const { secondsLeft } = bodyOf<{ secondsLeft: number }>(result);
    return { kind: 'acknowledged', secondsLeft };
  } catch (error) {
    if (!(error instanceof ProblemError)) return { kind: 'unreachable' };
    const { status, code, detail } = error.problem;
    if (status >= 500 || status === 429) return { kind: 'unreachable' };
    return { kind: 'refused', code, detail: detail ?? code, attemptOver: ATTEMPT_OVER.has(code) };
  }
}

/** Integrity events: fire and forget, kept alive through a closing tab; never blocks the candidate. */
export function sendEvents(session: AttemptSession, events: IntegrityEvent[]): void {
  api
    .POST('/api/v1/attempts/{id}/events', {
      params: { path: { id: session.attemptId }, header: attemptHeaders(session) },
      body: { events } as never,
      keepalive: true,
    })
    .catch(() => undefined);
}
