import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { entitiesOf, foreignWrites, ownersFromDocs, tablesOfMigration, writesOf } from './table-owners';

const ROOT = resolve(__dirname, '..');

/** Every .ts file under `dir`, tests excluded (a test may set up any table it needs). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('__tests__'));
}

const libraries = readdirSync(join(ROOT, 'libs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const owners = ownersFromDocs(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));
const entities = new Map(libraries.flatMap((library) => sources(join(ROOT, 'libs', library)).flatMap((path) => entitiesOf(readFileSync(path, 'utf8')))));

describe('one owner per table (docs/architecture.md, "Tables and their owners")', () => {
  it('lists every table the migrations create, once, each owned by an existing library', () => {
    const created = sources(join(ROOT, 'migrations')).flatMap((path) => tablesOfMigration(readFileSync(path, 'utf8')));
    expect([...owners.keys()].sort()).toEqual([...new Set(created)].sort());
    expect([...new Set(owners.values())].filter((library) => !libraries.includes(library))).toEqual([]);
  });

  it('no library writes a table another library owns', () => {
    const found: string[] = [];
    // libs/testing is test support: like a test, it may set up any table (the fault script moves time in the database).
    for (const library of libraries.filter((name) => name !== 'testing')) {
      for (const path of sources(join(ROOT, 'libs', library))) {
        for (const write of foreignWrites(library, readFileSync(path, 'utf8'), owners, entities)) {
          found.push(`${relative(ROOT, path)}: ${write.statement} (${write.table} belongs to ${owners.get(write.table)})`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe('the write scanner', () => {
  const tables = new Set(['invitations', 'attempts']);
  const known = new Map([['Invitation', 'invitations']]);
  const tablesWritten = (source: string) => writesOf(source, tables, known).map((write) => write.table);

  it('finds SQL writes and TypeORM entity writes', () => {
    expect(tablesWritten(`manager.query('UPDATE invitations SET status = $2 WHERE id = $1')`)).toEqual(['invitations']);
    expect(tablesWritten('`INSERT INTO attempts (id) VALUES ($1)`; `delete from attempts where id = $1`')).toEqual(['attempts', 'attempts']);
    expect(tablesWritten(`await manager.update(Invitation, { id }, { status: 'graded' });`)).toEqual(['invitations']);
    expect(tablesWritten(`await manager.save(manager.create(Invitation, { id }));`)).toEqual(['invitations']);
    expect(tablesWritten(`manager.createQueryBuilder()\n  .insert()\n  .into(Invitation)\n  .values(row)`)).toEqual(['invitations']);
    expect(tablesWritten(`manager.createQueryBuilder().delete().from(Invitation).where('id = :id')`)).toEqual(['invitations']);
  });

  it('ignores reads, prose and tables it does not know', () => {
    expect(tablesWritten(`manager.findOne(Invitation, { where: { id } }); manager.createQueryBuilder(Invitation, 'i')`)).toEqual([]);
    expect(tablesWritten('// a submission (an UPDATE of that row) waits; ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq')).toEqual([]);
    expect(tablesWritten(`createHash('sha256').update(secret); this.roles.update(id, dto); UPDATE unknown_table SET x = 1`)).toEqual([]);
  });

  it('reports only the tables of other owners', () => {
    const ownership = new Map([
      ['invitations', 'invitations'],
      ['attempts', 'attempts'],
    ]);
    const source = `UPDATE attempts SET status = 'submitted'; await manager.update(Invitation, { id }, { status: 'submitted' });`;
    expect(foreignWrites('attempts', source, ownership, known).map((write) => write.table)).toEqual(['invitations']);
    expect(foreignWrites('invitations', source, ownership, known).map((write) => write.table)).toEqual(['attempts']);
  });

  it('reads the ownership table of the docs and refuses a table listed twice', () => {
    const docs = '## Tables and their owners\n\n| table | owner |\n|---|---|\n| `attempts` | `attempts` | x |\n| `invitations` | `invitations` | y |\n\n## Next\n| `other` | `nope` |';
    expect([...ownersFromDocs(docs)]).toEqual([
      ['attempts', 'attempts'],
      ['invitations', 'invitations'],
    ]);
    expect(() => ownersFromDocs(`${docs.split('\n\n## Next')[0]}\n| \`attempts\` | \`papers\` | z |`)).toThrow('attempts is listed twice');
  });
});
