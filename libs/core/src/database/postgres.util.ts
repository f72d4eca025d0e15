import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

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

/**
 * TypeORM's own `pg` pool (the same connections, size and settings), for a statement that is its own
 * transaction and binds its tenant itself (`attempt_save`, `grading_claim`): sent as one autocommit
 * round trip, it skips TypeORM's query runner (a QueryRunner object, BEGIN and COMMIT, the query
 * logger and subscriber broadcasts per call). A failure is then pg's DatabaseError, which the problem
 * mapping (problemOf) knows as well as TypeORM's QueryFailedError.
 */
export function driverPool(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}
