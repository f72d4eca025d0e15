import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One question vocabulary: a rubric criterion's points are `points` everywhere (they were
 * `maxPoints` in the bank's JSON and in published snapshots, `points` in the interchange format).
 *
 * The key is renamed in the JSON text. This is exact: in jsonb's text form an object key is
 * written `"maxPoints": `, while the same characters inside a string value are escaped
 * (`\"maxPoints\": `), so only keys match. Published versions are immutable for the application;
 * their trigger is set aside for this one rewrite, which changes a name, not a meaning.
 */
export class RenameRubricPoints1764000000000 implements MigrationInterface {
  name = 'RenameRubricPoints1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await this.renameKey(db, 'maxPoints', 'points');
  }

  async down(db: QueryRunner): Promise<void> {
    await this.renameKey(db, 'points', 'maxPoints');
  }

  private async renameKey(db: QueryRunner, from: string, to: string): Promise<void> {
    const replace = (column: string) => `replace(${column}::text, '"${from}": ', '"${to}": ')::jsonb`;
    await db.query(`UPDATE questions SET rubric = ${replace('rubric')} WHERE rubric::text LIKE '%"${from}": %'`);
    await db.query('ALTER TABLE paper_versions DISABLE TRIGGER paper_versions_no_update');
    await db.query(`UPDATE paper_versions SET snapshot = ${replace('snapshot')} WHERE snapshot::text LIKE '%"${from}": %'`);
    await db.query('ALTER TABLE paper_versions ENABLE TRIGGER paper_versions_no_update');
  }
}
