import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, StreamableFile } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, Observable, of, throwError, catchError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { TenantTransaction } from '../database/tenant-transaction';
import { DomainError } from '../problem/domain-error';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Printable ASCII, as clients generate them (UUIDs, ULIDs, "ats-123-retry"). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** How long a first answer is kept for retries. */
const KEPT_FOR = '24 hours';
/** A claim whose request never finished (process killed) may be taken again after this. */
const CLAIM_TIMEOUT = '5 minutes';

const ANSWERS_SECRET = 'assay:answers-secret';

/**
 * For a POST whose answer holds a secret shown only once (an API key, a webhook signing secret):
 * with an Idempotency-Key, the answer is not stored (the secret would sit in clear in
 * `idempotency_keys`); a retry still creates nothing and gets 409 `idempotency.not_replayable`.
 */
export const AnswersSecret = () => SetMetadata(ANSWERS_SECRET, true);

type Claim = { kind: 'run' } | { kind: 'replay'; body: unknown };

/**
 * `Idempotency-Key` on POSTs of a tenant (staff or API key): the first request with a key claims it
 * (a row, committed before the handler runs), and its successful answer is stored; a retry with
 * the same key, route and body gets that answer again (`Idempotent-Replayed: true`) and runs
 * nothing. The same key with another route or body is 422 `idempotency.key_reused`; while the
 * first is still running, 409 `idempotency.in_progress` (retry shortly). A failed request (any
 * error) gives its key back, so the retry runs again (the failure rolled its work back).
 * docs/integrations.md.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || key === undefined || !request.principal) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw DomainError.invalid('idempotency.invalid_key', 'The Idempotency-Key header must be 1-255 printable ASCII characters, e.g. a UUID.', [
        { field: 'Idempotency-Key', reason: 'must be 1-255 printable ASCII characters' },
      ]);
    }
    const tenantId = request.principal.tenantId;
    const route = `POST ${request.routeOptions.url ?? request.url}`;
    const claim = await this.claim(tenantId, key, route, bodyHash(request));
    if (claim.kind === 'replay') {
      http.getResponse<{ header(name: string, value: string): unknown }>().header('idempotent-replayed', 'true');
      return of(claim.body);
    }
    const secret = this.reflector.get<boolean>(ANSWERS_SECRET, context.getHandler()) === true;
    return next.handle().pipe(
      mergeMap((body) => from(this.complete(tenantId, key, body, secret)).pipe(mergeMap(() => of(body)))),
      catchError((error: unknown) => from(this.release(tenantId, key)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  private claim(tenantId: string, key: string, route: string, hash: string): Promise<Claim> {
    return this.tx.runAs(tenantId, async (manager) => {
      // Expired answers and abandoned claims make way; a few expired rows of the tenant go with them.
      await manager.query(
        `DELETE FROM idempotency_keys WHERE key = $1 AND (expires_at < now() OR (status = 'in_progress' AND locked_until < now()))
            OR ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT 20)`,
        [key],
      );
      // A concurrent claim of the same key waits here for the other's commit, then conflicts.
      const inserted = (await manager.query(
        `INSERT INTO idempotency_keys (key, route, body_hash, status, locked_until, expires_at)
         VALUES ($1, $2, $3, 'in_progress', now() + $4::interval, now() + $5::interval)
         ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`,
        [key, route, hash, CLAIM_TIMEOUT, KEPT_FOR],
      )) as unknown[];
      if (inserted.length > 0) return { kind: 'run' as const };
      const [first] = (await manager.query(`SELECT route, body_hash, status, replayable, response_body FROM idempotency_keys WHERE key = $1`, [key])) as {
        route: string;
        body_hash: string;
        status: 'in_progress' | 'done';
        replayable: boolean;
        response_body: unknown;
      }[];
      if (first.route !== route || first.body_hash !== hash) {
        throw new DomainError('unprocessable', 'idempotency.key_reused', 'This Idempotency-Key was used for another request (route or body); use a new key for a new request.', [
          { field: 'Idempotency-Key', reason: 'already used with a different route or body' },
        ]);
      }
      if (first.status === 'in_progress') {
        throw new DomainError('conflict', 'idempotency.in_progress', 'The first request with this Idempotency-Key is still running; retry in a moment to get its answer.');
      }
      if (!first.replayable) {
        throw new DomainError(
          'conflict',
          'idempotency.not_replayable',
          'The first request with this Idempotency-Key succeeded; its answer held a secret shown only once, so it is not repeated. Find what it created in the list (or rotate its secret).',
        );
      }
      return { kind: 'replay' as const, body: first.response_body };
    });
  }

  /** Stores the answer; one that is not JSON (a file) is not replayable, so the key is given back. */
  private async complete(tenantId: string, key: string, body: unknown, secret: boolean): Promise<void> {
    if (body instanceof StreamableFile || Buffer.isBuffer(body)) return this.release(tenantId, key);
    await this.tx.runAs(tenantId, (manager) =>
      manager.query(`UPDATE idempotency_keys SET status = 'done', replayable = $2, response_body = $3::jsonb WHERE key = $1`, [
        key,
        !secret,
        secret ? null : JSON.stringify(body ?? null),
      ]),
    );
  }

  private async release(tenantId: string, key: string): Promise<void> {
    await this.tx.runAs(tenantId, (manager) => manager.query(`DELETE FROM idempotency_keys WHERE key = $1 AND status = 'in_progress'`, [key]));
  }
}

/** The JSON body as parsed; for other bodies (uploads, parsed later by the handler) their type and length. */
function bodyHash(request: FastifyRequest): string {
  const content = request.body !== undefined ? JSON.stringify(request.body) : `${request.headers['content-type'] ?? ''}|${request.headers['content-length'] ?? ''}`;
  return createHash('sha256').update(content).digest('hex');
}
