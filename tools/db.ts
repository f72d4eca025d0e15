import 'reflect-metadata';
import { dropDatabase, loadConfig, provisionDatabase, runMigrations } from '@assay/core';
import { MIGRATIONS } from '@assay/migrations';
import { requireServices } from './prerequisites';

/** `node dist/tools/db.js migrate|reset`: roles + database if missing, then migrations as the owner. */
export async function migrate(): Promise<string[]> {
  const config = loadConfig();
  await provisionDatabase({ adminUrl: config.DATABASE_ADMIN_URL, ownerUrl: config.MIGRATION_DATABASE_URL, appUrl: config.DATABASE_URL });
  return runMigrations(config.MIGRATION_DATABASE_URL, MIGRATIONS);
}

async function main(command: string | undefined): Promise<void> {
  const config = loadConfig();
  await requireServices(config);
  if (command === 'reset') {
    await dropDatabase(config.DATABASE_ADMIN_URL, new URL(config.MIGRATION_DATABASE_URL).pathname.slice(1));
  } else if (command !== 'migrate') {
    throw new Error('usage: db.js migrate|reset');
  }
  const applied = await migrate();
  console.log(applied.length > 0 ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date.');
}

if (require.main === module) {
  main(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
