/**
 * The baseline of bench/tenant-read.ts: bare Fastify + pg doing the same database work per request
 * as `GET /api/v1/users?pageSize=50` of the API, and nothing else (no JWT verification, no Nest, no
 * TypeORM, no request logging). Started as a child process by the benchmark, so it has its own
 * event loop like the API; not meant to be run by hand (but `PORT=3101 DATABASE_URL=... node -r
 * @swc-node/register bench/bare-tenant-read-server.ts` works).
 *
 * Routes (tenant in `x-tenant-id`; `authorization` must merely be present):
 *   GET /users         BEGIN; set_config; page; count; COMMIT   - the same 5 statements as TypeORM's findAndCount in a TenantTransaction
 *   GET /users-window  BEGIN; set_config; page with count(*) OVER (); COMMIT - 4 statements: the count folded into the page
 *   GET /health
 */
import Fastify from 'fastify';
import { runBareServer, serveBare } from './bare-server';
import { Pool, type PoolClient } from 'pg';

const PAGE_SIZE = 50;

// The columns the API returns (password_hash is select: false on the entity), aliased to the
// entity's property names so the JSON body has the same shape and size.
const COLUMNS = `id, tenant_id AS "tenantId", email, name, roles, status, last_login_at AS "lastLoginAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
const PAGE_SQL = `SELECT ${COLUMNS} FROM users ORDER BY created_at ASC LIMIT ${PAGE_SIZE}`;
// What TypeORM's getManyAndCount sends for the total.
const COUNT_SQL = `SELECT COUNT(DISTINCT(id)) AS cnt FROM users`;
const WINDOW_SQL = `SELECT ${COLUMNS}, count(*) OVER () AS total FROM users ORDER BY created_at ASC LIMIT ${PAGE_SIZE}`;

async function inTenant<T>(pool: Pool, tenantId: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function startBareServer(databaseUrl: string, port: number, poolSize: number): Promise<() => Promise<void>> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'assay-bench-bare' });
  const app = Fastify({ logger: false });

  const tenantOf = (headers: Record<string, string | string[] | undefined>): string | null => {
    const tenant = headers['x-tenant-id'];
    return typeof headers.authorization === 'string' && typeof tenant === 'string' ? tenant : null;
  };

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/users', async (request, reply) => {
    const tenantId = tenantOf(request.headers);
    if (!tenantId) return reply.code(401).send({ title: 'unauthenticated' });
    return inTenant(pool, tenantId, async (client) => {
      const page = await client.query(PAGE_SQL);
      const count = await client.query<{ cnt: string }>(COUNT_SQL);
      return { items: page.rows, total: Number(count.rows[0].cnt), page: 1, pageSize: PAGE_SIZE };
    });
  });

  app.get('/users-window', async (request, reply) => {
    const tenantId = tenantOf(request.headers);
    if (!tenantId) return reply.code(401).send({ title: 'unauthenticated' });
    return inTenant(pool, tenantId, async (client) => {
      const page = await client.query<Record<string, unknown> & { total: string }>(WINDOW_SQL);
      // (A page past the end has no row to carry the total: a real implementation would fall back to COUNT then.)
      const total = page.rows.length > 0 ? Number(page.rows[0].total) : 0;
      const items = page.rows.map(({ total: _total, ...row }) => row);
      return { items, total, page: 1, pageSize: PAGE_SIZE };
    });
  });

  return serveBare(app, pool, port);
}

if (require.main === module) {
  runBareServer(startBareServer, { databaseUrl: 'postgres://assay_app:assay_app@127.0.0.1:5432/assay_bench', port: 3101 });
}
