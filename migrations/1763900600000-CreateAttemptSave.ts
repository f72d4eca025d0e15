import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `attempt_save`: the autosave in ONE round trip instead of four (BEGIN; set_config; the save;
 * COMMIT). A SECURITY INVOKER plpgsql function, so row-level security applies to every statement in
 * it exactly as to the application's own statements: it first binds the transaction to
 * `p_tenant` (`set_config('app.tenant_id', ..., true)`), and only then runs the save, whose tables'
 * policies are evaluated when it executes. Called as a single autocommit statement
 * (`SELECT * FROM attempt_save(...)`) it is its own transaction, so the setting ends with it and
 * never reaches the pooled connection's next user. Inside an explicit transaction that is already
 * bound to another tenant it refuses to run (it would rebind the rest of that transaction).
 *
 * The save statement is the former SAVE_ANSWERS of libs/attempts/src/attempt-sql.ts (see there for
 * what it checks): the attempt row read FOR SHARE with token, status and deadline + grace; every
 * answer upserted only when its seq is newer; an IP/user-agent change recorded; the clock returned.
 * No row: refused (the caller asks why in a tenant transaction).
 */
export class CreateAttemptSave1763900600000 implements MigrationInterface {
  name = 'CreateAttemptSave1763900600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION attempt_save(p_tenant uuid, p_attempt uuid, p_token_hash text, p_answers jsonb, p_ip text, p_ua text)
        RETURNS TABLE (deadline timestamptz, server_time timestamptz, items json)
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER
        AS $fn$
      #variable_conflict use_column
      DECLARE
        bound text := current_setting('app.tenant_id', true);
      BEGIN
        IF p_tenant IS NULL THEN
          RAISE EXCEPTION 'attempt_save: a tenant is required';
        END IF;
        IF bound IS NOT NULL AND bound <> '' AND bound <> p_tenant::text THEN
          RAISE EXCEPTION 'attempt_save: the transaction is bound to another tenant';
        END IF;
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        RETURN QUERY
        WITH a AS (
            SELECT id, question_ids, deadline, last_ip, last_user_agent FROM attempts
             WHERE id = p_attempt AND token_hash = p_token_hash AND status = 'in_progress'
               AND now() <= deadline + make_interval(secs => grace_seconds)
               FOR SHARE
          ),
          input AS (
            SELECT (e->>'questionId')::uuid AS question_id, e->'answer' AS answer, (e->>'seq')::bigint AS seq, n
              FROM jsonb_array_elements(p_answers) WITH ORDINALITY AS t(e, n)
          ),
          wanted AS (
            SELECT DISTINCT ON (i.question_id) i.question_id, i.answer, i.seq
              FROM input i, a WHERE i.question_id = ANY (a.question_ids)
             ORDER BY i.question_id, i.seq DESC
          ),
          saved AS (
            INSERT INTO responses (attempt_id, question_id, answer, seq)
            SELECT a.id, w.question_id, w.answer, w.seq FROM a, wanted w
            ON CONFLICT (attempt_id, question_id) DO UPDATE
               SET answer = EXCLUDED.answer, seq = EXCLUDED.seq, saved_at = now()
             WHERE responses.seq < EXCLUDED.seq
            RETURNING question_id, seq
          ),
          seen AS (
            UPDATE attempts SET last_ip = p_ip, last_user_agent = p_ua
             WHERE id = (SELECT id FROM a WHERE last_ip IS DISTINCT FROM p_ip OR last_user_agent IS DISTINCT FROM p_ua)
            RETURNING id
          ),
          changed AS (
            INSERT INTO attempt_events (attempt_id, type, ip, user_agent, detail)
            SELECT a.id, 'client_changed', p_ip, p_ua, jsonb_build_object('previousIp', a.last_ip, 'previousUserAgent', a.last_user_agent)
              FROM a WHERE a.last_ip IS DISTINCT FROM p_ip OR a.last_user_agent IS DISTINCT FROM p_ua
            RETURNING id
          )
        SELECT a.deadline, now(),
               (SELECT json_agg(json_build_object(
                         'questionId', i.question_id,
                         'known', i.question_id = ANY (a.question_ids),
                         'storedSeq', COALESCE(s.seq, r.seq)) ORDER BY i.n)
                  FROM input i
                  LEFT JOIN saved s ON s.question_id = i.question_id
                  LEFT JOIN responses r ON r.attempt_id = a.id AND r.question_id = i.question_id)
          FROM a;
      END
      $fn$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION attempt_save(uuid, uuid, text, jsonb, text, text)');
  }
}
