import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The candidate rows of an analytics snapshot are derived data, written only by the refresh in the
 * transaction that writes their snapshot (and replaced whole by the next one). Their two foreign
 * keys (to tenants and to the snapshot) cost two trigger lookups per row: at 100,000 candidates,
 * more than the insert itself (docs/performance.md, "Analytics refresh"). Tenants are never deleted
 * by the product, and a snapshot is only ever replaced, so the keys guarded nothing a refresh does.
 */
export class UnlinkSnapshotCandidates1764300900000 implements MigrationInterface {
  name = 'UnlinkSnapshotCandidates1764300900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$
      DECLARE fk record;
      BEGIN
        FOR fk IN SELECT conname FROM pg_constraint WHERE conrelid = 'analytics_snapshot_candidates'::regclass AND contype = 'f' LOOP
          EXECUTE format('ALTER TABLE analytics_snapshot_candidates DROP CONSTRAINT %I', fk.conname);
        END LOOP;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE analytics_snapshot_candidates ADD FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE');
    await db.query(
      'ALTER TABLE analytics_snapshot_candidates ADD FOREIGN KEY (tenant_id, scope, scope_id) REFERENCES analytics_snapshots (tenant_id, scope, scope_id) ON DELETE CASCADE',
    );
  }
}
