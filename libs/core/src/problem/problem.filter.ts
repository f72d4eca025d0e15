import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isInvalidValueError } from '../database/postgres.util';
import { DomainError, FieldProblem } from './domain-error';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, statusOf, titleOf } from './problem';

/** The members every problem document may have; an extension never replaces or adds one of them. */
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'requestId']);

function extensionMembers(extensions: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([name]) => !STANDARD_MEMBERS.has(name)));
}

/**
 * The problem document of an error, without `instance` and `requestId` (the caller adds them): the
 * one mapping of errors to HTTP statuses and codes, used by ProblemFilter and by routes that run
 * outside the Nest pipeline (the autosave route).
 */
export function problemOf(error: unknown): Problem {
  if (error instanceof DomainError) {
    return { ...extensionMembers(error.extensions), ...problem(statusOf(error.kind), error.code, error.message, error.fields) };
  }
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const message =
      typeof body === 'string' ? body : typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : error.message;
    return fromStatus(error.getStatus(), message);
  }
  if (isFastifyRequestError(error)) return fromStatus(error.statusCode, error.message);
  if (error instanceof QueryFailedError || error instanceof DatabaseError) {
    const pgCode = error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : error.code;
    // A unique index caught a race the service checks did not: the client retried or collided.
    if (pgCode === '23505') return problem(409, 'resource.conflict', 'The resource already exists.');
    // A value the database cannot store (NUL character, date out of range): the request is at fault.
    if (isInvalidValueError(error)) {
      return problem(400, 'request.invalid_value', 'A value cannot be stored: text must not contain NUL characters (\\u0000) and dates must be within the supported range.');
    }
  }
  return problem(500, 'server.error', 'Something went wrong on our side; try again, and quote the request id if it persists.');
}

/** What a log line may say about an unhandled error: name, message and stack only (a failed query's parameters may hold password hashes or answers). */
export function loggableError(error: unknown): { name: string; message: string; stack?: string } {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  return { name, message, stack };
}

/** Maps every error to an application/problem+json document; the only place that knows HTTP statuses. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), error, this.logger);
  }
}

/**
 * Answers `error` as its problem document (problemOf), naming the request's URL and id, and logs a
 * 5xx with the request id: ProblemFilter for Nest's routes, and the plain Fastify routes' own error
 * handling (the autosave, the start), so every route answers alike.
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown, logger: Pick<Logger, 'error'>): void {
  const problem = problemOf(error);
  problem.instance = request.url;
  problem.requestId = String(request.id);
  if (problem.status >= 500) logger.error({ err: loggableError(error), requestId: request.id }, 'Unhandled error');
  // A refusal that knows when it ends says so the way clients and proxies read it (RFC 9110).
  if (typeof problem.retryAfterSeconds === 'number') void reply.header('retry-after', String(problem.retryAfterSeconds));
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** A request error of Fastify's own (body parsing, body limit, content type): a 4xx with an FST_ code. */
function isFastifyRequestError(error: unknown): error is Error & { statusCode: number } {
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  return error instanceof Error && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 && typeof code === 'string' && code.startsWith('FST_');
}

/** Nest's own exceptions, and Fastify's request errors, which Nest wraps into HttpExceptions. */
function fromStatus(status: number, message: string): Problem {
  switch (status) {
    case 400:
      return /JSON/i.test(message)
        ? problem(400, 'request.malformed_json', 'The request body is not valid JSON; check quotes, commas and brackets.')
        : problem(400, 'request.invalid', message);
    case 401:
      return problem(401, 'auth.unauthenticated', message);
    case 403:
      return problem(403, 'auth.forbidden', message);
    case 404:
      return problem(404, 'route.not_found', 'No such endpoint; see /api/docs for the API.');
    case 413:
      return problem(413, 'request.too_large', 'The request body is larger than the server accepts; send less at once.');
    case 414:
      return problem(414, 'request.uri_too_long', 'A path segment is longer than the server accepts (100 characters).');
    case 415:
      return problem(415, 'request.unsupported_media_type', 'Unsupported Content-Type; send application/json.');
    case 429:
      return problem(429, 'request.rate_limited', 'Too many requests; wait a minute and try again.');
    default:
      return problem(status, status >= 500 ? 'server.error' : 'request.invalid', message);
  }
}

function problem(status: number, code: string, detail: string, errors: FieldProblem[] = []): Problem {
  return {
    type: problemType(code),
    title: titleOf(status),
    status,
    detail,
    code,
    ...(errors.length > 0 ? { errors } : {}),
  };
}
