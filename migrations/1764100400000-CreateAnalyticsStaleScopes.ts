import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics sweep's view across tenants (ids only, through a narrow SECURITY DEFINER
 * function like the other sweeps): paper versions and job roles with an attempt scored or graded
 * after their snapshot was computed, i.e. whose debounced refresh was lost (Redis down when the
 * scoring or finalisation committed). The index keeps the look-back a range scan.
 */
export class CreateAnalyticsStaleScopes1764100400000 implements MigrationInterface {
  name = 'CreateAnalyticsStaleScopes1764100400000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE INDEX attempts_result_changed ON attempts ((GREATEST(scored_at, graded_at))) WHERE scored_at IS NOT NULL`,
      `CREATE FUNCTION analytics_stale_scopes(p_settled interval, p_lookback interval, p_limit integer)
         RETURNS TABLE (tenant_id uuid, scope text, scope_id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$
           WITH changed AS (
             SELECT a.tenant_id, a.paper_version_id, i.job_role_id, GREATEST(a.scored_at, a.graded_at) AS changed_at
               FROM attempts a JOIN invitations i ON i.id = a.invitation_id
              WHERE a.scored_at IS NOT NULL
                AND GREATEST(a.scored_at, a.graded_at) BETWEEN now() - p_lookback AND now() - p_settled
           ), scopes AS (
             SELECT tenant_id, 'paper_version'::text AS scope, paper_version_id AS scope_id, max(changed_at) AS changed_at
               FROM changed GROUP BY tenant_id, paper_version_id
             UNION ALL
             SELECT tenant_id, 'job_role'::text, job_role_id, max(changed_at) FROM changed GROUP BY tenant_id, job_role_id
           )
           SELECT s.tenant_id, s.scope, s.scope_id FROM scopes s
             LEFT JOIN analytics_snapshots n ON n.tenant_id = s.tenant_id AND n.scope = s.scope AND n.scope_id = s.scope_id
            WHERE n.computed_at IS NULL OR n.computed_at < s.changed_at
            ORDER BY s.changed_at LIMIT p_limit
         $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION analytics_stale_scopes(interval, interval, integer)');
    await db.query('DROP INDEX attempts_result_changed');
  }
}
