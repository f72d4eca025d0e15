import { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateAttemptSave1763900600000 } from './1763900600000-CreateAttemptSave';
import { retargetAttemptSave, SAVE_CONFLICT } from './1764200800000-KeyTenantTablesByTenant';

/**
 * `attempt_save` without the row lock on the attempt (issue 16: the save at the cost of a plain
 * upsert). The save read the attempt row FOR SHARE so that a submission, an UPDATE of that row,
 * waited for the saves in flight and every save after it saw the new status. Locking a row writes
 * it: the lock is stamped on the tuple (a dirtied page and a WAL record per save, a MultiXact when
 * two saves of one attempt meet).
 *
 * The same ordering now comes from a transaction-level advisory lock on the attempt, which lives
 * only in the lock manager's memory: `attempt_lock_key(attempt id)`, taken SHARED by every save
 * before it reads the attempt, EXCLUSIVE by whatever ends what a save may do (submission by the
 * candidate, the deadline job or the sweep; a take-over, which changes the token) before it reads
 * or locks the attempt (AttemptsService). So:
 * - a save in flight holds the shared lock until its commit: the submission waits for it, and the
 *   save is visible to the submission and to the scoring that follows;
 * - a save arriving during a submission waits for the submission's commit, then reads the attempt
 *   with a new snapshot (a VOLATILE plpgsql function takes one per statement at READ COMMITTED),
 *   sees it submitted and is refused (no row: 409 attempt.submitted).
 * Two saves share the lock and never wait for each other. A hash collision between two attempts
 * only makes a submission wait for the other attempt's saves in flight.
 *
 * And less work per call, for the same answers (measured in docs/performance.md, "Autosave"):
 * - the attempt is read once into a variable, not as a CTE scanned by five parts of one statement;
 * - a client change (IP or user agent) is written only when there is one (before, its UPDATE and
 *   INSERT ran, matching nothing, in every save);
 * - one answer, the autosave of a question, is one plain upsert whose RETURNING gives the stored
 *   seq; only a superseded or retried save reads it back. A batch keeps the one-statement upsert of
 *   every answer (the highest seq per question) and reads back only what it did not write;
 * - the tenant binding and the returned row are plpgsql assignments (its expression fast path), not
 *   queries.
 */
export class SaveWithoutAttemptRowLock1764300300000 implements MigrationInterface {
  name = 'SaveWithoutAttemptRowLock1764300300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION attempt_lock_key(p_attempt uuid) RETURNS bigint
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT hashtextextended(p_attempt::text, 16) $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION attempt_save(p_tenant uuid, p_attempt uuid, p_token_hash text, p_answers jsonb, p_ip text, p_ua text)
        RETURNS TABLE (deadline timestamptz, server_time timestamptz, items json)
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER
        AS $fn$
      #variable_conflict use_column
      DECLARE
        bound text := current_setting('app.tenant_id', true);
        a record;
        question uuid;
        stored bigint;
      BEGIN
        IF p_tenant IS NULL THEN
          RAISE EXCEPTION 'attempt_save: a tenant is required';
        END IF;
        IF bound IS NOT NULL AND bound <> '' AND bound <> p_tenant::text THEN
          RAISE EXCEPTION 'attempt_save: the transaction is bound to another tenant';
        END IF;
        bound := set_config('app.tenant_id', p_tenant::text, true);
        -- Before the attempt is read: the next statement takes its snapshot once this lock is held.
        PERFORM pg_advisory_xact_lock_shared(attempt_lock_key(p_attempt));
        SELECT t.question_ids, t.deadline, t.last_ip, t.last_user_agent INTO a FROM attempts t
         WHERE t.id = p_attempt AND t.token_hash = p_token_hash AND t.status = 'in_progress'
           AND now() <= t.deadline + make_interval(secs => t.grace_seconds);
        IF NOT FOUND THEN
          RETURN;
        END IF;

        IF a.last_ip IS DISTINCT FROM p_ip OR a.last_user_agent IS DISTINCT FROM p_ua THEN
          UPDATE attempts SET last_ip = p_ip, last_user_agent = p_ua WHERE id = p_attempt;
          INSERT INTO attempt_events (attempt_id, type, ip, user_agent, detail)
          VALUES (p_attempt, 'client_changed', p_ip, p_ua, jsonb_build_object('previousIp', a.last_ip, 'previousUserAgent', a.last_user_agent));
        END IF;

        IF jsonb_array_length(p_answers) = 1 THEN
          -- One answer (the autosave of a question): the upsert answers the stored seq when it
          -- wrote; only a superseded or retried save reads it back.
          question := (p_answers->0->>'questionId')::uuid;
          IF question = ANY (a.question_ids) THEN
            INSERT INTO responses AS r (attempt_id, question_id, answer, seq)
            VALUES (p_attempt, question, p_answers->0->'answer', (p_answers->0->>'seq')::bigint)
            ON CONFLICT (tenant_id, attempt_id, question_id) DO UPDATE
               SET answer = EXCLUDED.answer, seq = EXCLUDED.seq, saved_at = now()
             WHERE r.seq < EXCLUDED.seq
            RETURNING r.seq INTO stored;
            IF stored IS NULL THEN
              SELECT r.seq INTO stored FROM responses r WHERE r.attempt_id = p_attempt AND r.question_id = question;
            END IF;
          END IF;
          items := json_build_array(json_build_object('questionId', question, 'known', question = ANY (a.question_ids), 'storedSeq', stored));
        ELSE
          -- A batch: per question the highest seq of the batch, written when newer than the stored one.
          WITH input AS (
              SELECT (e->>'questionId')::uuid AS question_id, e->'answer' AS answer, (e->>'seq')::bigint AS seq, n
                FROM jsonb_array_elements(p_answers) WITH ORDINALITY AS t(e, n)
            ),
            wanted AS (
              SELECT DISTINCT ON (i.question_id) i.question_id, i.answer, i.seq
                FROM input i WHERE i.question_id = ANY (a.question_ids)
               ORDER BY i.question_id, i.seq DESC
            ),
            saved AS (
              INSERT INTO responses AS r (attempt_id, question_id, answer, seq)
              SELECT p_attempt, w.question_id, w.answer, w.seq FROM wanted w
              ON CONFLICT (tenant_id, attempt_id, question_id) DO UPDATE
                 SET answer = EXCLUDED.answer, seq = EXCLUDED.seq, saved_at = now()
               WHERE r.seq < EXCLUDED.seq
              RETURNING r.question_id, r.seq
            )
          SELECT json_agg(json_build_object(
                   'questionId', i.question_id,
                   'known', i.question_id = ANY (a.question_ids),
                   'storedSeq', COALESCE(s.seq, (SELECT r.seq FROM responses r WHERE r.attempt_id = p_attempt AND r.question_id = i.question_id))) ORDER BY i.n)
            INTO items
            FROM input i LEFT JOIN saved s ON s.question_id = i.question_id;
        END IF;
        deadline := a.deadline;
        server_time := now();
        RETURN NEXT;
      END
      $fn$`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The version before this one: the original body, with the conflict target of the tenant keys.
    await db.query('DROP FUNCTION attempt_save(uuid, uuid, text, jsonb, text, text)');
    await new CreateAttemptSave1763900600000().up(db);
    await retargetAttemptSave(db, SAVE_CONFLICT.old, SAVE_CONFLICT.new);
    await db.query('DROP FUNCTION attempt_lock_key(uuid)');
  }
}
