import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

const TENANT = `tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE`;
const ROUND = `text NOT NULL CHECK (round IN ('first', 'second', 'third', 'arbitration'))`;

/** The grading domain's tables (docs/grading.md): marking settings, scripts, answers, tasks, marks and quality control. */
export class CreateGrading1764000200000 implements MigrationInterface {
  name = 'CreateGrading1764000200000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // Marking configuration per paper, kept here rather than in papers.settings so the papers
      // lib (its DTO, validation and published snapshots) stays untouched. No row: the defaults.
      `CREATE TABLE grading_settings (
         ${TENANT},
         paper_id uuid NOT NULL,
         mode text NOT NULL CHECK (mode IN ('single', 'double', 'assisted_double')),
         tolerance_kind text NOT NULL CHECK (tolerance_kind IN ('points', 'share')),
         tolerance_value numeric(8,2) NOT NULL CHECK (tolerance_value >= 0),
         half_points boolean NOT NULL,
         self_check_every integer NOT NULL CHECK (self_check_every >= 0),
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, paper_id),
         FOREIGN KEY (tenant_id, paper_id) REFERENCES papers (tenant_id, id) ON DELETE CASCADE)`,
      ...tenantIsolationSql('grading_settings'),

      // What a grader sees of each open question of a published version, copied once from the
      // version's snapshot when its first answer is queued, with the key points (给分点) extracted.
      `CREATE TABLE grading_questions (
         ${TENANT},
         paper_version_id uuid NOT NULL,
         question_id uuid NOT NULL,
         position integer NOT NULL,
         stem text NOT NULL,
         reference_answer text,
         explanation text,
         rubric jsonb NOT NULL,
         points numeric(8,2) NOT NULL,
         key_points jsonb NOT NULL,
         PRIMARY KEY (paper_version_id, question_id),
         FOREIGN KEY (tenant_id, paper_version_id) REFERENCES paper_versions (tenant_id, id) ON DELETE CASCADE)`,
      ...tenantIsolationSql('grading_questions'),

      // One per submitted attempt with open answers. Graders know it only by anonymous_code.
      // revision counts changes of its marks; finalised_revision the last one finalised, so a
      // finalisation runs exactly once per revision (see grading_finalisations).
      `CREATE TABLE grading_scripts (
         attempt_id uuid PRIMARY KEY,
         ${TENANT},
         paper_id uuid NOT NULL,
         paper_version_id uuid NOT NULL,
         anonymous_code text NOT NULL,
         pass_mark numeric(8,2),
         open_answers integer NOT NULL CHECK (open_answers > 0),
         resolved_answers integer NOT NULL DEFAULT 0,
         revision integer NOT NULL DEFAULT 0,
         finalised_revision integer NOT NULL DEFAULT -1,
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (tenant_id, attempt_id),
         UNIQUE (tenant_id, anonymous_code),
         CHECK (resolved_answers BETWEEN 0 AND open_answers),
         FOREIGN KEY (tenant_id, attempt_id) REFERENCES attempts (tenant_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX grading_scripts_unfinalised ON grading_scripts (created_at) WHERE resolved_answers = open_answers AND finalised_revision < revision`,
      ...tenantIsolationSql('grading_scripts'),

      // One per open answer: its text frozen at task creation, the suggestion with its evidence,
      // and the final mark once the marking rule resolves it.
      `CREATE TABLE grading_answers (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         attempt_id uuid NOT NULL,
         paper_id uuid NOT NULL,
         paper_version_id uuid NOT NULL,
         question_id uuid NOT NULL,
         position integer NOT NULL,
         answer_text text NOT NULL,
         max_points numeric(8,2) NOT NULL,
         suggested_points numeric(8,2),
         suggestion jsonb NOT NULL DEFAULT '[]',
         final_points numeric(8,2),
         final_basis text,
         resolved_at timestamptz,
         UNIQUE (tenant_id, id),
         UNIQUE (attempt_id, question_id),
         FOREIGN KEY (tenant_id, attempt_id) REFERENCES grading_scripts (tenant_id, attempt_id) ON DELETE CASCADE)`,
      `CREATE INDEX grading_answers_question ON grading_answers (tenant_id, paper_id, question_id)`,
      ...tenantIsolationSql('grading_answers'),

