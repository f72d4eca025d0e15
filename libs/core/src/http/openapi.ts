import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { FieldProblem } from '../problem/domain-error';
import type { Problem } from '../problem/problem';

/** The OpenAPI media type of problem documents (the charset parameter is not part of the media type). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

@ApiSchema({ name: 'FieldProblem', description: 'One problem of the request: the field (nested as `sections[0].title`) and why.' })
export class FieldProblemResponse implements FieldProblem {
  @ApiProperty({ example: 'email' })
  field!: string;

  @ApiProperty({ example: 'email must be an email' })
  reason!: string;
}

/** The schema of problem.ts's Problem, the one error shape of the API (RFC 9457). */
@ApiSchema({ name: 'Problem', description: 'RFC 9457 problem document; switch on `code`. Some problems add extension members (e.g. `warnings`).' })
export class ProblemResponse implements Problem {
  [extension: string]: unknown;

  @ApiProperty({ example: 'https://assay.dev/problems/request/validation_failed' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiProperty({ example: 'Some fields are missing or invalid; see errors.' })
  detail!: string;

  @ApiProperty({ description: 'Stable machine code, e.g. `paper.not_found`.', example: 'request.validation_failed' })
  code!: string;

  @ApiPropertyOptional({ description: 'Only when fields are at fault.', type: [FieldProblemResponse] })
  errors?: FieldProblemResponse[];

  @ApiPropertyOptional({ example: '/api/v1/users' })
  instance?: string;

  @ApiPropertyOptional({ description: 'The X-Request-Id of the request; quote it when reporting a problem.' })
  requestId?: string;
}

/** The statuses an operation may answer with a problem, and what each means in this API. */
const PROBLEM_MEANINGS = {
  400: 'Invalid input: `errors[]` names each field and the reason (`request.validation_failed`, `request.invalid_id`, ...).',
  401: 'Missing or invalid credentials (`auth.*`).',
  403: 'The caller lacks a role this needs (`auth.role_required`).',
  404: 'Not found, or another tenant\'s (`<thing>.not_found`).',
  409: 'The current state does not allow it (see `code`).',
  410: 'Gone.',
  413: 'The body or file is larger than the server accepts (`request.too_large`, `upload.file_too_large`, `upload.expands_too_much`), or reading the file passed its time or memory limit (`upload.too_complex`).',
  415: 'Unsupported Content-Type (`request.unsupported_media_type`).',
  422: 'Well-formed but breaks a domain rule (see `code` and `errors`).',
  429: 'Too many requests from this client address (`request.rate_limited`); wait and retry.',
  503: 'A dependency is down.',
} as const;
export type ProblemStatus = keyof typeof PROBLEM_MEANINGS;

/** Statuses every staff operation can answer: no or bad credentials, or a missing role. */
export const STAFF_PROBLEMS: ProblemStatus[] = [401, 403];

/** The OpenAPI response object of one problem status; `detail` adds the operation's own codes. */
export function problemResponse(status: ProblemStatus, detail?: string): { description: string; content: Record<string, { schema: { $ref: string } }> } {
  return {
    description: detail ? `${PROBLEM_MEANINGS[status]} ${detail}` : PROBLEM_MEANINGS[status],
    content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponse) } } },
  };
}

/**
 * Declares the problem responses of an operation (or of every operation of a controller when put
 * on the class), each with the shared Problem schema and its own content type. `details` adds the
 * operation's own codes to a status's description, e.g. `{ 409: '`question.in_use`.' }`.
 */
export function ApiProblems(statuses: ProblemStatus[], details: Partial<Record<ProblemStatus, string>> = {}): ClassDecorator & MethodDecorator {
  return applyDecorators(ApiExtraModels(ProblemResponse), ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status, details[status]) })));
}

/** A success response that is a file (CSV, XLSX) or a page, in each of its real content types. */
export function ApiFileResponse(description: string, ...contentTypes: string[]): MethodDecorator {
  const schema = { type: 'string', format: 'binary' } as const;
  return ApiResponse({ status: 200, description, content: Object.fromEntries(contentTypes.map((type) => [type, { schema }])) });
}

