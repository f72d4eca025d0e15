import type { Client } from 'pg';
import { connectAsApp, connectAsOwner } from '@assay/testing';
import { SignedUpTenant, TestApi } from './test-api';

/** One tenant never sees another: the application checks, and row-level security underneath. */
describe('tenant isolation', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let bUserId: string;
  let bKeyId: string;
  let app: Client;
  let owner: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    [a, b] = [await api.signup(), await api.signup()];
    bUserId = (await api.request('GET', '/api/v1/auth/me', { token: b.accessToken })).body.user.id;
    bKeyId = (await api.request('POST', '/api/v1/api-keys', { token: b.accessToken, body: { name: 'b', scopes: ['admin'] } })).body.id;
    [app, owner] = [await connectAsApp(), await connectAsOwner()];
  });
  afterAll(async () => {
    await Promise.all([app.end(), owner.end(), api.close()]);
  });

  describe('through the API, another tenant\'s object is exactly like a missing one (404)', () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    it.each([
      ['GET', (id: string) => `/api/v1/users/${id}`, undefined],
      ['PATCH', (id: string) => `/api/v1/users/${id}`, { name: 'taken over' }],
    ] as const)('%s user', async (method, url, body) => {
      const other = await api.request(method, url(bUserId), { token: a.accessToken, body });
      const absent = await api.request(method, url(missing), { token: a.accessToken, body });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe(absent.body.code);
      expect(other.body.detail).toBe(absent.body.detail);
    });

    it('GET api key', async () => {
      const other = await api.request('GET', `/api/v1/api-keys/${bKeyId}`, { token: a.accessToken });
      const absent = await api.request('GET', `/api/v1/api-keys/${missing}`, { token: a.accessToken });
      expect(other.status).toBe(404);
      expect(other.body.code).toBe(absent.body.code);
      expect(other.body.detail).toBe(absent.body.detail);
    });

    it('DELETE api key', async () => {
      const other = await api.request('DELETE', `/api/v1/api-keys/${bKeyId}`, { token: a.accessToken });
      expect(other.status).toBe(404);
      const stillThere = await api.request('GET', '/api/v1/api-keys', { token: b.accessToken });
      expect(stillThere.body.items[0].revokedAt).toBeNull();
    });

    it('lists show only the caller\'s rows', async () => {
      const users = await api.request('GET', '/api/v1/users', { token: a.accessToken });
      expect(users.body.items.map((u: { email: string }) => u.email)).toEqual([a.email]);
      expect((await api.request('GET', '/api/v1/api-keys', { token: a.accessToken })).body.total).toBe(0);
      expect((await api.request('GET', '/api/v1/tenant', { token: a.accessToken })).body.id).toBe(a.tenantId);
    });

    it('a token whose tenant claim is altered fails its signature', async () => {
      const [header, payload, signature] = a.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, tid: b.tenantId })).toString('base64url');
      expect((await api.request('GET', '/api/v1/users', { token: `${header}.${forged}.${signature}` })).status).toBe(401);
    });
  });

  describe('in the database', () => {
    it('the application role cannot bypass row-level security and owns no table', async () => {
      const role = await app.query('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
      expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
      const owned = await app.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
      expect(owned.rows[0].n).toBe(0);
    });

    it('a query without a tenant context returns no rows, though rows exist', async () => {
      const all = await owner.query('SELECT count(*)::int AS n FROM users');
      expect(all.rows[0].n).toBeGreaterThanOrEqual(2);
      for (const table of ['tenants', 'users', 'api_keys', 'refresh_tokens']) {
        const seen = await app.query(`SELECT count(*)::int AS n FROM ${table}`);
        expect({ table, n: seen.rows[0].n }).toEqual({ table, n: 0 });
      }
    });

    it('inside a tenant\'s transaction only that tenant\'s rows are visible or writable', async () => {
      await app.query('BEGIN');
      try {
        await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
        const users = await app.query('SELECT tenant_id FROM users');
        expect(new Set(users.rows.map((r) => r.tenant_id))).toEqual(new Set([a.tenantId]));
        const moved = await app.query('UPDATE users SET name = $1 WHERE id = $2', ['x', bUserId]);
        expect(moved.rowCount).toBe(0);
        await expect(
          app.query(`INSERT INTO api_keys (tenant_id, name, prefix, secret_hash, scopes) VALUES ($1, 'x', 'x', 'x', '{admin}')`, [b.tenantId]),
        ).rejects.toThrow(/row-level security/);
      } finally {
        await app.query('ROLLBACK');
      }
    });

    it('every table with a tenant_id column has row-level security and a policy', async () => {
      const tables = await owner.query(`
        SELECT c.relname, c.relrowsecurity, (SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname)::int AS policies
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r'
           AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id') OR c.relname = 'tenants')`);
      expect(tables.rows.length).toBeGreaterThanOrEqual(4);
      for (const row of tables.rows) {
        expect({ table: row.relname, rls: row.relrowsecurity, hasPolicy: row.policies > 0 }).toEqual({ table: row.relname, rls: true, hasPolicy: true });
      }
    });
  });
});
