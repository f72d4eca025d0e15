import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../problem/domain-error';
import { pageOffset, PageQueryDto } from './page';

/**
 * Cursor (keyset) pagination for lists that can be large or grow while they are read: each page
 * starts strictly after the last row of the previous one by (sort key, id), so rows inserted
 * meanwhile never shift a page (no row seen twice, none skipped), and no OFFSET is counted.
 * The cursor is opaque to clients: base64url of `[sort key, id]`, the sort key as PostgreSQL
 * printed it (microseconds included: a JavaScript Date would drop them and repeat rows).
 */
export type SortKeyType = 'timestamptz' | 'bigint';

/** A list's order, newest first: a sort expression and the row id breaking ties, both SQL. */
export interface KeysetOrder {
  sort: string;
  id: string;
  type: SortKeyType;
}

export interface CursorPosition {
  key: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_FORMATS: Record<SortKeyType, RegExp> = {
  timestamptz: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  bigint: /^-?\d{1,19}$/,
};
const MAX_CURSOR_LENGTH = 200;
export const DEFAULT_LIMIT = 50;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.id])).toString('base64url');
}

/** The position a cursor names; anything this API did not hand out is 400 naming `cursor`. */
export function decodeCursor(cursor: string, type: SortKeyType): CursorPosition {
  const refuse = (): never => {
    throw DomainError.invalid('request.invalid_cursor', 'The cursor is not one this list handed out; start again without it, then follow `next`.', [
      { field: 'cursor', reason: 'not a cursor of this list' },
    ]);
  };
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return refuse();
  const [key, id] = parsed as unknown[];
  if (typeof key !== 'string' || typeof id !== 'string' || !KEY_FORMATS[type].test(key) || !UUID.test(id)) return refuse();
  return { key, id };
}

/** The sort key as text a cursor can carry and PostgreSQL reads back exactly. */
export function sortKeySql(order: KeysetOrder): string {
  return order.type === 'timestamptz' ? `to_char(${order.sort} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : `(${order.sort})::text`;
}

/** `(sort, id) < (cursor)`, for SQL written by hand; `$n` placeholders starting at `first`. */
export function keysetCondition(order: KeysetOrder, first: number): string {
  return `(${order.sort}, ${order.id}) < ($${first}::${order.type}, $${first + 1}::uuid)`;
}

/** `?cursor=&limit=` of a cursor-only list, and the cursor half of a list that pages both ways. */
export class CursorQueryDto {
  @ApiPropertyOptional({ description: 'Cursor paging: the `next` of the previous page; leave out for the first page. With `cursor` or `limit`, any `page` and `pageSize` are ignored.', maxLength: MAX_CURSOR_LENGTH })
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ description: 'Cursor paging: rows per page.', default: DEFAULT_LIMIT, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/**
 * `?page=&pageSize=` as before, or `?cursor=&limit=` for lists that also page by cursor: giving
 * either of the latter switches to cursor paging (page and pageSize are then ignored).
 */
export class PageOrCursorQueryDto extends IntersectionType(PageQueryDto, CursorQueryDto) {
  // IntersectionType copies fields and their decorators, not accessors: PageQueryDto's `offset` is typed here but would be undefined.
  override get offset(): number {
    return pageOffset(this);
  }
}

/** A cursor page: `next` is null on the last one. */
export interface CursorPage<T> {
  items: T[];
  next: string | null;
}

/** A page of a list that pages both ways: `total` and `page` only in page mode. */
export interface PageWithCursor<T> {
  items: T[];
  total: number | null;
  page: number | null;
  pageSize: number;
  next: string | null;
}

/** Rows fetched with one extra (limit + 1) to a page: the extra one only says that more follow. */
export function cursorPageOf<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): CursorPage<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items, next: more && items.length > 0 ? encodeCursor(positionOf(items[items.length - 1])) : null };
}

const KEYSET_ALIAS = 'keyset_sort';

/**
 * One page of a TypeORM query in either mode, ordered newest first by `order`, each row mapped
 * with its raw columns (for addSelect'ed values). The query must not join to-many relations (one
 * raw row per entity). In page mode `next` continues by cursor after this page's last row, so a
 * client can switch to cursors at any page.
 */
export async function pageOrCursor<T extends ObjectLiteral & { id: string }, V>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder,
  query: PageOrCursorQueryDto,
  map: (entity: T, raw: Record<string, unknown>) => V,
): Promise<PageWithCursor<V>> {
  const byCursor = query.cursor !== undefined || query.limit !== undefined;
  const limit = byCursor ? (query.limit ?? DEFAULT_LIMIT) : query.pageSize;
  const at = query.cursor !== undefined ? decodeCursor(query.cursor, order.type) : undefined;
  const total = byCursor ? null : await qb.clone().getCount();
  qb.addSelect(sortKeySql(order), KEYSET_ALIAS).orderBy(order.sort, 'DESC').addOrderBy(order.id, 'DESC').limit(limit + 1);
  if (at) qb.andWhere(`(${order.sort}, ${order.id}) < (CAST(:keysetKey AS ${order.type}), CAST(:keysetId AS uuid))`, { keysetKey: at.key, keysetId: at.id });
  if (!byCursor) qb.offset(query.offset);
  const { entities, raw } = await qb.getRawAndEntities<Record<string, unknown>>();
  const rawById = new Map(raw.map((row) => [row[`${qb.alias}_id`] as string, row]));
  const page = cursorPageOf(entities, limit, (entity) => ({ key: rawById.get(entity.id)?.[KEYSET_ALIAS] as string, id: entity.id }));
  return {
    items: page.items.map((entity) => map(entity, rawById.get(entity.id) ?? {})),
    next: page.next,
    total,
    page: byCursor ? null : query.page,
    pageSize: limit,
  };
}
