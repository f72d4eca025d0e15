import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, sendProblem, type FieldProblem } from '@assay/core';
import { AttemptErrors } from './attempt-errors';
import { ATTEMPT_TOKEN_HEADER } from './attempt-token';
import { AttemptsService } from './attempts.service';
import { clientOf } from './client-of';
import { MAX_ANSWER_CHARS } from './dto/attempt.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SaveRequest = FastifyRequest<{ Params: { id: string; questionId: string }; Body: unknown }>;

/**
 * `PUT /api/v1/attempts/:id/answers/:questionId`, the hottest path, as a plain Fastify route on the
 * API's Fastify instance rather than a Nest controller method: the Nest pipeline (guard,
 * interceptor, validation pipe, Observables) cost more CPU per save than the save itself (see
 * docs/performance.md, "Autosave"). Everything a client sees is the same as for every other
 * endpoint: the same AttemptsService.save (one tenant-scoped transaction, one statement), the same
 * problem documents and codes, the same request id, the same body limit and JSON parsing.
 */
@Injectable()
export class AutosaveRoute implements OnModuleInit {
  private readonly logger = new Logger(AutosaveRoute.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly attempts: AttemptsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.route) return;
    fastify.route({
      method: 'PUT',
      url: '/api/v1/attempts/:id/answers/:questionId',
      // No per-request logger (registerRequestLogging): unhandled errors are logged below, with the request id.
      config: { requestLog: false },
      handler: (request, reply) => this.handle(request as SaveRequest, reply),
      errorHandler: (error, request, reply) => sendProblem(request, reply, error, this.logger),
    });
  }

  private async handle(request: SaveRequest, reply: FastifyReply): Promise<void> {
    try {
      const { id, questionId } = request.params;
      if (!UUID.test(id)) throw DomainError.invalid('request.invalid_id', 'Path parameter id must be a UUID.', [{ field: 'id', reason: 'must be a UUID' }]);
      if (!UUID.test(questionId)) {
        throw DomainError.invalid('request.invalid_id', 'Path parameter questionId must be a UUID.', [{ field: 'questionId', reason: 'must be a UUID' }]);
      }
      const { answer, seq } = validBody(request.body);
      const token = request.headers[ATTEMPT_TOKEN_HEADER];
      const saved = await this.attempts.save(id, typeof token === 'string' ? token : undefined, [{ questionId, answer, seq }], clientOf(request));
      const [item] = saved.items;
      if (item.status === 'unknown_question') throw AttemptErrors.questionNotFound();
      void reply.send({ ...item, seq, serverTime: saved.serverTime, secondsLeft: saved.secondsLeft });
    } catch (error) {
      // The same problem documents as ProblemFilter gives every other endpoint.
      sendProblem(request, reply, error, this.logger);
    }
  }
}

/** The same rules as SaveAnswerDto (which documents the route in OpenAPI), checked by hand. */
function validBody(body: unknown): { answer: unknown; seq: number } {
  const problems: FieldProblem[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw DomainError.invalid('request.validation_failed', 'Some fields are missing or invalid; see errors.', [{ field: 'body', reason: 'must be a JSON object' }]);
  }
  const { answer, seq, ...rest } = body as Record<string, unknown>;
  for (const field of Object.keys(rest)) problems.push({ field, reason: 'unknown field; remove it' });
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) problems.push({ field: 'seq', reason: 'seq must be an integer of at least 1' });
  if (answer === undefined || (JSON.stringify(answer)?.length ?? Infinity) > MAX_ANSWER_CHARS) {
    problems.push({ field: 'answer', reason: `answer must be a JSON value (null to clear) of at most ${MAX_ANSWER_CHARS} characters` });
  }
  if (problems.length > 0) throw DomainError.invalid('request.validation_failed', 'Some fields are missing or invalid; see errors.', problems);
  return { answer, seq: seq as number };
}