/** An HTML page rendered by the server. */
export function ApiHtmlResponse(description: string): MethodDecorator {
  return ApiResponse({ status: 200, description, content: { 'text/html': { schema: { type: 'string' } } } });
}

/** 204: done, nothing to return. */
export function ApiNoContent(description: string): MethodDecorator {
  return ApiResponse({ status: 204, description });
}

const pageClasses = new Map<Type, Type>();

/**
 * The schema of page.ts's `Page<T>` for one item type, named `<Item>Page` (e.g. `UserPage`) so
 * generated clients get one readable type per list.
 */
export function PageResponseOf<T>(item: Type<T>): Type {
  const known = pageClasses.get(item);
  if (known) return known;
  class PageResponse {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: 'integer', description: 'Rows matching the filters, over all pages.', example: 123 })
    total!: number;

    @ApiProperty({ type: 'integer', example: 1 })
    page!: number;

    @ApiProperty({ type: 'integer', example: 50 })
    pageSize!: number;
  }
  const name = `${item.name.replace(/Response$/, '')}Page`;
  Object.defineProperty(PageResponse, 'name', { value: name });
  ApiSchema({ name })(PageResponse);
  pageClasses.set(item, PageResponse);
  return PageResponse;
}

const pageWithCursorClasses = new Map<Type, Type>();

/** The schema of cursor.ts's `PageWithCursor<T>`, named `<Item>Page` like PageResponseOf. */
export function PageWithCursorResponseOf<T>(item: Type<T>): Type {
  const known = pageWithCursorClasses.get(item);
  if (known) return known;
  class PageWithCursorResponse {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: 'integer', nullable: true, description: 'Rows matching the filters, over all pages; null when paging by cursor.', example: 123 })
    total!: number | null;

    @ApiProperty({ type: 'integer', nullable: true, description: 'null when paging by cursor.', example: 1 })
    page!: number | null;

    @ApiProperty({ type: 'integer', description: 'Rows per page (`limit` when paging by cursor).', example: 50 })
    pageSize!: number;

    @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the rows after this page; null on the last page.' })
    next!: string | null;
  }
  const name = `${item.name.replace(/Response$/, '')}Page`;
  Object.defineProperty(PageWithCursorResponse, 'name', { value: name });
  ApiSchema({ name })(PageWithCursorResponse);
  pageWithCursorClasses.set(item, PageWithCursorResponse);
  return PageWithCursorResponse;
}

const cursorPageClasses = new Map<Type, Type>();

/** The schema of cursor.ts's `CursorPage<T>`, named `<Item>Page`. */
export function CursorPageResponseOf<T>(item: Type<T>): Type {
  const known = cursorPageClasses.get(item);
  if (known) return known;
  class CursorPageResponse {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the rows after this page; null on the last page.' })
    next!: string | null;
  }
  const name = `${item.name.replace(/Response$/, '')}Page`;
  Object.defineProperty(CursorPageResponse, 'name', { value: name });
  ApiSchema({ name })(CursorPageResponse);
  cursorPageClasses.set(item, CursorPageResponse);
  return CursorPageResponse;
}

/** 200 with one page of `item`s, by page number or by cursor. */
export function ApiPageWithCursorResponse(item: Type, description = 'One page of the list (by page number or by cursor).'): MethodDecorator {
  return ApiResponse({ status: 200, description, type: PageWithCursorResponseOf(item) });
}

/** 200 with one cursor page of `item`s. */
export function ApiCursorPageResponse(item: Type, description = 'One page of the list; follow `next`.'): MethodDecorator {
  return ApiResponse({ status: 200, description, type: CursorPageResponseOf(item) });
}

/** 200 with one page of `item`s. */
export function ApiPageResponse(item: Type, description = 'One page of the list.'): MethodDecorator {
  return ApiResponse({ status: 200, description, type: PageResponseOf(item) });
}

/** What every stored record answers with: its id and when it was created and last changed. */
export class RecordResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

/** A record that belongs to a tenant (every table but `tenants`). */
export class TenantRecordResponse extends RecordResponse {
  @ApiProperty({ format: 'uuid' })
  tenantId!: string;
}
