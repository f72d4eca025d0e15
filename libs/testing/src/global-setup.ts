import { randomBytes } from 'node:crypto';
// Jest loads global setup outside its module mapper, hence relative imports of core and migrations.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { databaseUrlWithName, loadConfig, provisionDatabase, runMigrations } from '../../core/src';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS } from '../../../migrations';
import { ensureWebBuild } from './web-build';

/**
 * One fresh PostgreSQL database and one Redis key prefix per test run, so parallel or repeated
 * runs never see each other's rows, queues or rate-limit counters. Workers inherit the settings
 * through the environment. The web app is built first (if its sources changed) for the API to serve.
 */
export default async function globalSetup(): Promise<void> {
  // The API serves the built web app; the browser tests drive it.
  ensureWebBuild();
  const base = loadConfig(process.env);
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = `assay_test_${runId}`;
  const urls = {
    adminUrl: base.DATABASE_ADMIN_URL,
    ownerUrl: databaseUrlWithName(base.MIGRATION_DATABASE_URL, database),
    appUrl: databaseUrlWithName(base.DATABASE_URL, database),
  };
  await provisionDatabase(urls);
  await runMigrations(urls.ownerUrl, MIGRATIONS);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: urls.appUrl,
    MIGRATION_DATABASE_URL: urls.ownerUrl,
    REDIS_PREFIX: `assay-test-${runId}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // Test files log in often from one address; the rate-limit test sets its own low limit.
    AUTH_RATE_LIMIT: '100000',
    ASSAY_TEST_DATABASE: database,
  });
}
