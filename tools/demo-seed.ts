import { Client } from 'pg';
import { hashPassword } from '@assay/identity';

export const DEMO = {
  slug: 'demo',
  company: '星河演示科技(Demo)',
  adminEmail: 'admin@demo.assay.local',
  adminPassword: 'assay-demo-2026',
  staff: [
    { email: 'recruiter@demo.assay.local', name: '李招聘', roles: ['recruiter'] },
    { email: 'grader@demo.assay.local', name: '赵阅卷', roles: ['grader'] },
  ],
};

/**
 * Loads the demo company once (idempotent: nothing happens when it exists). Runs as the
 * application role inside the demo tenant, exactly like sign-up does.
 */
export async function seedDemo(appUrl: string): Promise<'created' | 'exists'> {
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM auth_login_candidates($1)', [DEMO.adminEmail]);
    if (existing.rowCount) return 'exists';
    const passwordHash = await hashPassword(DEMO.adminPassword);
    await client.query('BEGIN');
    const tenantId = (await client.query('SELECT gen_random_uuid() AS id')).rows[0].id as string;
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    await client.query('INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3)', [tenantId, DEMO.slug, DEMO.company]);
    await client.query(`INSERT INTO users (email, name, password_hash, roles) VALUES ($1, '王管理', $2, '{admin,recruiter,grader}')`, [
      DEMO.adminEmail,
      passwordHash,
    ]);
    for (const person of DEMO.staff) {
      await client.query('INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, $3, $4)', [
        person.email,
        person.name,
        passwordHash,
        person.roles,
      ]);
    }
    await client.query('COMMIT');
    return 'created';
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
