import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

const TENANT = `tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE`;

/**
 * Precomputed analytics reports (docs/analytics.md): one summary per paper version or job role,
 * and one row per candidate of it, so reading a report or a page of candidates never scans raw
 * answers. Written only by the refresh-analytics job, from scratch each time.
 */
export class CreateAnalyticsSnapshots1764000300000 implements MigrationInterface {
  name = 'CreateAnalyticsSnapshots1764000300000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE analytics_snapshots (
         ${TENANT},
         scope text NOT NULL CHECK (scope IN ('paper_version', 'job_role')),
         scope_id uuid NOT NULL,
         attempts integer NOT NULL CHECK (attempts >= 0),
         report jsonb NOT NULL,
         computed_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, scope, scope_id))`,
      ...tenantIsolationSql('analytics_snapshots'),
      // position: the candidate's place in the report's order (best first), for paging.
      `CREATE TABLE analytics_snapshot_candidates (
         ${TENANT},
         scope text NOT NULL,
         scope_id uuid NOT NULL,
         attempt_id uuid NOT NULL,
         position integer NOT NULL,
         row jsonb NOT NULL,
         PRIMARY KEY (tenant_id, scope, scope_id, attempt_id),
         FOREIGN KEY (tenant_id, scope, scope_id) REFERENCES analytics_snapshots (tenant_id, scope, scope_id) ON DELETE CASCADE)`,
      `CREATE INDEX analytics_snapshot_candidates_order ON analytics_snapshot_candidates (tenant_id, scope, scope_id, position)`,
      ...tenantIsolationSql('analytics_snapshot_candidates'),
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE analytics_snapshot_candidates');
    await db.query('DROP TABLE analytics_snapshots');
  }
}
