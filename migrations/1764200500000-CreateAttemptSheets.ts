import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An attempt's result sheet (`attempts.sheet`): its marks as columns aligned with `question_ids`,
 * `{points, maxPoints, firstSavedAt (ms), answers}`, where `answers` holds the objective answers
 * only (never open text). Written by the attempts domain in the same statement that scores or
 * grades the attempt, from its responses (`attempt_sheet`, row-level security applies), so an
 * analytics refresh reads one row per attempt instead of one per answer: 100,000 rows rather than
 * 3,000,000 for a paper of 30 questions. Attempts already scored are filled here. The index serves
 * the per-version reports. `json`, not `jsonb`: it is only ever written whole and read whole, and
 * json is sent as stored (no conversion of 100,000 documents per refresh).
 */
export class CreateAttemptSheets1764200500000 implements MigrationInterface {
  name = 'CreateAttemptSheets1764200500000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      'ALTER TABLE attempts ADD COLUMN sheet json',
      `CREATE FUNCTION attempt_sheet(p_attempt uuid) RETURNS json
         LANGUAGE sql STABLE SET search_path = public
         AS $$
           SELECT json_build_object(
                    'points', json_agg(r.points ORDER BY q.n),
                    'maxPoints', json_agg(r.max_points ORDER BY q.n),
                    'firstSavedAt', json_agg(floor(extract(epoch FROM r.first_saved_at) * 1000) ORDER BY q.n),
                    'answers', json_agg(CASE WHEN r.outcome IN ('correct', 'partial', 'incorrect') THEN r.answer END ORDER BY q.n))
             FROM attempts a
             CROSS JOIN LATERAL unnest(a.question_ids) WITH ORDINALITY AS q(id, n)
             LEFT JOIN responses r ON r.attempt_id = a.id AND r.question_id = q.id
            WHERE a.id = p_attempt
         $$`,
      'UPDATE attempts SET sheet = attempt_sheet(id) WHERE scored_at IS NOT NULL',
      'CREATE INDEX attempts_version ON attempts (tenant_id, paper_version_id)',
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX attempts_version');
    await db.query('DROP FUNCTION attempt_sheet(uuid)');
    await db.query('ALTER TABLE attempts DROP COLUMN sheet');
  }
}