      // The work queue. kind: a candidate's answer, a reference script (标准卷) or a self-check
      // re-send (自评卷) mixed blind into one grader's queue (for_grader). excluded_graders: those
      // who marked an earlier round of the answer (double marking needs different people);
      // skipped_by: those who skipped it (they get it again only when nothing else is left).
      `CREATE TABLE grading_tasks (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         answer_id uuid NOT NULL,
         paper_id uuid NOT NULL,
         question_id uuid NOT NULL,
         position integer NOT NULL,
         round ${ROUND},
         kind text NOT NULL DEFAULT 'answer' CHECK (kind IN ('answer', 'reference', 'self_check')),
         for_grader uuid,
         expected_points numeric(8,2),
         status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'leased', 'done')),
         lease_owner uuid,
         lease_expires_at timestamptz,
         excluded_graders uuid[] NOT NULL DEFAULT '{}',
         skipped_by uuid[] NOT NULL DEFAULT '{}',
         flagged boolean NOT NULL DEFAULT false,
         flag_reason text,
         created_at timestamptz NOT NULL DEFAULT now(),
         done_at timestamptz,
         UNIQUE (tenant_id, id),
         CHECK ((status = 'leased') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL)),
         CHECK ((kind = 'answer') = (for_grader IS NULL)),
         FOREIGN KEY (tenant_id, answer_id) REFERENCES grading_answers (tenant_id, id) ON DELETE CASCADE)`,
      // One task per answer and round: creating tasks twice (a retried job) adds nothing.
      `CREATE UNIQUE INDEX grading_tasks_answer_round ON grading_tasks (answer_id, round) WHERE kind = 'answer'`,
      // Claim-next: open tasks of a paper in question order, oldest first.
      `CREATE INDEX grading_tasks_open ON grading_tasks (tenant_id, paper_id, position, created_at) WHERE status = 'open'`,
      `CREATE INDEX grading_tasks_personal ON grading_tasks (tenant_id, for_grader, created_at) WHERE status = 'open' AND for_grader IS NOT NULL`,
      `CREATE INDEX grading_tasks_leased ON grading_tasks (lease_expires_at) WHERE status = 'leased'`,
      `CREATE INDEX grading_tasks_answer ON grading_tasks (tenant_id, answer_id)`,
      ...tenantIsolationSql('grading_tasks'),

      // A grader's mark on one task: per criterion scores, their total, a comment; the
      // suggestion shown at the time is kept beside it.
      `CREATE TABLE grading_marks (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         task_id uuid NOT NULL UNIQUE,
         answer_id uuid NOT NULL,
         round ${ROUND},
         kind text NOT NULL,
         grader_id uuid NOT NULL,
         scores numeric(8,2)[] NOT NULL,
         points numeric(8,2) NOT NULL,
         comment text,
         suggested_points numeric(8,2),
         created_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY (tenant_id, task_id) REFERENCES grading_tasks (tenant_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX grading_marks_grader ON grading_marks (tenant_id, grader_id, created_at)`,
      `CREATE INDEX grading_marks_answer ON grading_marks (tenant_id, answer_id)`,
      ...tenantIsolationSql('grading_marks'),

      // Who marks what: a paper, optionally one question; lead = may arbitrate on that paper.
      `CREATE TABLE grader_assignments (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         paper_id uuid NOT NULL,
         user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         question_id uuid,
         lead boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY (tenant_id, paper_id) REFERENCES papers (tenant_id, id) ON DELETE CASCADE)`,
      `CREATE UNIQUE INDEX grader_assignments_unique ON grader_assignments (tenant_id, paper_id, user_id, COALESCE(question_id, '00000000-0000-0000-0000-000000000000'))`,
      ...tenantIsolationSql('grader_assignments'),

      // Reference scripts (标准卷): answers a lead marked with an agreed mark.
      `CREATE TABLE reference_scripts (
         answer_id uuid PRIMARY KEY,
         ${TENANT},
         agreed_points numeric(8,2) NOT NULL,
         created_by uuid NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY (tenant_id, answer_id) REFERENCES grading_answers (tenant_id, id) ON DELETE CASCADE)`,
      ...tenantIsolationSql('reference_scripts'),

      // Each reference or self-check mark against the expected one: the grader statistics' input.
      `CREATE TABLE grader_checks (
         task_id uuid PRIMARY KEY,
         ${TENANT},
         grader_id uuid NOT NULL,
         kind text NOT NULL CHECK (kind IN ('reference', 'self_check')),
         expected_points numeric(8,2) NOT NULL,
         given_points numeric(8,2) NOT NULL,
         max_points numeric(8,2) NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY (tenant_id, task_id) REFERENCES grading_tasks (tenant_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX grader_checks_grader ON grader_checks (tenant_id, grader_id, kind)`,
      ...tenantIsolationSql('grader_checks'),

