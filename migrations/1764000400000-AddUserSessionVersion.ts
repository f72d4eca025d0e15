import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that really end: every access token carries the session version of its user (`sv`),
 * and the auth guard compares it with `users.session_version` on each request. Logout, a revoked
 * refresh family, a password change, disabling the user and changing their roles each add one, so
 * every access token issued before stops working at once (other devices refresh once and go on).
 *
 * `auth_session_version(tenant, user)` is the guard's one lookup: a narrow definer function (one
 * integer for one user of the tenant named in a token the API itself signed), so the check is a
 * single statement instead of a tenant transaction (BEGIN, set_config, SELECT, COMMIT). A
 * disabled or missing user answers NULL.
 */
export class AddUserSessionVersion1764000400000 implements MigrationInterface {
  name = 'AddUserSessionVersion1764000400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 1`);
    await db.query(`
      CREATE FUNCTION auth_session_version(p_tenant uuid, p_user uuid) RETURNS integer
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
        AS $$
          SELECT session_version FROM users WHERE tenant_id = p_tenant AND id = p_user AND status = 'active'
        $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION auth_session_version(uuid, uuid)');
    await db.query('ALTER TABLE users DROP COLUMN session_version');
  }
}
