import { Client } from 'pg';
import { loadConfig } from '@assay/core';

/** A raw connection as the application role (as the API uses), outside any tenant context. */
export async function connectAsApp(): Promise<Client> {
  const client = new Client({ connectionString: loadConfig(process.env).DATABASE_URL });
  await client.connect();
  return client;
}

/** A raw connection as the table owner, for arranging states the API cannot reach. */
export async function connectAsOwner(): Promise<Client> {
  const client = new Client({ connectionString: loadConfig(process.env).MIGRATION_DATABASE_URL });
  await client.connect();
  return client;
}
