import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

/**
 * The band index of near-identical answers (docs/grading.md, "Near-identical answers"): each
 * answer's 16 locality-sensitive hashing keys, computed once when it enters grading, so a new
 * answer finds its candidates by index instead of reading and hashing every earlier answer to the
 * question (docs/performance.md, "Similarity at intake").
 *
 * Answers already in grading cannot be hashed here (the keys come from libs/grading-rules, which a
 * migration does not import): they are marked `similarity_indexed = false`, and the first intake
 * of their question indexes them (GradingSimilarity.indexEarlier), once, through a partial index.
 * Answers written from now on are indexed by their own intake (the column's default is true).
 */
export class CreateAnswerBands1764400400000 implements MigrationInterface {
  name = 'CreateAnswerBands1764400400000';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of [
      // entered: the order answers joined the index; a band's bucket is read newest first.
      `CREATE TABLE grading_answer_bands (
         tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE,
         answer_id uuid NOT NULL,
         attempt_id uuid NOT NULL,
         paper_id uuid NOT NULL,
         question_id uuid NOT NULL,
         band_key text NOT NULL,
         entered bigint GENERATED ALWAYS AS IDENTITY,
         PRIMARY KEY (tenant_id, answer_id, band_key),
         FOREIGN KEY (tenant_id, answer_id) REFERENCES grading_answers (tenant_id, id) ON DELETE CASCADE)`,
      // A new answer's candidates: per band key, the newest answers of its question in that bucket, without touching the table.
      `CREATE INDEX grading_answer_bands_bucket ON grading_answer_bands (tenant_id, paper_id, question_id, band_key, entered DESC) INCLUDE (answer_id, attempt_id)`,
      // An attempt's keys: the lead's count of near-identical answers, erasure.
      `CREATE INDEX grading_answer_bands_attempt ON grading_answer_bands (tenant_id, attempt_id)`,
      ...tenantIsolationSql('grading_answer_bands'),
      `ALTER TABLE grading_answers ADD COLUMN similarity_indexed boolean NOT NULL DEFAULT false`,
      `ALTER TABLE grading_answers ALTER COLUMN similarity_indexed SET DEFAULT true`,
      `CREATE INDEX grading_answers_unindexed ON grading_answers (tenant_id, paper_id, question_id) WHERE NOT similarity_indexed`,
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX grading_answers_unindexed');
    await db.query('ALTER TABLE grading_answers DROP COLUMN similarity_indexed');
    await db.query('DROP TABLE grading_answer_bands');
  }
}
