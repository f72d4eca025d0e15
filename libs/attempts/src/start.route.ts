import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RouteThrottle, sendProblem } from '@assay/core';
import { AttemptsService } from './attempts.service';
import { clientOf } from './client-of';

type StartRequest = FastifyRequest<{ Params: { token: string } }>;

/**
 * `POST /api/v1/links/:token/attempt`, the candidate's start, as a plain Fastify route on the API's
 * Fastify instance, like the autosave (autosave.route.ts): framework code was ~44 % of a start's
 * CPU, Nest's router, guards, interceptors and Observables ~24 % of it (docs/performance.md, "The
 * start as a plain Fastify route"). What a client sees is what the Nest method AttemptStartController.start answered: public,
 * the `links` rate limit per client address (RouteThrottle: ThrottlerGuard's storage, key, limits and
 * headers), 201 started or 200 taken over with the same body, the same problem documents and request
 * id, and a request log line like every other endpoint's.
 */
@Injectable()
export class StartRoute implements OnModuleInit {
  private readonly logger = new Logger(StartRoute.name);
  private readonly throttle: RouteThrottle;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly attempts: AttemptsService,
    @InjectThrottlerOptions() throttlerOptions: ThrottlerModuleOptions,
    @InjectThrottlerStorage() throttlerStorage: ThrottlerStorage,
  ) {
    // The key the guard gave the Nest method, so each client's count carries across a deploy.
    this.throttle = new RouteThrottle(throttlerOptions, 'links', throttlerStorage, 'AttemptStartController-start');
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.route) return;
    fastify.route({
      method: 'POST',
      url: '/api/v1/links/:token/attempt',
      handler: (request, reply) => this.handle(request as StartRequest, reply),
      errorHandler: (error, request, reply) => sendProblem(request, reply, error, this.logger),
    });
  }

  private async handle(request: StartRequest, reply: FastifyReply): Promise<void> {
    try {
      await this.throttle.check(request, reply);
      const started = await this.attempts.start(request.params.token, clientOf(request));
      void reply.status(started.takenOver ? 200 : 201).send(started);
    } catch (error) {
      sendProblem(request, reply, error, this.logger);
    }
  }
}
