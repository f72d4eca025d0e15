import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every tenant table keyed by `tenant_id` first, so the schema can be distributed by tenant with
 * Citus (docs/scaling.md): a distributed table's primary key and unique constraints must contain
 * the distribution column, and a foreign key between two distributed tables must join on it.
 * tools/citus-readiness.spec.ts holds every table, present and future, to this.
 *
 * - Primary keys gain a leading `tenant_id`: (id) becomes (tenant_id, id), (attempt_id, question_id)
 *   becomes (tenant_id, attempt_id, question_id). The former UNIQUE (tenant_id, id) twins, kept only
 *   for composite foreign keys, are dropped: the primary key now serves those keys.
 * - Unique constraints without `tenant_id` gain it. Ids and token hashes are random, so uniqueness
 *   within a tenant is uniqueness in practice; the candidate link is resolved before any tenant is
 *   known (invitation_by_token_hash), so its hash keeps a plain index for that lookup.
 * - The three foreign keys to users(id) become (tenant_id, user) -> users(tenant_id, id); the
 *   API key's creator is still set to NULL on delete, without touching its tenant.
 *
 * Lookups by id alone still work (and under row-level security every query also carries
 * `tenant_id = app_current_tenant()`, the leading column of the new keys). ON CONFLICT clauses name
 * the new keys (libs/attempts, libs/grading and attempt_save below).
 *
 * Foreign keys depend on the keys they reference, so all foreign keys between tenant tables are
 * read from the catalog, dropped, and recreated once the keys are in place.
 */
const PRIMARY_KEYS: { table: string; columns: string[]; tenantTwin: boolean }[] = [
  // tenantTwin: the table also had UNIQUE (tenant_id, <key>), named <table>_tenant_id_<key>_key.
  ...[
    'job_roles',
    'competencies',
    'questions',
    'papers',
    'paper_sections',
    'paper_versions',
    'candidates',
    'invitations',
    'attempts',
    'grading_answers',
    'grading_tasks',
    'webhook_endpoints',
    'webhook_events',
    'webhook_deliveries',
  ].map((table) => ({ table, columns: ['id'], tenantTwin: true })),
  { table: 'grading_scripts', columns: ['attempt_id'], tenantTwin: true },
  ...['users', 'refresh_tokens', 'api_keys', 'outbox_messages', 'attempt_events', 'grading_marks', 'grader_assignments', 'grading_audit'].map((table) => ({
    table,
    columns: ['id'],
    tenantTwin: false,
  })),
  { table: 'question_competencies', columns: ['question_id', 'competency_id'], tenantTwin: false },
  { table: 'question_job_roles', columns: ['question_id', 'job_role_id'], tenantTwin: false },
  { table: 'paper_section_questions', columns: ['section_id', 'position'], tenantTwin: false },
  { table: 'responses', columns: ['attempt_id', 'question_id'], tenantTwin: false },
  { table: 'grading_questions', columns: ['paper_version_id', 'question_id'], tenantTwin: false },
  { table: 'reference_scripts', columns: ['answer_id'], tenantTwin: false },
  { table: 'grader_checks', columns: ['task_id'], tenantTwin: false },
  { table: 'similarity_flags', columns: ['attempt_id', 'other_attempt_id', 'question_id'], tenantTwin: false },
  { table: 'grading_finalisations', columns: ['attempt_id', 'revision'], tenantTwin: false },
];

const UNIQUES: { table: string; columns: string[] }[] = [
  { table: 'refresh_tokens', columns: ['token_hash'] },
  { table: 'api_keys', columns: ['secret_hash'] },
  { table: 'invitations', columns: ['token_hash'] },
  { table: 'paper_sections', columns: ['paper_id', 'position'] },
  { table: 'paper_section_questions', columns: ['section_id', 'question_id'] },
  { table: 'paper_versions', columns: ['paper_id', 'version'] },
  { table: 'grading_answers', columns: ['attempt_id', 'question_id'] },
  { table: 'grading_marks', columns: ['task_id'] },
  { table: 'webhook_events', columns: ['sequence'] },
  { table: 'webhook_deliveries', columns: ['endpoint_id', 'event_id'] },
];

/** The foreign keys to users(id), old and new. */
const USER_KEYS: { table: string; column: string; onDelete: string }[] = [
  { table: 'refresh_tokens', column: 'user_id', onDelete: 'CASCADE' },
  { table: 'api_keys', column: 'created_by', onDelete: 'SET NULL' },
  { table: 'grader_assignments', column: 'user_id', onDelete: 'CASCADE' },
];

