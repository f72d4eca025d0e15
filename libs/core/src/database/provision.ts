import { Client } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';

export interface DatabaseUrls {
  /** Superuser connection, used to create roles and the database. */
  adminUrl: string;
  /** The table owner: runs migrations. */
  ownerUrl: string;
  /** The application: no table of its own, no BYPASSRLS. */
  appUrl: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

function parts(url: string) {
  const parsed = new URL(url);
  return {
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Concurrent runs (two test suites) may race to create the same role: the loser's error is harmless. */
async function ignoreDuplicate(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '42710' && code !== '23505' && code !== '42P04') throw error;
  }
}

/**
 * Creates, if missing, the owner and application roles and the database, and sets the privileges
 * that make row-level security binding: the application role gets DML on what the owner creates,
 * never ownership, never BYPASSRLS. Idempotent.
 */
export async function provisionDatabase(urls: DatabaseUrls): Promise<void> {
  const owner = parts(urls.ownerUrl);
  const app = parts(urls.appUrl);
  const database = owner.database;
  await withClient(urls.adminUrl, async (admin) => {
    for (const role of [owner, app]) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.user]);
      if (exists.rowCount === 0) {
        await ignoreDuplicate(() =>
          admin.query(
            `CREATE ROLE ${ident(role.user)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS${role.password ? ` PASSWORD ${literal(role.password)}` : ''}`,
          ),
        );
      }
    }
    const dbExists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (dbExists.rowCount === 0) {
      await ignoreDuplicate(() => admin.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(owner.user)} ENCODING 'UTF8' TEMPLATE template0`));
    }
  });
  await withClient(withDatabase(urls.adminUrl, database), async (admin) => {
    const o = ident(owner.user);
    const a = ident(app.user);
    for (const sql of [
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${a}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${a}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${a}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${o} REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${a}`,
    ]) {
      await admin.query(sql);
    }
  });
}

/** Applies pending migrations as the table owner; returns the names applied. */
export async function runMigrations(ownerUrl: string, migrations: (new () => MigrationInterface)[]): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${ident(database)} WITH (FORCE)`));
}

export function databaseUrlWithName(url: string, database: string): string {
  return withDatabase(url, database);
}
