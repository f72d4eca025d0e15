import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

const TENANT = `tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE`;
const TIMESTAMPS = `created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()`;

export class CreatePapers1763900200000 implements MigrationInterface {
  name = 'CreatePapers1763900200000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE papers (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         job_role_id uuid NOT NULL,
         title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
         instructions text,
         duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
         pass_mark numeric(8,2) CHECK (pass_mark >= 0),
         settings jsonb NOT NULL,
         latest_version integer CHECK (latest_version > 0),
         unpublished_changes boolean NOT NULL DEFAULT true,
         archived_at timestamptz,
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id),
         FOREIGN KEY (tenant_id, job_role_id) REFERENCES job_roles (tenant_id, id) ON DELETE RESTRICT)`,
      `CREATE INDEX papers_tenant_role ON papers (tenant_id, job_role_id, created_at DESC)`,
      ...tenantIsolationSql('papers'),

      // A section holds fixed questions (paper_section_questions) or a random draw from a pool, never both.
      `CREATE TABLE paper_sections (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         paper_id uuid NOT NULL,
         position integer NOT NULL CHECK (position >= 0),
         title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
         instructions text,
         points_per_question numeric(8,2) NOT NULL CHECK (points_per_question > 0),
         scale_rubrics boolean NOT NULL DEFAULT false,
         draw_count integer CHECK (draw_count > 0),
         pool jsonb,
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id),
         UNIQUE (paper_id, position),
         CHECK ((draw_count IS NULL) = (pool IS NULL)),
         FOREIGN KEY (tenant_id, paper_id) REFERENCES papers (tenant_id, id) ON DELETE CASCADE)`,
      ...tenantIsolationSql('paper_sections'),

      // RESTRICT: a bank question a draft still uses cannot be deleted from under it.
      `CREATE TABLE paper_section_questions (
         ${TENANT},
         section_id uuid NOT NULL,
         position integer NOT NULL CHECK (position >= 0),
         question_id uuid NOT NULL,
         PRIMARY KEY (section_id, position),
         UNIQUE (section_id, question_id),
         FOREIGN KEY (tenant_id, section_id) REFERENCES paper_sections (tenant_id, id) ON DELETE CASCADE,
         FOREIGN KEY (tenant_id, question_id) REFERENCES questions (tenant_id, id) ON DELETE RESTRICT)`,
      `CREATE INDEX paper_section_questions_question ON paper_section_questions (question_id)`,
      ...tenantIsolationSql('paper_section_questions'),

      // The snapshot holds everything an attempt needs, so results never depend on later edits.
      `CREATE TABLE paper_versions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         paper_id uuid NOT NULL,
         version integer NOT NULL CHECK (version > 0),
         snapshot jsonb NOT NULL,
         published_by uuid,
         published_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (tenant_id, id),
         UNIQUE (paper_id, version),
         FOREIGN KEY (tenant_id, paper_id) REFERENCES papers (tenant_id, id) ON DELETE RESTRICT)`,
      ...tenantIsolationSql('paper_versions'),

      // Two locks on immutability: no role may UPDATE, and a trigger refuses it even to the owner.
      `CREATE FUNCTION paper_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION 'paper_versions rows are immutable; publish a new version instead'
             USING ERRCODE = 'integrity_constraint_violation';
         END $$`,
      `CREATE TRIGGER paper_versions_no_update BEFORE UPDATE ON paper_versions
         FOR EACH ROW EXECUTE FUNCTION paper_versions_immutable()`,
      // The application role got UPDATE and DELETE through default privileges; take them back.
      `DO $$
       DECLARE grantee_name text;
       BEGIN
         FOR grantee_name IN
           SELECT DISTINCT grantee FROM information_schema.role_table_grants
            WHERE table_schema = 'public' AND table_name = 'paper_versions'
              AND privilege_type IN ('UPDATE', 'DELETE') AND grantee <> current_user
         LOOP
           EXECUTE format('REVOKE UPDATE, DELETE ON paper_versions FROM %I', grantee_name);
         END LOOP;
       END $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      'DROP TABLE paper_versions',
      'DROP FUNCTION paper_versions_immutable()',
      'DROP TABLE paper_section_questions',
      'DROP TABLE paper_sections',
      'DROP TABLE papers',
    ]) {
      await db.query(sql);
    }
  }
}
