import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

const TENANT = `tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE`;
const TIMESTAMPS = `created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()`;

export class CreateCatalogAndBank1763900100000 implements MigrationInterface {
  name = 'CreateCatalogAndBank1763900100000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // UNIQUE (tenant_id, id) lets child tables reference (tenant_id, id), so a row can never point
      // at another tenant's row even if a service forgot to check.
      `CREATE TABLE job_roles (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         description text,
         archived_at timestamptz,
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id))`,
      `CREATE UNIQUE INDEX job_roles_tenant_name ON job_roles (tenant_id, lower(name))`,
      ...tenantIsolationSql('job_roles'),

      `CREATE TABLE competencies (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         description text,
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id))`,
      `CREATE UNIQUE INDEX competencies_tenant_name ON competencies (tenant_id, lower(name))`,
      ...tenantIsolationSql('competencies'),

      `CREATE TABLE questions (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         type text NOT NULL CHECK (type IN ('single_choice','multiple_choice','true_false','fill_blank','short_answer','essay')),
         kind text CHECK (kind IN ('scenario','case_analysis','essay','self_introduction','short_answer','other')),
         stem text NOT NULL CHECK (length(stem) > 0),
         options jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(options) = 'array'),
         answer_key jsonb,
         reference_answer text,
         explanation text,
         rubric jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(rubric) = 'array'),
         difficulty smallint NOT NULL DEFAULT 3 CHECK (difficulty BETWEEN 1 AND 5),
         tags text[] NOT NULL DEFAULT '{}',
         points numeric(8,2) NOT NULL CHECK (points > 0),
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id),
         -- Open questions are labelled for graders and analytics; objective ones are not.
         CHECK ((kind IS NULL) = (type IN ('single_choice','multiple_choice','true_false','fill_blank'))))`,
      `CREATE INDEX questions_tenant_created ON questions (tenant_id, created_at DESC, id)`,
      `CREATE INDEX questions_tenant_type ON questions (tenant_id, type)`,
      `CREATE INDEX questions_tags ON questions USING gin (tags)`,
      ...tenantIsolationSql('questions'),

      // Deleting a question drops its links; a competency or role still linked cannot be deleted.
      `CREATE TABLE question_competencies (
         ${TENANT},
         question_id uuid NOT NULL,
         competency_id uuid NOT NULL,
         PRIMARY KEY (question_id, competency_id),
         FOREIGN KEY (tenant_id, question_id) REFERENCES questions (tenant_id, id) ON DELETE CASCADE,
         FOREIGN KEY (tenant_id, competency_id) REFERENCES competencies (tenant_id, id) ON DELETE RESTRICT)`,
      `CREATE INDEX question_competencies_competency ON question_competencies (competency_id)`,
      ...tenantIsolationSql('question_competencies'),

      `CREATE TABLE question_job_roles (
         ${TENANT},
         question_id uuid NOT NULL,
         job_role_id uuid NOT NULL,
         PRIMARY KEY (question_id, job_role_id),
         FOREIGN KEY (tenant_id, question_id) REFERENCES questions (tenant_id, id) ON DELETE CASCADE,
         FOREIGN KEY (tenant_id, job_role_id) REFERENCES job_roles (tenant_id, id) ON DELETE RESTRICT)`,
      `CREATE INDEX question_job_roles_role ON question_job_roles (job_role_id)`,
      ...tenantIsolationSql('question_job_roles'),
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['question_job_roles', 'question_competencies', 'questions', 'competencies', 'job_roles']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
