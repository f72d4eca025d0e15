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
  | 'rate_limited';

export interface FieldProblem {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine code, e.g. `paper.not_found`; clients switch on it. */
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what}.not_found`, `${what} not found`);
  }

  static invalid(code: string, message: string, fields: FieldProblem[] = []): DomainError {
    return new DomainError('invalid', code, message, fields);
  }
}
