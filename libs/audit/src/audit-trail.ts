import { Injectable, Logger } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import { loggableError, TenantTransaction, type Principal } from '@assay/core';
import { redact } from './redaction';

/** The staff request being audited: who, from where, which route, and the status it answers on success. */
export interface AuditedRequest {
  principal: Principal;
  method: string;
  /** The route template, e.g. `/api/v1/users/:id`. */
  route: string;
  params: Record<string, string>;
  /** The request body, already redacted. */
  body: unknown;
  successStatus: number;
  clientAddress: string | null;
  requestId: string | null;
  /** Set once a domain recorded the change in its own transaction. */
  recorded: boolean;
}

/** A change a domain records with before/after, inside the transaction that makes it. */
export interface AuditChange {
  /** e.g. `user`, `tenant`, `api_key`, `paper`, `grading_settings`. */
  resourceType: string;
  resourceId: string;
  before?: unknown;
  after?: unknown;
}

const MAX_BODY_CHARS = 32_768;
const storage = new AsyncLocalStorage<AuditedRequest>();

/**
 * Writes `audit_log` (docs/audit.md). Domains call `record(manager, change)` inside the transaction
 * of a change worth its before/after, so the entry commits (or rolls back) with it; the
 * AuditInterceptor writes the entry of every other staff request that changes data, after it.
 * Outside a staff request (jobs, sign-up) there is no actor and `record` writes nothing.
 */
@Injectable()
export class AuditTrail {
  private readonly logger = new Logger(AuditTrail.name);

  constructor(private readonly tx: TenantTransaction) {}

  /** Runs the handler of an audited request so that `record` finds it. */
  static within<T>(request: AuditedRequest, work: () => T): T {
    return storage.run(request, work);
  }

  async record(manager: EntityManager, change: AuditChange): Promise<void> {
    const request = storage.getStore();
    if (!request) return;
    await insert(manager, request, request.successStatus, change);
    request.recorded = true;
  }

  /** The entry of a request no domain recorded, or of a failed one (whose recording rolled back). */
  async requestEnded(request: AuditedRequest, status: number, answer?: unknown): Promise<void> {
    if (status < 400 && request.recorded) return;
    const created = request.method === 'POST' && status < 400 ? idOf(answer) : undefined;
    try {
      await this.tx.runAs(request.principal.tenantId, (manager) => insert(manager, request, status, undefined, created));
    } catch (error) {
      // The change itself is committed (or refused); an entry that could not be written is logged, not turned into an error for the caller.
      this.logger.error({ err: loggableError(error), route: request.route, tenantId: request.principal.tenantId }, 'Could not write an audit entry');
    }
  }
}

/** One entry; without a domain's change, the resource is the one created (`createdId`) or the innermost path id. */
async function insert(manager: EntityManager, request: AuditedRequest, status: number, change?: AuditChange, createdId?: string): Promise<void> {
  const resourceId = change?.resourceId ?? createdId ?? lastParam(request.params);
  await manager.query(
    `INSERT INTO audit_log (actor_user_id, actor_api_key_id, method, route, action, resource_type, resource_id, path_params, status, client_address, request_id, body, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb)`,
    [
      request.principal.userId,
      request.principal.apiKeyId,
      request.method,
      request.route,
      `${request.method} ${request.route}`,
      change?.resourceType ?? (resourceId ? resourceTypeOf(request.route) : null),
      resourceId ?? null,
      JSON.stringify(request.params),
      status,
      request.clientAddress,
      request.requestId,
      json(request.body),
      json(change?.before === undefined ? undefined : redact(change.before, request)),
      json(change?.after === undefined ? undefined : redact(change.after, request)),
    ],
  );
}

/** JSON for a jsonb column; a body too large to keep says only how large it was. */
function json(value: unknown): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text.length > MAX_BODY_CHARS ? JSON.stringify({ truncated: true, chars: text.length }) : text;
}

function idOf(answer: unknown): string | undefined {
  const id = (answer as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The innermost path id names the resource acted on (`/papers/:id/sections/:sectionId` -> the section). */
function lastParam(params: Record<string, string>): string | undefined {
  const values = Object.values(params);
  return values.length > 0 ? values[values.length - 1] : undefined;
}

/** `/api/v1/webhooks/:id/rotate-secret` -> `webhooks`: the collection the route belongs to. */
export function resourceTypeOf(route: string): string | null {
  return /^\/api\/v\d+\/([^/:]+)/.exec(route)?.[1] ?? null;
}
