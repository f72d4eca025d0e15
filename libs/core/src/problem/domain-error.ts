/**
 * What went wrong, in domain terms. Services throw DomainError; one filter maps the kind to an
 * HTTP status (problem.filter.ts), so services never know about HTTP.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  /** Well-formed input whose content breaks a domain rule (e.g. a paper that cannot be published). */
  | 'unprocessable'
  | 'rate_limited';

/** One problem of the request; a domain may add members (e.g. a paper issue's `path`, `code`, `message`). */
export interface FieldProblem {
  field: string;
  reason: string;
}

export interface DomainErrorOptions {
  cause?: unknown;
  /**
   * RFC 9457 extension members added to the problem document (e.g. `warnings`). They never
   * override the standard members (`type`, `title`, `status`, `detail`, `instance`, `code`,
   * `errors`, `requestId`).
   */
  extensions?: Record<string, unknown>;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine code, e.g. `paper.not_found`; clients switch on it. */
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    options: DomainErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'DomainError';
    this.extensions = options.extensions ?? {};
  }

  readonly extensions: Record<string, unknown>;

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what}.not_found`, `${what} not found`);
  }

  static invalid(code: string, message: string, fields: FieldProblem[] = []): DomainError {
    return new DomainError('invalid', code, message, fields);
  }
}
