import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a lead (libs/grading) and a recruiter's candidate report (libs/analytics) read of an
 * attempt's near-identical answers, defined once here for both (analytics may not import grading):
 *
 * - `closest_similar_answers`: per question, the closest others flagged (at most p_per_question),
 *   with their anonymous code;
 * - `similar_answer_counts`: per question, how many other candidates' answers are near-identical:
 *   those sharing at least p_min_shared of its band keys (the estimate of a similarity at or above
 *   the threshold, libs/grading-rules SHARED_BANDS_OF_NEAR_DUPLICATE) or flagged. Counted when
 *   read, so it includes answers that arrived later, without intake writing a row per pair.
 *
 * Both run as the caller, so row-level security keeps them inside the caller's tenant.
 */
export class CreateSimilarityReads1764400410000 implements MigrationInterface {
  name = 'CreateSimilarityReads1764400410000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION closest_similar_answers(p_attempt_id uuid, p_per_question integer)
        RETURNS TABLE (question_id uuid, other_attempt_id uuid, other_code text, similarity numeric)
        LANGUAGE sql STABLE
        AS $$
          SELECT ranked.question_id, ranked.other_attempt_id, ranked.other_code, ranked.similarity FROM (
            SELECT f.question_id, f.other_attempt_id, s.anonymous_code AS other_code, f.similarity,
                   row_number() OVER (PARTITION BY f.question_id ORDER BY f.similarity DESC, s.anonymous_code) AS rank
              FROM similarity_flags f JOIN grading_scripts s ON s.attempt_id = f.other_attempt_id
             WHERE f.attempt_id = p_attempt_id) ranked
           WHERE ranked.rank <= p_per_question
           ORDER BY ranked.similarity DESC, ranked.question_id, ranked.other_code
        $$`);
    await db.query(`
      CREATE FUNCTION similar_answer_counts(p_attempt_id uuid, p_min_shared integer)
        RETURNS TABLE (question_id uuid, others integer)
        LANGUAGE sql STABLE
        AS $$
          SELECT alike.question_id, count(DISTINCT alike.other_attempt_id)::integer FROM (
            SELECT mine.question_id, theirs.attempt_id AS other_attempt_id
              FROM grading_answer_bands mine
              JOIN grading_answer_bands theirs
                ON theirs.tenant_id = mine.tenant_id AND theirs.paper_id = mine.paper_id AND theirs.question_id = mine.question_id
               AND theirs.band_key = mine.band_key AND theirs.attempt_id <> mine.attempt_id
             WHERE mine.attempt_id = p_attempt_id
             GROUP BY mine.question_id, theirs.attempt_id
            HAVING count(*) >= p_min_shared
            UNION
            SELECT f.question_id, f.other_attempt_id FROM similarity_flags f WHERE f.attempt_id = p_attempt_id
          ) alike
          GROUP BY alike.question_id
        $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION similar_answer_counts(uuid, integer)');
    await db.query('DROP FUNCTION closest_similar_answers(uuid, integer)');
  }
}
