import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, map, mergeMap, Observable, throwError } from 'rxjs';
import { problemOf, type AuthenticatedRequest } from '@assay/core';
import { AuditTrail, type AuditedRequest } from './audit-trail';
import { redact } from './redaction';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Audits every request of a company's staff or API key that may change data (POST, PUT, PATCH,
 * DELETE): the handler runs inside an AuditedRequest so a domain can record its change with
 * before/after in its own transaction; otherwise the entry is written after the handler, before
 * the answer goes out, with the status it answers. Public routes (sign-up, login, candidates'
 * links and attempts) carry no principal and are not audited.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    if (!CHANGING.has(request.method) || !request.principal) return next.handle();
    const route = request.routeOptions.url ?? request.url.split('?')[0];
    const audited: AuditedRequest = {
      principal: request.principal,
      method: request.method,
      route,
      params: { ...((request.params as Record<string, string> | undefined) ?? {}) },
      body: request.body === undefined ? undefined : redact(request.body, { route }),
      successStatus: this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200),
      clientAddress: request.ip ?? null,
      requestId: request.id ? String(request.id) : null,
      recorded: false,
    };
    return new Observable((subscriber) =>
      AuditTrail.within(audited, () =>
        next
          .handle()
          .pipe(
            mergeMap((answer) => from(this.trail.requestEnded(audited, audited.successStatus, answer)).pipe(map(() => answer))),
            catchError((error: unknown) => from(this.trail.requestEnded(audited, problemOf(error).status)).pipe(mergeMap(() => throwError(() => error)))),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
