import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The typed client of the API, generated from its OpenAPI document (`npm run web:client` writes
 * schema.d.ts; a test fails when it is stale). Same origin: the API serves this app.
 */
export const api = createClient<paths>({ baseUrl: '' });

/** An API error as application/problem+json (see docs/api.md). */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { field: string; reason: string }[];
}

/** Thrown when a call answers an error: carries the problem so screens can say what to do. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
  }
}

/**
 * The body of a successful call, or a ProblemError. Response bodies are typed by the caller until
 * the API declares its response schemas (then they come from schema.d.ts like the requests do).
 */
export function bodyOf<T>(result: { data?: unknown; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const problem = (result.error ?? {}) as Partial<Problem>;
  throw new ProblemError({ ...problem, status: result.response.status, code: problem.code ?? `http.${result.response.status}` });
}
