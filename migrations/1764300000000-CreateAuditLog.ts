import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantIsolationSql } from './tenant-isolation';

/**
 * The audit log of staff actions that change data (docs/audit.md), owned by libs/audit. Append-only
 * with two locks: the application role keeps only SELECT and INSERT, and a trigger refuses UPDATE,
 * DELETE and TRUNCATE to every role, the owner included. It never holds candidates' personal data
 * or secrets (redacted before writing), so erasing a candidate never needs to rewrite it.
 */
export class CreateAuditLog1764300000000 implements MigrationInterface {
  name = 'CreateAuditLog1764300000000';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE audit_log (
         tenant_id uuid NOT NULL DEFAULT app_current_tenant() REFERENCES tenants(id),
         id uuid NOT NULL DEFAULT gen_random_uuid(),
         -- clock_timestamp(): entries of one transaction keep their order.
         at timestamptz NOT NULL DEFAULT clock_timestamp(),
         actor_user_id uuid,
         actor_api_key_id uuid,
         method text NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE')),
         route text NOT NULL CHECK (length(route) <= 300),
         action text NOT NULL CHECK (length(action) <= 320),
         resource_type text,
         resource_id text,
         path_params jsonb NOT NULL DEFAULT '{}',
         status integer NOT NULL CHECK (status BETWEEN 100 AND 599),
         client_address text,
         request_id text,
         body jsonb,
         before jsonb,
         after jsonb,
         PRIMARY KEY (tenant_id, id),
         CHECK (actor_user_id IS NOT NULL OR actor_api_key_id IS NOT NULL))`,
      `CREATE INDEX audit_log_at ON audit_log (tenant_id, at DESC, id DESC)`,
      `CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor_user_id, at DESC) WHERE actor_user_id IS NOT NULL`,
      `CREATE INDEX audit_log_api_key ON audit_log (tenant_id, actor_api_key_id, at DESC) WHERE actor_api_key_id IS NOT NULL`,
      `CREATE INDEX audit_log_resource ON audit_log (tenant_id, resource_id, at DESC) WHERE resource_id IS NOT NULL`,
      ...tenantIsolationSql('audit_log'),
      `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
             USING ERRCODE = 'insufficient_privilege';
         END $$`,
      `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
         FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
         FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
      // The application role got UPDATE and DELETE through default privileges; take them back.
      `DO $$
       DECLARE grantee_name text;
       BEGIN
         FOR grantee_name IN
           SELECT DISTINCT grantee FROM information_schema.role_table_grants
            WHERE table_schema = 'public' AND table_name = 'audit_log'
              AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE') AND grantee <> current_user
         LOOP
           EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM %I', grantee_name);
         END LOOP;
       END $$`,
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_log');
    await db.query('DROP FUNCTION audit_log_append_only()');
  }
}
