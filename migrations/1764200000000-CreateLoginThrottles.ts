import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-account login backoff (docs/security.md, "Login"): one row per email that has been tried
 * recently, keyed by a hash of the normalised email (never the email itself, so addresses without
 * an account are not stored). Not tenant-owned: a login names no company, and one email may have
 * accounts in several. Rows hold no tenant data; the hourly maintenance drops forgotten ones.
 */
export class CreateLoginThrottles1764200000000 implements MigrationInterface {
  name = 'CreateLoginThrottles1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE login_throttles (
        account_key text PRIMARY KEY,
        failures integer NOT NULL CHECK (failures >= 0),
        locked_until timestamptz,
        last_attempt_at timestamptz NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE login_throttles');
  }
}
