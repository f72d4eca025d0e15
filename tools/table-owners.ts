/**
 * One owner per table: reads the ownership table of docs/architecture.md and finds, in a
 * library's source, the writes (SQL INSERT/UPDATE/DELETE, TypeORM save/insert/update/delete of an
 * entity class) of tables it does not own. Pure: text in, findings out (tools/table-owners.spec.ts
 * feeds it the repository's files).
 */

/** Table name -> owning library (the folder name under libs/). */
export type Owners = ReadonlyMap<string, string>;

/** Entity class name -> table name. */
export type EntityTables = ReadonlyMap<string, string>;

export interface TableWrite {
  table: string;
  /** The matched text, to find it in the file. */
  statement: string;
}

/** Rows of the "Tables and their owners" table: | `table` | `library` | ... |. */
export function ownersFromDocs(markdown: string): Owners {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Tables and their owners'));
  if (!section) throw new Error('docs/architecture.md has no "## Tables and their owners" section');
  const owners = new Map<string, string>();
  for (const [, table, library] of section.matchAll(/^\| `([a-z_]+)` \| `([a-z-]+)` \|/gm)) {
    if (owners.has(table)) throw new Error(`table ${table} is listed twice`);
    owners.set(table, library);
  }
  return owners;
}

/** Tables created by migrations (CREATE TABLE name). */
export function tablesOfMigration(source: string): string[] {
  return [...source.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)].map(([, table]) => table);
}

/** Entity classes declared in a source file: @Entity('table') ... export class Name. */
export function entitiesOf(source: string): [string, string][] {
  return [...source.matchAll(/@Entity\('([a-z_]+)'\)\s*export class (\w+)/g)].map(([, table, name]) => [name, table]);
}

const SQL_WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)\b/gi;
/** manager.save(Entity, ...), repository-style calls naming the entity class first. */
const ENTITY_WRITE = /\.(?:save|insert|update|upsert|delete|remove|softDelete|restore|increment|decrement)\(\s*([A-Z]\w*)\s*[,)]/g;
/** manager.save(manager.create(Entity, ...)). */
const CREATED_WRITE = /\.(?:save|insert|upsert)\(\s*\w+\.create\(\s*([A-Z]\w*)\b/g;
/** Query builder writes: .insert().into(Entity) and .delete().from(Entity); .update(Entity) is an ENTITY_WRITE. */
const BUILDER_WRITE = /(?:\.into|\.delete\(\)\s*\.from)\(\s*([A-Z]\w*)\s*\)/g;

/**
 * Every write of a known table in `source`. The SQL pattern takes any INSERT INTO/UPDATE/DELETE
 * FROM followed by a known table name (prose such as "an UPDATE of that row" names no table);
 * entity writes are resolved through `entities`. A write through a variable holding an entity
 * (manager.save(paper)) is not seen: such code loaded the row through its owner's entity first.
 */
export function writesOf(source: string, tables: ReadonlySet<string>, entities: EntityTables): TableWrite[] {
  const writes: TableWrite[] = [];
  for (const match of source.matchAll(SQL_WRITE)) {
    const table = match[1].toLowerCase();
    if (tables.has(table)) writes.push({ table, statement: match[0] });
  }
  for (const pattern of [ENTITY_WRITE, CREATED_WRITE, BUILDER_WRITE]) {
    for (const match of source.matchAll(pattern)) {
      const table = entities.get(match[1]);
      if (table) writes.push({ table, statement: match[0] });
    }
  }
  return writes;
}

/** The writes in `library`'s source of tables another library owns. */
export function foreignWrites(library: string, source: string, owners: Owners, entities: EntityTables): TableWrite[] {
  return writesOf(source, new Set(owners.keys()), entities).filter((write) => owners.get(write.table) !== library);
}
