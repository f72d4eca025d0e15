import type { Client } from 'pg';

/**
 * What Citus needs to distribute the schema by `tenant_id` (docs/scaling.md), read from the catalog
 * of a plain PostgreSQL database: a distributed table's primary key, unique constraints and unique
 * indexes contain the distribution column; a foreign key between distributed tables joins on it; a
 * table without the column is a reference (or coordinator-local) table, named in the docs, and
 * refers to no distributed table.
 */
export const DISTRIBUTION_COLUMN = 'tenant_id';

type Table = { name: string; distributed: boolean };
type UniqueIndex = { table: string; name: string; primary: boolean; columns: string[] };
type ForeignKey = { table: string; name: string; columns: string[]; referenced: string; referencedColumns: string[] };

async function tablesOf(db: Client, schema: string): Promise<Table[]> {
  const { rows } = await db.query<Table>(
    `SELECT c.relname AS name,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $2 AND NOT a.attisdropped) AS distributed
       FROM pg_class c
      WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
    [schema, DISTRIBUTION_COLUMN],
  );
  return rows;
}

/** Every unique index (those behind PRIMARY KEY and UNIQUE constraints included), key columns as written. */
export async function uniqueIndexesOf(db: Client, schema: string): Promise<UniqueIndex[]> {
  const { rows } = await db.query<UniqueIndex>(
    `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary,
            ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k) AS columns
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relnamespace = $1::regnamespace AND x.indisunique
      ORDER BY t.relname, i.relname`,
    [schema],
  );
  return rows;
}

async function foreignKeysOf(db: Client, schema: string): Promise<ForeignKey[]> {
  const { rows } = await db.query<ForeignKey>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, r.relname AS referenced,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS "referencedColumns"
       FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid
      WHERE c.contype = 'f' AND c.connamespace = $1::regnamespace
      ORDER BY 1, 2`,
    [schema],
  );
  return rows.map((key) => ({ ...key, table: key.table.replace(/^.*\./, '') }));
}

/**
 * Every way the tables of `schema` fall short of distribution by tenant, one readable line each;
 * `nonTenantTables` are the tables documented to have no tenant (reference or coordinator-local).
 */
export async function citusViolations(db: Client, schema: string, nonTenantTables: ReadonlySet<string>): Promise<string[]> {
  const tables = await tablesOf(db, schema);
  const distributed = new Set(tables.filter((table) => table.distributed).map((table) => table.name));
  const found: string[] = [];
  for (const table of tables) {
    if (!table.distributed && !nonTenantTables.has(table.name)) {
      found.push(`${table.name}: has no ${DISTRIBUTION_COLUMN} and is not on the documented list of tables without a tenant (docs/scaling.md)`);
    }
    if (table.distributed && nonTenantTables.has(table.name)) {
      found.push(`${table.name}: has ${DISTRIBUTION_COLUMN} but is documented as a table without a tenant`);
    }
  }
  const indexes = await uniqueIndexesOf(db, schema);
  for (const table of distributed) {
    if (!indexes.some((index) => index.table === table && index.primary)) found.push(`${table}: has no primary key`);
  }
  for (const index of indexes) {
    if (distributed.has(index.table) && !index.columns.includes(DISTRIBUTION_COLUMN)) {
      found.push(`${index.table}: ${index.primary ? 'primary key' : 'unique index'} ${index.name} (${index.columns.join(', ')}) lacks ${DISTRIBUTION_COLUMN}`);
    }
  }
  for (const key of await foreignKeysOf(db, schema)) {
    const from = distributed.has(key.table);
    const to = distributed.has(key.referenced);
    const joinsOnTenant = key.columns.some((column, i) => column === DISTRIBUTION_COLUMN && key.referencedColumns[i] === DISTRIBUTION_COLUMN);
    const description = `${key.name} (${key.columns.join(', ')}) -> ${key.referenced} (${key.referencedColumns.join(', ')})`;
    if (from && to && !joinsOnTenant) found.push(`${key.table}: foreign key ${description} does not join on ${DISTRIBUTION_COLUMN}`);
    if (!from && to) found.push(`${key.table}: a table without a tenant refers to a tenant table: ${description}`);
  }
  return found;
}

/** The tables of the "Tables without a tenant" section of docs/scaling.md (first column, in backticks), at any heading level. */
export function nonTenantTablesFromDocs(markdown: string): Set<string> {
  const section = markdown.split(/^#{2,4} /m).find((part) => part.startsWith('Tables without a tenant'));
  if (!section) throw new Error('docs/scaling.md has no "Tables without a tenant" section');
  return new Set([...section.matchAll(/^\| `([a-z_][a-z0-9_]*)` \|/gm)].map((match) => match[1]));
}

export type ConflictTarget = { table: string; columns: string[] };

/** Splits `a, COALESCE(b, 'x'), c` at the commas outside parentheses. */
function topLevelItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === ',' && depth === 0) {
      items.push(current);
      current = '';
      continue;
    }
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    current += char;
  }
  return [...items, current];
}

/** Casts, quotes around identifiers, case and spaces differ between the catalog and the source. */
export const normaliseKeyItem = (item: string) =>
  item
    .replace(/::[a-z ]+/gi, '')
    .replace(/"/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/** The explicit ON CONFLICT targets of the INSERT statements in `source` (SQL or TypeScript text). */
export function conflictTargetsOf(source: string): ConflictTarget[] {
  const pattern = /INSERT\s+INTO\s+(\w+)((?:(?!INSERT\s+INTO)[\s\S])*?)ON\s+CONFLICT\s*\(((?:[^()]|\([^()]*\))*)\)/gi;
  return [...source.matchAll(pattern)].map((match) => ({ table: match[1], columns: topLevelItems(match[3]).map(normaliseKeyItem) }));
}

/** Whether some unique index of the table has exactly these key columns (in any order), as ON CONFLICT needs. */
export function matchesUniqueIndex(target: ConflictTarget, indexes: UniqueIndex[]): boolean {
  const wanted = [...target.columns].sort().join('|');
  return indexes.some((index) => index.table === target.table && [...index.columns.map(normaliseKeyItem)].sort().join('|') === wanted);
}
