import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

const TENANT = `tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE`;
const TIMESTAMPS = `created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()`;

export class CreateInvitations1763900300000 implements MigrationInterface {
  name = 'CreateInvitations1763900300000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE candidates (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         email text NOT NULL CHECK (email = lower(email)),
         phone text,
         external_id text,
         ${TIMESTAMPS},
         UNIQUE (tenant_id, id),
         UNIQUE (tenant_id, email))`,
      `CREATE INDEX candidates_external ON candidates (tenant_id, external_id) WHERE external_id IS NOT NULL`,
      ...tenantIsolationSql('candidates'),

      `CREATE TABLE invitations (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         candidate_id uuid NOT NULL,
         paper_id uuid NOT NULL,
         job_role_id uuid NOT NULL,
         status text NOT NULL DEFAULT 'created'
           CHECK (status IN ('created','sent','opened','started','submitted','graded','revoked')),
         opens_at timestamptz NOT NULL,
         closes_at timestamptz NOT NULL,
         extra_time_percent smallint NOT NULL DEFAULT 0 CHECK (extra_time_percent BETWEEN 0 AND 200),
         locale text CHECK (locale IN ('zh-CN', 'en')),
         token_hash text NOT NULL UNIQUE,
         token_version integer NOT NULL DEFAULT 1,
         reminder_hours smallint[] NOT NULL DEFAULT '{24}',
         sent_at timestamptz,
         opened_at timestamptz,
         started_at timestamptz,
         submitted_at timestamptz,
         revoked_at timestamptz,
         source text,
         ${TIMESTAMPS},
         CHECK (closes_at > opens_at),
         UNIQUE (tenant_id, id),
         UNIQUE (tenant_id, paper_id, candidate_id),
         FOREIGN KEY (tenant_id, candidate_id) REFERENCES candidates (tenant_id, id) ON DELETE CASCADE,
         FOREIGN KEY (tenant_id, paper_id) REFERENCES papers (tenant_id, id) ON DELETE RESTRICT,
         FOREIGN KEY (tenant_id, job_role_id) REFERENCES job_roles (tenant_id, id) ON DELETE RESTRICT)`,
      `CREATE INDEX invitations_paper ON invitations (tenant_id, paper_id, status)`,
      `CREATE INDEX invitations_role ON invitations (tenant_id, job_role_id, status)`,
      `CREATE INDEX invitations_candidate ON invitations (tenant_id, candidate_id)`,
      ...tenantIsolationSql('invitations'),

      `CREATE TABLE outbox_messages (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         ${TENANT},
         kind text NOT NULL CHECK (kind IN ('invitation', 'reminder')),
         invitation_id uuid NOT NULL,
         to_address text NOT NULL,
         status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
         attempts smallint NOT NULL DEFAULT 0,
         last_error text,
         subject text,
         sent_at timestamptz,
         ${TIMESTAMPS},
         FOREIGN KEY (tenant_id, invitation_id) REFERENCES invitations (tenant_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX outbox_pending ON outbox_messages (created_at) WHERE status = 'pending'`,
      `CREATE INDEX outbox_invitation ON outbox_messages (tenant_id, invitation_id)`,
      ...tenantIsolationSql('outbox_messages'),

      // A candidate's link carries no tenant: this finds the one invitation a token hash belongs to.
      `CREATE FUNCTION invitation_by_token_hash(p_hash text)
         RETURNS TABLE (tenant_id uuid, invitation_id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$ SELECT tenant_id, id FROM invitations WHERE token_hash = p_hash $$`,

      // For the outbox sweep: messages still pending a while after they were written (lost jobs).
      `CREATE FUNCTION outbox_stale_pending(p_older_than interval, p_limit integer)
         RETURNS TABLE (tenant_id uuid, id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$
           SELECT tenant_id, id FROM outbox_messages
            WHERE status = 'pending' AND created_at < now() - p_older_than
            ORDER BY created_at LIMIT p_limit
         $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      'DROP FUNCTION outbox_stale_pending(interval, integer)',
      'DROP FUNCTION invitation_by_token_hash(text)',
      'DROP TABLE outbox_messages',
      'DROP TABLE invitations',
      'DROP TABLE candidates',
    ]) {
      await db.query(sql);
    }
  }
}
