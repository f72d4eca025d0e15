import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Client } from 'pg';
import { connectAsOwner } from '@assay/testing';
import { citusViolations, conflictTargetsOf, matchesUniqueIndex, nonTenantTablesFromDocs, uniqueIndexesOf } from './citus-readiness';

const ROOT = resolve(__dirname, '..');
const nonTenantTables = nonTenantTablesFromDocs(readFileSync(join(ROOT, 'docs/scaling.md'), 'utf8'));

/** Application sources (tests excluded: they may set up any table they need). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('node_modules') && !path.includes('__tests__'));
}

describe('ready to distribute by tenant_id with Citus (docs/scaling.md)', () => {
  let owner: Client;
  beforeAll(async () => {
    owner = await connectAsOwner();
  });
  afterAll(async () => {
    await owner.end();
  });

  it('every table of the migrated database: tenant tables keyed and joined by tenant_id, the others documented', async () => {
    expect(await citusViolations(owner, 'public', nonTenantTables)).toEqual([]);
  });

  it('the documented tables without a tenant exist', async () => {
    const { rows } = await owner.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`);
    const existing = new Set(rows.map((row) => row.name));
    expect([...nonTenantTables].filter((table) => !existing.has(table))).toEqual([]);
  });

  it('every ON CONFLICT (...) in the code and in the database functions names a unique index of its table', async () => {
    const indexes = await uniqueIndexesOf(owner, 'public');
    const { rows: functions } = await owner.query<{ name: string; body: string }>(
      `SELECT proname AS name, prosrc AS body FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosrc ILIKE '%ON CONFLICT%'`,
    );
    const places = [
      ...['apps', 'libs', 'tools', 'bench'].flatMap((dir) => sources(join(ROOT, dir)).map((path) => ({ place: relative(ROOT, path), text: readFileSync(path, 'utf8') }))),
      ...functions.map((fn) => ({ place: `function ${fn.name}`, text: fn.body })),
    ];
    const targets = places.flatMap(({ place, text }) => conflictTargetsOf(text).map((target) => ({ place, ...target })));
    // The clauses this guards: the autosave, scoring, grading, settings, invitations, analytics.
    expect(targets.length).toBeGreaterThanOrEqual(9);
    expect(targets.filter((target) => !matchesUniqueIndex(target, indexes)).map(({ place, table, columns }) => `${place}: ${table} (${columns.join(', ')})`)).toEqual([]);
  });
});

describe('the readiness check itself', () => {
  it('names each table, key and foreign key a future migration could get wrong', async () => {
    const owner = await connectAsOwner();
    try {
      await owner.query('BEGIN');
      await owner.query('CREATE SCHEMA scratch_citus');
      await owner.query('SET LOCAL search_path = scratch_citus');
      await owner.query('CREATE TABLE plans (id int PRIMARY KEY)');
      await owner.query('CREATE TABLE tenants (id uuid PRIMARY KEY)');
      await owner.query('CREATE TABLE orders (tenant_id uuid NOT NULL REFERENCES tenants, id uuid PRIMARY KEY, code text UNIQUE, UNIQUE (tenant_id, id))');
      await owner.query('CREATE UNIQUE INDEX orders_open_code ON orders (lower(code)) WHERE code IS NOT NULL');
      await owner.query('CREATE TABLE lines (tenant_id uuid NOT NULL, order_id uuid REFERENCES orders (id), n int, PRIMARY KEY (tenant_id, order_id, n))');
      await owner.query('CREATE TABLE notes (tenant_id uuid NOT NULL, order_id uuid, PRIMARY KEY (tenant_id, order_id), FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id))');
      await owner.query('CREATE TABLE drafts (tenant_id uuid NOT NULL, body text)');
      await owner.query('ALTER TABLE plans ADD COLUMN order_id uuid REFERENCES orders (id)');

      expect(await citusViolations(owner, 'scratch_citus', new Set(['tenants']))).toEqual([
        'plans: has no tenant_id and is not on the documented list of tables without a tenant (docs/scaling.md)',
        'drafts: has no primary key',
        'orders: unique index orders_code_key (code) lacks tenant_id',
        'orders: unique index orders_open_code (lower(code)) lacks tenant_id',
        'orders: primary key orders_pkey (id) lacks tenant_id',
        'lines: foreign key lines_order_id_fkey (order_id) -> orders (id) does not join on tenant_id',
        'plans: a table without a tenant refers to a tenant table: plans_order_id_fkey (order_id) -> orders (id)',
      ]);
      expect(await citusViolations(owner, 'scratch_citus', new Set(['tenants', 'plans', 'orders']))).toContain(
        'orders: has tenant_id but is documented as a table without a tenant',
      );
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await owner.end();
    }
  });

  it('reads ON CONFLICT targets, expressions included, and compares them without order, casts or quotes', () => {
    const source = `INSERT INTO responses (a) VALUES (1) ON CONFLICT (tenant_id, attempt_id, question_id) DO UPDATE SET x = 1;
      INSERT INTO grader_assignments (x) SELECT 1 ON CONFLICT (tenant_id, user_id, COALESCE(question_id, '0')) DO NOTHING;
      INSERT INTO login_throttles (k) VALUES ($1) ON CONFLICT DO NOTHING`;
    const targets = conflictTargetsOf(source);
    expect(targets).toEqual([
      { table: 'responses', columns: ['tenant_id', 'attempt_id', 'question_id'] },
      { table: 'grader_assignments', columns: ['tenant_id', 'user_id', "coalesce(question_id,'0')"] },
    ]);
    const indexes = [
      { table: 'responses', name: 'responses_pkey', primary: true, columns: ['tenant_id', 'attempt_id', 'question_id'] },
      { table: 'grader_assignments', name: 'grader_assignments_unique', primary: false, columns: ['tenant_id', 'user_id', `COALESCE(question_id, '0'::uuid)`] },
    ];
    expect(targets.map((target) => matchesUniqueIndex(target, indexes))).toEqual([true, true]);
    expect(matchesUniqueIndex({ table: 'responses', columns: ['attempt_id', 'question_id'] }, indexes)).toBe(false);
  });
});
