import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

/**
 * The first answer to each `Idempotency-Key` of a tenant's POSTs (docs/integrations.md): a retried
 * request gets it back instead of creating again. Rows live 24 hours.
 */
export class CreateIdempotencyKeys1764200720000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764200720000';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE idempotency_keys (
         tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE,
         key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
         route text NOT NULL,
         body_hash text NOT NULL,
         status text NOT NULL CHECK (status IN ('in_progress', 'done')),
         -- false when the answer held a secret shown once (@AnswersSecret): it is not stored.
         replayable boolean NOT NULL DEFAULT true,
         response_body jsonb,
         locked_until timestamptz NOT NULL,
         expires_at timestamptz NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, key))`,
      `CREATE INDEX idempotency_keys_expiry ON idempotency_keys (tenant_id, expires_at)`,
      ...tenantIsolationSql('idempotency_keys'),
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE idempotency_keys');
  }
}