const quoted = (columns: string[]) => columns.map((column) => `"${column}"`).join(', ');
const withTenant = (columns: string[]) => ['tenant_id', ...columns];

type ForeignKey = { table: string; name: string; definition: string };

/** Drops every foreign key between tenant tables (keys to `tenants` stay) and returns them. */
async function dropTenantForeignKeys(db: QueryRunner): Promise<ForeignKey[]> {
  const keys = (await db.query(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND confrelid <> 'tenants'::regclass
      ORDER BY conname`,
  )) as ForeignKey[];
  for (const key of keys) await db.query(`ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}"`);
  return keys;
}

async function addForeignKeys(db: QueryRunner, keys: ForeignKey[]): Promise<void> {
  for (const key of keys) await db.query(`ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.definition}`);
}

const isUserKey = (key: ForeignKey) => USER_KEYS.some((user) => `${user.table}_${user.column}_fkey` === key.name);

/** attempt_save's upsert of the answers, old and new conflict target (its body is otherwise unchanged). */
export const SAVE_CONFLICT = { old: 'ON CONFLICT (attempt_id, question_id)', new: 'ON CONFLICT (tenant_id, attempt_id, question_id)' };

export async function retargetAttemptSave(db: QueryRunner, from: string, to: string): Promise<void> {
  // Rewritten from the stored definition rather than restated here, so whichever version of the
  // function is installed keeps its body; only the conflict target follows the key.
  const [{ definition }] = (await db.query(
    `SELECT pg_get_functiondef('attempt_save(uuid, uuid, text, jsonb, text, text)'::regprocedure) AS definition`,
  )) as { definition: string }[];
  if (!definition.includes(from)) throw new Error(`attempt_save no longer contains "${from}": update this migration`);
  await db.query(definition.replace(from, to));
}

export class KeyTenantTablesByTenant1764200800000 implements MigrationInterface {
  name = 'KeyTenantTablesByTenant1764200800000';

  async up(db: QueryRunner): Promise<void> {
    const keys = await dropTenantForeignKeys(db);
    for (const { table, columns, tenantTwin } of PRIMARY_KEYS) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey`);
      if (tenantTwin) await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_tenant_id_${columns.join('_')}_key`);
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (${quoted(withTenant(columns))})`);
    }
    for (const { table, columns } of UNIQUES) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${columns.join('_')}_key`);
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_tenant_id_${columns.join('_')}_key UNIQUE (${quoted(withTenant(columns))})`);
    }
    await db.query('CREATE INDEX invitations_token_hash ON invitations (token_hash)');
    await db.query('DROP INDEX grading_tasks_answer_round');
    await db.query(`CREATE UNIQUE INDEX grading_tasks_answer_round ON grading_tasks (tenant_id, answer_id, round) WHERE kind = 'answer'`);
    await addForeignKeys(
      db,
      keys.filter((key) => !isUserKey(key)),
    );
    for (const { table, column, onDelete } of USER_KEYS) {
      const action = onDelete === 'SET NULL' ? `SET NULL (${column})` : onDelete;
      await db.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_fkey FOREIGN KEY (tenant_id, ${column}) REFERENCES users (tenant_id, id) ON DELETE ${action}`,
      );
    }
    await retargetAttemptSave(db, SAVE_CONFLICT.old, SAVE_CONFLICT.new);
  }

  async down(db: QueryRunner): Promise<void> {
    await retargetAttemptSave(db, SAVE_CONFLICT.new, SAVE_CONFLICT.old);
    const keys = await dropTenantForeignKeys(db);
    await db.query('DROP INDEX grading_tasks_answer_round');
    await db.query(`CREATE UNIQUE INDEX grading_tasks_answer_round ON grading_tasks (answer_id, round) WHERE kind = 'answer'`);
    await db.query('DROP INDEX invitations_token_hash');
    for (const { table, columns } of UNIQUES) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_tenant_id_${columns.join('_')}_key`);
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${columns.join('_')}_key UNIQUE (${quoted(columns)})`);
    }
    for (const { table, columns, tenantTwin } of PRIMARY_KEYS) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey`);
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (${quoted(columns)})`);
      if (tenantTwin) await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_tenant_id_${columns.join('_')}_key UNIQUE (${quoted(withTenant(columns))})`);
    }
    await addForeignKeys(
      db,
      keys.filter((key) => !isUserKey(key)),
    );
    for (const { table, column, onDelete } of USER_KEYS) {
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_fkey FOREIGN KEY (${column}) REFERENCES users (id) ON DELETE ${onDelete}`);
    }
  }
}