      // Every re-grade or override: who, when, old, new, why.
      `CREATE TABLE grading_audit (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         ${TENANT},
         answer_id uuid NOT NULL,
         attempt_id uuid NOT NULL,
         actor_id uuid,
         action text NOT NULL CHECK (action IN ('override')),
         old_points numeric(8,2),
         new_points numeric(8,2) NOT NULL,
         reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
         at timestamptz NOT NULL DEFAULT now(),
         FOREIGN KEY (tenant_id, answer_id) REFERENCES grading_answers (tenant_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX grading_audit_attempt ON grading_audit (tenant_id, attempt_id, id)`,
      ...tenantIsolationSql('grading_audit'),

      // Near-identical answers to one question by two candidates of a paper, on both attempts.
      `CREATE TABLE similarity_flags (
         ${TENANT},
         attempt_id uuid NOT NULL,
         other_attempt_id uuid NOT NULL,
         question_id uuid NOT NULL,
         similarity numeric(4,2) NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (attempt_id, other_attempt_id, question_id),
         FOREIGN KEY (tenant_id, attempt_id) REFERENCES grading_scripts (tenant_id, attempt_id) ON DELETE CASCADE)`,
      ...tenantIsolationSql('similarity_flags'),

      // One row per finalisation of a script's revision: the primary key makes it exactly once.
      `CREATE TABLE grading_finalisations (
         attempt_id uuid NOT NULL,
         revision integer NOT NULL,
         ${TENANT},
         points numeric(10,2) NOT NULL,
         passed boolean,
         at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (attempt_id, revision),
         FOREIGN KEY (tenant_id, attempt_id) REFERENCES grading_scripts (tenant_id, attempt_id) ON DELETE CASCADE)`,
      ...tenantIsolationSql('grading_finalisations'),

      // The attempt's final state after marking (owned by libs/attempts, written by its service).
      `ALTER TABLE attempts DROP CONSTRAINT attempts_status_check`,
      `ALTER TABLE attempts ADD CONSTRAINT attempts_status_check CHECK (status IN ('in_progress', 'submitted', 'awaiting_grading', 'scored', 'graded'))`,
      `ALTER TABLE attempts ADD COLUMN passed boolean, ADD COLUMN graded_at timestamptz`,

      // Sweeps across tenants, ids only: leases past expiry, and scripts fully resolved but not
      // finalised (their finalise job was lost) or awaiting grading without a script (lost task creation).
      `CREATE FUNCTION grading_expired_leases(p_limit integer)
         RETURNS TABLE (tenant_id uuid, id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$ SELECT tenant_id, id FROM grading_tasks WHERE status = 'leased' AND lease_expires_at < now() ORDER BY lease_expires_at LIMIT p_limit $$`,
      `CREATE FUNCTION grading_lost_work(p_older_than interval, p_limit integer)
         RETURNS TABLE (tenant_id uuid, attempt_id uuid, work text, revision integer)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$
           (SELECT a.tenant_id, a.id, 'create_tasks', NULL::integer FROM attempts a
             WHERE a.status = 'awaiting_grading' AND a.scored_at < now() - p_older_than
               AND NOT EXISTS (SELECT 1 FROM grading_scripts s WHERE s.attempt_id = a.id)
             LIMIT p_limit)
           UNION ALL
           (SELECT tenant_id, attempt_id, 'finalise', revision FROM grading_scripts
             WHERE resolved_answers = open_answers AND finalised_revision < revision
             LIMIT p_limit)
         $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      'DROP FUNCTION grading_lost_work(interval, integer)',
      'DROP FUNCTION grading_expired_leases(integer)',
      'ALTER TABLE attempts DROP COLUMN passed, DROP COLUMN graded_at',
      'ALTER TABLE attempts DROP CONSTRAINT attempts_status_check',
      `ALTER TABLE attempts ADD CONSTRAINT attempts_status_check CHECK (status IN ('in_progress', 'submitted', 'awaiting_grading', 'scored'))`,
      'DROP TABLE grading_finalisations',
      'DROP TABLE similarity_flags',
      'DROP TABLE grading_audit',
      'DROP TABLE grader_checks',
      'DROP TABLE reference_scripts',
      'DROP TABLE grader_assignments',
      'DROP TABLE grading_marks',
      'DROP TABLE grading_tasks',
      'DROP TABLE grading_answers',
      'DROP TABLE grading_scripts',
      'DROP TABLE grading_questions',
      'DROP TABLE grading_settings',
    ]) {
      await db.query(sql);
    }
  }
}
