import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each answer was first saved, for the analytics' time per question and drop-off: the
 * autosave's insert takes the default, its later updates leave it alone, and the rows scoring
 * adds for unanswered questions set it to NULL. Existing rows stay NULL (unknown): the default is
 * set after the column is added, so they are not stamped with the migration's time.
 */
export class AddResponseFirstSavedAt1764100410000 implements MigrationInterface {
  name = 'AddResponseFirstSavedAt1764100410000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE responses ADD COLUMN first_saved_at timestamptz');
    await db.query('ALTER TABLE responses ALTER COLUMN first_saved_at SET DEFAULT now()');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE responses DROP COLUMN first_saved_at');
  }
}
