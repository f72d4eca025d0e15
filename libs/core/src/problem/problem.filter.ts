import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainError, FieldProblem } from './domain-error';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, statusOf, titleOf } from './problem';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Fastify's own request errors (body parsing, size, media type) and what to tell the client. */
const FASTIFY_ERRORS: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'request.malformed_json', detail: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'request.empty_body', detail: 'The request body is empty; send a JSON object.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request.too_large', detail: 'The request body is larger than the server accepts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'request.unsupported_media_type',
    detail: 'Unsupported Content-Type; send application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'request.bad_length', detail: 'Content-Length does not match the body.' },
};

/** Maps every error to an application/problem+json document; the only place that knows HTTP statuses. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error);
    problem.instance = request.url;
    problem.requestId = String(request.id);
    if (problem.status >= 500) {
      this.logger.error({ err: error, requestId: request.id }, 'Unhandled error');
    }
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof DomainError) {
      return this.problem(statusOf(error.kind), error.code, error.message, error.fields);
    }
    if (error instanceof HttpException) {
      return this.fromHttpException(error);
    }
    if (error instanceof QueryFailedError) {
      const pgCode = (error.driverError as { code?: string } | undefined)?.code;
      // A unique index caught a race the service checks did not: the client retried or collided.
      if (pgCode === '23505') return this.problem(409, 'resource.conflict', 'The resource already exists.');
    }
    const fastifyError = error as FastifyLikeError;
    if (fastifyError?.code && FASTIFY_ERRORS[fastifyError.code]) {
      const known = FASTIFY_ERRORS[fastifyError.code];
      return this.problem(fastifyError.statusCode ?? 400, known.code, known.detail);
    }
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return this.problem(fastifyError.statusCode, 'request.invalid', fastifyError.message ?? titleOf(fastifyError.statusCode));
    }
    return this.problem(500, 'server.error', 'Something went wrong on our side; try again, and quote the request id if it persists.');
  }

  private fromHttpException(error: HttpException): Problem {
    const status = error.getStatus();
    const body = error.getResponse();
    const message =
      typeof body === 'string' ? body : typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : error.message;
    if (status === 404) return this.problem(404, 'route.not_found', message);
    if (status === 429) return this.problem(429, 'request.rate_limited', 'Too many requests; wait a minute and try again.');
    const code = status === 413 ? 'request.too_large' : status === 401 ? 'auth.unauthenticated' : status === 403 ? 'auth.forbidden' : 'request.invalid';
    return this.problem(status, code, message);
  }

  private problem(status: number, code: string, detail: string, errors: FieldProblem[] = []): Problem {
    return {
      type: problemType(code),
      title: titleOf(status),
      status,
      detail,
      code,
      ...(errors.length > 0 ? { errors } : {}),
    };
  }
}
