import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { spreadsheetSafeCell } from '@assay/contracts';
import { containsPattern, cursorPageOf, decodeCursor, DEFAULT_LIMIT, keysetCondition, sortKeySql, TenantTransaction, type CursorPage, type KeysetOrder } from '@assay/core';
import type { AuditLogFilterDto, AuditLogQueryDto } from './dto/audit-log.dto';

export interface AuditEntry {
  id: string;
  tenantId: string;
  at: Date;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  method: string;
  route: string;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  pathParams: Record<string, string>;
  status: number;
  clientAddress: string | null;
  requestId: string | null;
  body: Record<string, unknown> | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const ORDER: KeysetOrder = { sort: 'at', id: 'id', type: 'timestamptz' };
const COLUMNS = `id, tenant_id AS "tenantId", at, actor_user_id AS "actorUserId", actor_api_key_id AS "actorApiKeyId", method, route, action,
  resource_type AS "resourceType", resource_id AS "resourceId", path_params AS "pathParams", status, client_address AS "clientAddress",
  request_id AS "requestId", body, before, after, ${sortKeySql(ORDER)} AS sort_key`;
const EXPORT_BATCH = 500;
const CSV_HEADER = ['at', 'id', 'actor_user_id', 'actor_api_key_id', 'action', 'resource_type', 'resource_id', 'status', 'client_address', 'request_id', 'body', 'before', 'after'];

type Row = AuditEntry & { sort_key: string };

/** Reads the audit log of the caller's company, newest first (docs/audit.md). */
@Injectable()
export class AuditLogService {
  constructor(private readonly tx: TenantTransaction) {}

  list(query: AuditLogQueryDto): Promise<CursorPage<AuditEntry>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    return this.tx.run(async (manager) => {
      const rows = (await manager.query(...this.select(query, limit + 1))) as Row[];
      const page = cursorPageOf(rows, limit, (row) => ({ key: row.sort_key, id: row.id }));
      return { items: page.items.map(entryOf), next: page.next };
    });
  }

  /**
   * The filtered log as CSV lines, read in batches by cursor (each its own short transaction), so
   * a large log streams without being held in memory and entries written meanwhile shift nothing.
   */
  exportCsv(query: AuditLogFilterDto): Readable {
    // The tenant is taken now: the stream is read after the handler, outside the request's context.
    return Readable.from(this.csvChunks(this.tx.currentTenantId(), query));
  }

  private async *csvChunks(tenantId: string, query: AuditLogFilterDto): AsyncGenerator<string> {
    yield `\uFEFF${csvLine(CSV_HEADER)}`;
    let cursor: string | undefined;
    do {
      const batch: AuditLogQueryDto = { ...query, cursor, limit: EXPORT_BATCH };
      const rows = await this.tx.runAs(tenantId, async (manager) => (await manager.query(...this.select(batch, EXPORT_BATCH + 1))) as Row[]);
      const page = cursorPageOf(rows, EXPORT_BATCH, (row) => ({ key: row.sort_key, id: row.id }));
      yield page.items.map((row) => csvLine(csvCells(entryOf(row)))).join('');
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
  }

  private select(query: AuditLogQueryDto, fetch: number): [string, unknown[]] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(condition(params.length));
    };
    if (query.actorUserId) add((n) => `actor_user_id = $${n}`, query.actorUserId);
    if (query.apiKeyId) add((n) => `actor_api_key_id = $${n}`, query.apiKeyId);
    if (query.action) add((n) => `action ILIKE $${n}`, containsPattern(query.action));
    if (query.method) add((n) => `method = $${n}`, query.method);
    if (query.resourceType) add((n) => `resource_type = $${n}`, query.resourceType);
    if (query.resourceId) add((n) => `(resource_id = $${n} OR EXISTS (SELECT 1 FROM jsonb_each_text(path_params) p WHERE p.value = $${n}))`, query.resourceId);
    if (query.from) add((n) => `at >= $${n}::timestamptz`, query.from);
    if (query.to) add((n) => `at < $${n}::timestamptz`, query.to);
    if (query.cursor !== undefined) {
      const at = decodeCursor(query.cursor, ORDER.type);
      params.push(at.key, at.id);
      where.push(keysetCondition(ORDER, params.length - 1));
    }
    params.push(fetch);
    const sql = `SELECT ${COLUMNS} FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT $${params.length}`;
    return [sql, params];
  }
}

function entryOf(row: Row): AuditEntry {
  const { sort_key: _key, ...entry } = row;
  return entry;
}

function csvCells(entry: AuditEntry): string[] {
  const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));
  return [
    entry.at.toISOString(),
    entry.id,
    entry.actorUserId ?? '',
    entry.actorApiKeyId ?? '',
    entry.action,
    entry.resourceType ?? '',
    entry.resourceId ?? '',
    String(entry.status),
    entry.clientAddress ?? '',
    entry.requestId ?? '',
    json(entry.body),
    json(entry.before),
    json(entry.after),
  ];
}

/** RFC 4180 quoting, every cell escaped against spreadsheet formulas. */
function csvLine(cells: string[]): string {
  return `${cells.map((cell) => `"${spreadsheetSafeCell(cell).replace(/"/g, '""')}"`).join(',')}\r\n`;
}
