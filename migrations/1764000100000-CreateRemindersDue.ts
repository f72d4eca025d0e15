import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRemindersDue1764000100000 implements MigrationInterface {
  name = 'CreateRemindersDue1764000100000';

  async up(db: QueryRunner): Promise<void> {
    // For the reminder sweep (across tenants, like the outbox sweep): invitations emailed and still
    // waiting for their candidate with a reminder due within p_within, so a reminder job lost to a
    // Redis outage is queued again before its time. Ids and schedule only.
    await db.query(`
      CREATE FUNCTION invitation_reminders_due(p_within interval, p_limit integer)
        RETURNS TABLE (tenant_id uuid, id uuid, closes_at timestamptz, reminder_hours smallint[])
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
        AS $$
          SELECT i.tenant_id, i.id, i.closes_at, i.reminder_hours FROM invitations i
           WHERE i.status IN ('sent', 'opened') AND i.sent_at IS NOT NULL AND i.closes_at > now()
             AND EXISTS (SELECT 1 FROM unnest(i.reminder_hours) AS h
                          WHERE i.closes_at - make_interval(hours => h) BETWEEN now() AND now() + p_within)
           ORDER BY i.closes_at LIMIT p_limit
        $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION invitation_reminders_due(interval, integer)');
  }
}
