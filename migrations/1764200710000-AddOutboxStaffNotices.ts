import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mail outbox also carries notices to a tenant's admins (first: a webhook endpoint disabled
 * after sustained failure). Such a row has no invitation; it has the notice, rendered when sent.
 */
export class AddOutboxStaffNotices1764200710000 implements MigrationInterface {
  name = 'AddOutboxStaffNotices1764200710000';

  async up(db: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE outbox_messages ALTER COLUMN invitation_id DROP NOT NULL`,
      `ALTER TABLE outbox_messages ADD COLUMN notice jsonb`,
      `ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check`,
      `ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check CHECK (
         (kind IN ('invitation', 'reminder') AND invitation_id IS NOT NULL AND notice IS NULL)
         OR (kind = 'staff_notice' AND invitation_id IS NULL AND notice IS NOT NULL))`,
    ]) {
      await db.query(sql);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of [
      `DELETE FROM outbox_messages WHERE kind = 'staff_notice'`,
      `ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_kind_check`,
      `ALTER TABLE outbox_messages ADD CONSTRAINT outbox_messages_kind_check CHECK (kind IN ('invitation', 'reminder'))`,
      `ALTER TABLE outbox_messages DROP COLUMN notice`,
      `ALTER TABLE outbox_messages ALTER COLUMN invitation_id SET NOT NULL`,
    ]) {
      await db.query(sql);
    }
  }
}
