import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

export class CreateIdentity1763900000000 implements MigrationInterface {
  name = 'CreateIdentity1763900000000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // '' after a transaction-local setting ends, NULL before: both mean "no tenant".
      `CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE
         AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$`,

      `CREATE TABLE tenants (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now())`,
      ...tenantIsolationSql('tenants', 'id'),

      `CREATE TABLE users (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE,
         email text NOT NULL,
         name text NOT NULL,
         password_hash text NOT NULL,
         roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin','recruiter','grader']),
         status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
         last_login_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE UNIQUE INDEX users_tenant_email ON users (tenant_id, lower(email))`,
      `CREATE INDEX users_email ON users (lower(email))`,
      ...tenantIsolationSql('users'),

      `CREATE TABLE refresh_tokens (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         token_hash text NOT NULL UNIQUE,
         family_id uuid NOT NULL,
         expires_at timestamptz NOT NULL,
         revoked_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX refresh_tokens_family ON refresh_tokens (tenant_id, family_id)`,
      `CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at)`,
      ...tenantIsolationSql('refresh_tokens'),

      `CREATE TABLE api_keys (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id) ON DELETE CASCADE,
         name text NOT NULL,
         prefix text NOT NULL,
         secret_hash text NOT NULL UNIQUE,
         scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['admin','recruiter','grader']),
         created_by uuid REFERENCES users(id) ON DELETE SET NULL,
         last_used_at timestamptz,
         expires_at timestamptz,
         revoked_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at DESC)`,
      ...tenantIsolationSql('api_keys'),

      // Login comes before any tenant is known: this narrow definer function is the only
      // cross-tenant read the application role may make, and it answers for one email only.
      `CREATE FUNCTION auth_login_candidates(p_email text)
         RETURNS TABLE (tenant_id uuid, tenant_slug text, tenant_name text, user_id uuid, password_hash text)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
         AS $$
           SELECT t.id, t.slug, t.name, u.id, u.password_hash
             FROM users u JOIN tenants t ON t.id = u.tenant_id
            WHERE lower(u.email) = lower(p_email) AND u.status = 'active'
            ORDER BY t.slug
            LIMIT 20
         $$`,

      // The hourly maintenance job, across tenants, limited to what has expired.
      `CREATE FUNCTION maintenance_purge_expired() RETURNS integer
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
         AS $$
         DECLARE purged integer;
         BEGIN
           DELETE FROM refresh_tokens
            WHERE expires_at < now() OR revoked_at < now() - interval '1 day';
           GET DIAGNOSTICS purged = ROW_COUNT;
           RETURN purged;
         END $$`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      'DROP FUNCTION maintenance_purge_expired()',
      'DROP FUNCTION auth_login_candidates(text)',
      'DROP TABLE api_keys',
      'DROP TABLE refresh_tokens',
      'DROP TABLE users',
      'DROP TABLE tenants',
      'DROP FUNCTION app_current_tenant()',
    ]) {
      await db.query(sql);
    }
  }
}
