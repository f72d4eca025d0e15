import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A snapshot's candidate rows belong to a generation, and the snapshot names its current one
 * (docs/analytics.md, "Snapshots"). A refresh writes the new generation's rows on several
 * connections at once, each batch committed as it goes (readers do not see them: they read the
 * generation the snapshot names), then switches the snapshot to it in one short transaction and
 * deletes the old generation's rows. Before, the 100,000 rows of a large role were inserted by the
 * one connection of the refresh's transaction, one batch after another: the refresh's critical
 * path (issue 11, docs/performance.md "Analytics refresh").
 */
export class GenerationsOfSnapshotCandidates1764600000000 implements MigrationInterface {
  name = 'GenerationsOfSnapshotCandidates1764600000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE analytics_snapshots ADD COLUMN generation uuid NOT NULL DEFAULT gen_random_uuid()`,
      `ALTER TABLE analytics_snapshots ALTER COLUMN generation DROP DEFAULT`,
      `ALTER TABLE analytics_snapshot_candidates ADD COLUMN generation uuid`,
      `UPDATE analytics_snapshot_candidates c SET generation = s.generation FROM analytics_snapshots s
        WHERE s.tenant_id = c.tenant_id AND s.scope = c.scope AND s.scope_id = c.scope_id`,
      `DELETE FROM analytics_snapshot_candidates WHERE generation IS NULL`,
      `ALTER TABLE analytics_snapshot_candidates ALTER COLUMN generation SET NOT NULL`,
      `ALTER TABLE analytics_snapshot_candidates DROP CONSTRAINT analytics_snapshot_candidates_pkey`,
      `ALTER TABLE analytics_snapshot_candidates ADD PRIMARY KEY (tenant_id, scope, scope_id, generation, attempt_id)`,
      `DROP INDEX analytics_snapshot_candidates_order`,
      `CREATE INDEX analytics_snapshot_candidates_order ON analytics_snapshot_candidates (tenant_id, scope, scope_id, generation, position)`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    const statements = [
      `DELETE FROM analytics_snapshot_candidates c USING analytics_snapshots s
        WHERE s.tenant_id = c.tenant_id AND s.scope = c.scope AND s.scope_id = c.scope_id AND s.generation <> c.generation`,
      `DROP INDEX analytics_snapshot_candidates_order`,
      `ALTER TABLE analytics_snapshot_candidates DROP CONSTRAINT analytics_snapshot_candidates_pkey`,
      `ALTER TABLE analytics_snapshot_candidates DROP COLUMN generation`,
      `ALTER TABLE analytics_snapshot_candidates ADD PRIMARY KEY (tenant_id, scope, scope_id, attempt_id)`,
      `CREATE INDEX analytics_snapshot_candidates_order ON analytics_snapshot_candidates (tenant_id, scope, scope_id, position)`,
      `ALTER TABLE analytics_snapshots DROP COLUMN generation`,
    ];
    for (const sql of statements) await db.query(sql);
  }
}
