import type { QueryRunner } from 'typeorm';
import { connectAsOwner } from '@assay/testing';
import { MIGRATIONS } from '@assay/migrations';

/**
 * Data migrations run on copies of their tables in a scratch schema (same columns, a trigger of the
 * same name), so the test never touches rows other tests of this run are using.
 */
describe('migrations that rewrite stored JSON', () => {
  it('RenameRubricPoints renames the rubric key in bank questions and published snapshots, both ways, and never inside text', async () => {
    const owner = await connectAsOwner();
    const runner = { query: (sql: string) => owner.query(sql).then((r) => r.rows) } as unknown as QueryRunner;
    const rubric = (key: string) => [{ criterion: '情绪安抚', [key]: 4 }, { criterion: '写着 "maxPoints": 1 的文字', [key]: 6 }];
    const snapshot = (key: string) => ({ sections: [{ questions: [{ stem: '题干 "maxPoints": 2', rubric: rubric(key) }] }] });
    try {
      await owner.query('BEGIN');
      await owner.query('CREATE SCHEMA scratch_migration');
      await owner.query('SET LOCAL search_path = scratch_migration');
      await owner.query('CREATE TABLE questions (id int PRIMARY KEY, rubric jsonb NOT NULL)');
      await owner.query('CREATE TABLE paper_versions (id int PRIMARY KEY, snapshot jsonb NOT NULL)');
      await owner.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'immutable'; END $$`);
      await owner.query('CREATE TRIGGER paper_versions_no_update BEFORE UPDATE ON paper_versions FOR EACH ROW EXECUTE FUNCTION refuse()');
      await owner.query('INSERT INTO questions VALUES (1, $1)', [JSON.stringify(rubric('maxPoints'))]);
      await owner.query('INSERT INTO paper_versions VALUES (1, $1)', [JSON.stringify(snapshot('maxPoints'))]);

      const Migration = MIGRATIONS.find((m) => m.name === 'RenameRubricPoints1764000000000');
      if (!Migration) throw new Error('RenameRubricPoints is not listed in migrations/index.ts');
      const migration = new Migration();
      const stored = async () => ({
        rubric: (await owner.query('SELECT rubric FROM questions')).rows[0].rubric,
        snapshot: (await owner.query('SELECT snapshot FROM paper_versions')).rows[0].snapshot,
      });
      await migration.up(runner);
      expect(await stored()).toEqual({ rubric: rubric('points'), snapshot: snapshot('points') });
      await migration.down(runner);
      expect(await stored()).toEqual({ rubric: rubric('maxPoints'), snapshot: snapshot('maxPoints') });
      // The immutability trigger is back in force afterwards.
      await expect(owner.query(`UPDATE paper_versions SET snapshot = '{}'`)).rejects.toThrow('immutable');
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await owner.end();
    }
  });
});
