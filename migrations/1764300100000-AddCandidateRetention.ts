import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and erasure of candidates' personal data (docs/privacy.md):
 * - `tenants.candidate_data_retention_days`: how long a company keeps a candidate's personal data
 *   after their last activity (default 365, 30..3650);
 * - `candidates.erased_at`: set once the person's data is erased (the row stays, holding no
 *   personal data, so anonymised scores keep their invitation and attempt);
 * - `candidates_past_retention(limit)`: for the retention sweep (all tenants), the candidates not
 *   yet erased whose last activity (their row, invitations, attempts) is older than their
 *   company's period and who have no attempt in progress or waiting to be scored. Returns ids only. With `p_candidate`,
 *   only that one: the erasure job checks again, in its transaction, after locking the candidate
 *   (a new invitation since the sweep is new activity).
 */
export class AddCandidateRetention1764300100000 implements MigrationInterface {
  name = 'AddCandidateRetention1764300100000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE tenants ADD COLUMN candidate_data_retention_days integer NOT NULL DEFAULT 365
         CHECK (candidate_data_retention_days BETWEEN 30 AND 3650)`,
      'ALTER TABLE candidates ADD COLUMN erased_at timestamptz',
      `CREATE FUNCTION candidates_past_retention(p_limit integer, p_candidate uuid DEFAULT NULL)
         RETURNS TABLE (tenant_id uuid, id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$
           SELECT c.tenant_id, c.id
             FROM candidates c
             JOIN tenants t ON t.id = c.tenant_id
            WHERE c.erased_at IS NULL
              AND (p_candidate IS NULL OR c.id = p_candidate)
              AND GREATEST(c.updated_at,
                           (SELECT max(i.updated_at) FROM invitations i WHERE i.tenant_id = c.tenant_id AND i.candidate_id = c.id),
                           (SELECT max(a.updated_at) FROM attempts a JOIN invitations i ON i.tenant_id = a.tenant_id AND i.id = a.invitation_id
                             WHERE i.tenant_id = c.tenant_id AND i.candidate_id = c.id))
                  < now() - make_interval(days => t.candidate_data_retention_days)
              AND NOT EXISTS (SELECT 1 FROM attempts a JOIN invitations i ON i.tenant_id = a.tenant_id AND i.id = a.invitation_id
                               WHERE i.tenant_id = c.tenant_id AND i.candidate_id = c.id AND a.status IN ('in_progress', 'submitted'))
            ORDER BY c.updated_at
            LIMIT p_limit
         $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION candidates_past_retention(integer, uuid)');
    await db.query('ALTER TABLE candidates DROP COLUMN erased_at');
    await db.query('ALTER TABLE tenants DROP COLUMN candidate_data_retention_days');
  }
}
