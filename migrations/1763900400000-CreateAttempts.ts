import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

const TENANT = `tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE`;

export class CreateAttempts1763900400000 implements MigrationInterface {
  name = 'CreateAttempts1763900400000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // One timed session per invitation. The paper is bound by version id; which questions the
      // candidate got (draws) is pinned at start in question_ids so saves can check it without
      // reading the paper.
      `CREATE TABLE attempts (
         id uuid PRIMARY KEY,
         ${TENANT},
         invitation_id uuid NOT NULL,
         paper_id uuid NOT NULL,
         paper_version_id uuid NOT NULL,
         question_ids uuid[] NOT NULL,
         status text NOT NULL DEFAULT 'in_progress'
           CHECK (status IN ('in_progress', 'submitted', 'awaiting_grading', 'scored')),
         started_at timestamptz NOT NULL,
         deadline timestamptz NOT NULL,
         grace_seconds integer NOT NULL CHECK (grace_seconds >= 0),
         token_hash text NOT NULL,
         replaced_token_hashes text[] NOT NULL DEFAULT '{}',
         last_ip text,
         last_user_agent text,
         submitted_at timestamptz,
         submitted_by text CHECK (submitted_by IN ('candidate', 'deadline', 'sweep')),
         scored_at timestamptz,
         points numeric(10,2),
         max_points numeric(10,2),
         pending_manual integer,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CHECK (deadline >= started_at),
         CHECK ((status = 'in_progress') = (submitted_at IS NULL)),
         UNIQUE (tenant_id, id),
         UNIQUE (tenant_id, invitation_id),
         FOREIGN KEY (tenant_id, invitation_id) REFERENCES invitations (tenant_id, id) ON DELETE CASCADE,
         FOREIGN KEY (tenant_id, paper_version_id) REFERENCES paper_versions (tenant_id, id) ON DELETE RESTRICT)`,
      `CREATE INDEX attempts_paper ON attempts (tenant_id, paper_id, started_at)`,
      // The sweep: attempts still running, by deadline; and submitted ones waiting for scoring.
      `CREATE INDEX attempts_running_deadline ON attempts (deadline) WHERE status = 'in_progress'`,
      `CREATE INDEX attempts_unscored ON attempts (submitted_at) WHERE status = 'submitted'`,
      ...tenantIsolationSql('attempts'),

      // One answer per question of an attempt; seq is the client's sequence number of the save.
      `CREATE TABLE responses (
         ${TENANT},
         attempt_id uuid NOT NULL,
         question_id uuid NOT NULL,
         answer jsonb,
         seq bigint NOT NULL CHECK (seq >= 0),
         saved_at timestamptz NOT NULL DEFAULT now(),
         points numeric(10,2),
         max_points numeric(10,2),
         outcome text CHECK (outcome IN ('correct', 'partial', 'incorrect', 'unanswered', 'pending_manual')),
         malformed boolean NOT NULL DEFAULT false,
         PRIMARY KEY (attempt_id, question_id),
         FOREIGN KEY (tenant_id, attempt_id) REFERENCES attempts (tenant_id, id) ON DELETE CASCADE)`,
      ...tenantIsolationSql('responses'),

      `CREATE TABLE attempt_events (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         ${TENANT},
         attempt_id uuid NOT NULL,
         type text NOT NULL CHECK (length(type) BETWEEN 1 AND 50),
         at timestamptz,
         received_at timestamptz NOT NULL DEFAULT now(),
         ip text,
         user_agent text,
         detail jsonb,
         FOREIGN KEY (tenant_id, attempt_id) REFERENCES attempts (tenant_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX attempt_events_attempt ON attempt_events (tenant_id, attempt_id, id)`,
      ...tenantIsolationSql('attempt_events'),

      // For the sweep (all tenants): attempts past deadline + grace still running, and submitted
      // attempts whose scoring job seems lost. Returns ids only.
      `CREATE FUNCTION attempts_overdue(p_unscored_older_than interval, p_limit integer)
         RETURNS TABLE (tenant_id uuid, id uuid, status text)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$
           (SELECT tenant_id, id, status FROM attempts
             WHERE status = 'in_progress' AND deadline + make_interval(secs => grace_seconds) < now()
             ORDER BY deadline LIMIT p_limit)
           UNION ALL
           (SELECT tenant_id, id, status FROM attempts
             WHERE status = 'submitted' AND submitted_at < now() - p_unscored_older_than
             ORDER BY submitted_at LIMIT p_limit)
         $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      'DROP FUNCTION attempts_overdue(interval, integer)',
      'DROP TABLE attempt_events',
      'DROP TABLE responses',
      'DROP TABLE attempts',
    ]) {
      await db.query(sql);
    }
  }
}
