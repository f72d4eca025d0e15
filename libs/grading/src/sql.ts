import type { EntityManager } from 'typeorm';

/** The rows of an UPDATE ... RETURNING: TypeORM answers UPDATE and DELETE with [rows, rowCount]. */
export async function updated<T>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const [rows] = (await manager.query(sql, parameters)) as [T[], number];
  return rows;
}
