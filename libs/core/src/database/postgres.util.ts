/** An ILIKE pattern matching `text` anywhere; the user's own % and _ match literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** PostgreSQL's foreign_key_violation, raised when a row still in use is deleted. */
export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23503';
}

/**
 * PostgreSQL refused a value the client sent, not our SQL: a NUL character in text (22021) or in
 * jsonb (22P05, `\u0000`), or a date it cannot read or hold (22007, 22008, 22009: JavaScript's
 * expanded years such as `+275760-01-01T00:00:00.000Z`). Such requests are the client's error
 * (400), never a 500. Works on a QueryFailedError (`driverError`) and on a pg error itself.
 */
const INVALID_VALUE_CODES = new Set(['22021', '22P05', '22007', '22008', '22009']);

export function isInvalidValueError(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && INVALID_VALUE_CODES.has(code);
}
