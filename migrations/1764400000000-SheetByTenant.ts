import { MigrationInterface, QueryRunner } from 'typeorm';

const SHEET_BODY = `
           SELECT json_build_object(
                    'points', json_agg(r.points ORDER BY q.n),
                    'maxPoints', json_agg(r.max_points ORDER BY q.n),
                    'firstSavedAt', json_agg(floor(extract(epoch FROM r.first_saved_at) * 1000) ORDER BY q.n),
                    'answers', json_agg(CASE WHEN r.outcome IN ('correct', 'partial', 'incorrect') THEN r.answer END ORDER BY q.n))
             FROM attempts a
             CROSS JOIN LATERAL unnest(a.question_ids) WITH ORDINALITY AS q(id, n)
             LEFT JOIN responses r ON r.tenant_id = a.tenant_id AND r.attempt_id = a.id AND r.question_id = q.id`;

/**
 * `attempt_sheet` takes the tenant as well as the attempt. Since migration 1764200800000 the keys of
 * `attempts` and `responses` begin with `tenant_id`; the function named only the attempt, so its
 * lookups could use those keys only when row-level security added the tenant (the app role). Run
 * by the owner (a migration, a data fix, a benchmark's seeding) it scanned all of `responses` once
 * per attempt: 100,000 attempts of 30 answers did not finish in 10 minutes. With the tenant given,
 * both lookups are key lookups for every caller, and on Citus the statement stays on one shard.
 */
export class SheetByTenant1764400000000 implements MigrationInterface {
  name = 'SheetByTenant1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION attempt_sheet(p_tenant uuid, p_attempt uuid) RETURNS json
        LANGUAGE sql STABLE SET search_path = public
        AS $$ ${SHEET_BODY}
            WHERE a.tenant_id = p_tenant AND a.id = p_attempt $$`);
    await db.query('DROP FUNCTION attempt_sheet(uuid)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION attempt_sheet(p_attempt uuid) RETURNS json
        LANGUAGE sql STABLE SET search_path = public
        AS $$ ${SHEET_BODY}
            WHERE a.id = p_attempt $$`);
    await db.query('DROP FUNCTION attempt_sheet(uuid, uuid)');
  }
}
