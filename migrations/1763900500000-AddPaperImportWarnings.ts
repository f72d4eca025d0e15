import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddPaperImportWarnings1763900500000 implements MigrationInterface {
  name = 'AddPaperImportWarnings1763900500000';

  async up(db: QueryRunner): Promise<void> {
    // The document reader's warnings ({line, code, message}) of a paper created by an import; [] otherwise.
    await db.query(`ALTER TABLE papers ADD COLUMN import_warnings jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE papers DROP COLUMN import_warnings');
  }
}
