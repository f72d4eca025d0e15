import { MigrationInterface, QueryRunner } from 'typeorm';

/** An invitation's id in the company's ATS (e.g. the application), searchable like the candidate's. */
export class AddInvitationExternalId1764200730000 implements MigrationInterface {
  name = 'AddInvitationExternalId1764200730000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE invitations ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 200)`);
    await db.query(`CREATE INDEX invitations_external ON invitations (tenant_id, external_id) WHERE external_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE invitations DROP COLUMN external_id');
  }
}
