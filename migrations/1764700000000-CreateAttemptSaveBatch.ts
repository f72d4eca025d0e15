import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `attempt_save_batch`: the autosaves of several attempts of one tenant in ONE statement (issue 16:
 * the save at the cost of a plain upsert). The API coalesces the saves that arrive while its
 * earlier save statements run (libs/attempts/src/save-batches.ts); one statement then pays once
 * what every save paid alone: the round trip, the transaction, the commit's WAL flush, the
 * function call and the tenant binding. Measured on the statement alone (20 connections, 2 cores):
 * PostgreSQL CPU per save 146 µs for attempt_save, 85 µs in statements of 4, 52 µs of 8, 39 µs of
 * 16; a plain upsert costs 113–120 µs (docs/performance.md, "Issue 16, group commit").
 *
 * The same guarantees per save as `attempt_save` (migrations/1764300300000-SaveWithoutAttemptRowLock.ts),
 * whose rules it repeats set by set:
 * - SECURITY INVOKER; binds the transaction to `p_tenant` first (`app_bind_tenant`, created here),
 *   refuses a transaction bound to another tenant, so row-level security applies to every
 *   statement in it;
 * - takes every attempt's submission lock SHARED before it reads the attempts, so a submission
 *   waits for the batch in flight and a batch after a submission sees it submitted;
 * - per save: token, status and deadline + grace checked; a client change (IP or user agent)
 *   recorded; each answer of a question of the attempt written only when its seq is newer.
 * `p_saves` is a jsonb array of {attemptId, tokenHash, ip, ua, answers: [{questionId, answer, seq}]},
 * at most one element per attempt (the caller's rule: the second save of an attempt goes in a
 * later statement, so each attempt's client change is compared with its previous request). One
 * row per element, `save_no` its 1-based position: `deadline` null when refused (the caller asks
 * ATTEMPT_ACCESS why), else `items` as attempt_save gives them. Run it as a single autocommit
 * statement, as attempt_save.
 */
export class CreateAttemptSaveBatch1764700000000 implements MigrationInterface {
  name = 'CreateAttemptSaveBatch1764700000000';

  async up(db: QueryRunner): Promise<void> {
    // The tenant binding of the one-statement functions, for this one and those to come (attempt_save,
    // attempt_start and grading_claim keep theirs inline: replacing a hot function for it is not worth a migration).
    await db.query(`
      CREATE FUNCTION app_bind_tenant(p_tenant uuid, p_caller text) RETURNS void
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER
        AS $fn$
      DECLARE
        bound text := current_setting('app.tenant_id', true);
      BEGIN
        IF p_tenant IS NULL THEN
          RAISE EXCEPTION '%: a tenant is required', p_caller;
        END IF;
        IF bound IS NOT NULL AND bound <> '' AND bound <> p_tenant::text THEN
          RAISE EXCEPTION '%: the transaction is bound to another tenant', p_caller;
        END IF;
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
      END
      $fn$`);
    // Generic plans, planned once per connection: with a custom plan for the accepted attempts'
    // ids the planner estimated the generic one dearer and planned the main statement again on
    // every call (PostgreSQL CPU per save in statements of 8: 240 µs, 52 µs with this setting).
    await db.query(`
      CREATE FUNCTION attempt_save_batch(p_tenant uuid, p_saves jsonb)
        RETURNS TABLE (save_no int, deadline timestamptz, server_time timestamptz, items json)
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET plan_cache_mode = force_generic_plan
        AS $fn$
      #variable_conflict use_column
      DECLARE
        accepted uuid[];
      BEGIN
        PERFORM app_bind_tenant(p_tenant, 'attempt_save_batch');
        -- Before the attempts are read, as in attempt_save: the next statement takes its snapshot
        -- once every lock is held. In the order of the keys: a shared request queues behind a
        -- waiting exclusive one (a submission's), so two statements taking the same locks in two
        -- orders could wait for each other through two submissions.
        PERFORM pg_advisory_xact_lock_shared(k.key)
           FROM (SELECT DISTINCT attempt_lock_key((s->>'attemptId')::uuid) AS key FROM jsonb_array_elements(p_saves) s ORDER BY 1) k;
        -- The saves whose token, status and deadline + grace hold, and their client changes (IP or
        -- user agent) recorded, before any answer: attempt rows, then response rows, the order in
        -- which attempt_save locks them. None of it can change before the commit: a submission or
        -- a take-over first needs a lock held here.
        WITH input AS MATERIALIZED (
            SELECT (s->>'attemptId')::uuid AS attempt_id, s->>'tokenHash' AS token_hash, s->>'ip' AS ip, s->>'ua' AS ua
              FROM jsonb_array_elements(p_saves) s
          ),
          checked AS (
            SELECT t.id, i.ip, i.ua, t.last_ip, t.last_user_agent
              FROM input i
              -- One index lookup per save (LATERAL ... LIMIT 1 by a column of a MATERIALIZED CTE).
              -- A join lets the planner, which cannot see into the jsonb, hash every running
              -- attempt of the tenant; a lookup by an expression of the jsonb (->>, a cast: not
              -- leakproof, so not before the row-level security qual) scanned them all by tenant.
              CROSS JOIN LATERAL (SELECT * FROM attempts t WHERE t.id = i.attempt_id LIMIT 1) t
             WHERE t.token_hash = i.token_hash AND t.status = 'in_progress'
               AND now() <= t.deadline + make_interval(secs => t.grace_seconds)
          ),
          changed AS (
            SELECT * FROM checked c WHERE c.last_ip IS DISTINCT FROM c.ip OR c.last_user_agent IS DISTINCT FROM c.ua
          ),
          seen AS (
            UPDATE attempts t SET last_ip = c.ip, last_user_agent = c.ua FROM changed c WHERE t.id = c.id
          ),
          events AS (
            INSERT INTO attempt_events (attempt_id, type, ip, user_agent, detail)
            SELECT c.id, 'client_changed', c.ip, c.ua, jsonb_build_object('previousIp', c.last_ip, 'previousUserAgent', c.last_user_agent) FROM changed c
          )
        SELECT coalesce(array_agg(c.id), '{}') INTO accepted FROM checked c;

        RETURN QUERY
        WITH input AS (
            SELECT n::int AS save_no, (s->>'attemptId')::uuid AS attempt_id, s->'answers' AS answers
              FROM jsonb_array_elements(p_saves) WITH ORDINALITY AS t(s, n)
          ),
          live AS (
            SELECT i.save_no, i.attempt_id, i.answers, t.question_ids, t.deadline
              FROM input i CROSS JOIN LATERAL (SELECT * FROM attempts t WHERE t.id = i.attempt_id LIMIT 1) t
             WHERE i.attempt_id = ANY (accepted)
          ),
          answers AS (
            SELECT l.save_no, l.attempt_id, (e->>'questionId')::uuid AS question_id, e->'answer' AS answer, (e->>'seq')::bigint AS seq, n AS answer_no,
                   (e->>'questionId')::uuid = ANY (l.question_ids) AS known
              FROM live l, jsonb_array_elements(l.answers) WITH ORDINALITY AS a(e, n)
          ),
          -- Per attempt and question the highest seq; sorted, so every batch locks response rows in one order.
          wanted AS (
            SELECT DISTINCT ON (w.attempt_id, w.question_id) w.attempt_id, w.question_id, w.answer, w.seq
              FROM answers w WHERE w.known
             ORDER BY w.attempt_id, w.question_id, w.seq DESC
          ),
          -- A stored seq as new or newer is kept, but its row is still updated (to itself), so that
          -- RETURNING gives the seq stored as of the row's lock. attempt_save reads it back in a
          -- later statement instead; here a read would use this statement's snapshot, taken before
          -- a concurrent save of the same answer committed, and miss it. Rare: a retry, a late save.
          saved AS (
            INSERT INTO responses AS r (attempt_id, question_id, answer, seq)
            SELECT w.attempt_id, w.question_id, w.answer, w.seq FROM wanted w
            ON CONFLICT (tenant_id, attempt_id, question_id) DO UPDATE
               SET answer = CASE WHEN r.seq < EXCLUDED.seq THEN EXCLUDED.answer ELSE r.answer END,
                   saved_at = CASE WHEN r.seq < EXCLUDED.seq THEN now() ELSE r.saved_at END,
                   seq = greatest(r.seq, EXCLUDED.seq)
            RETURNING r.attempt_id, r.question_id, r.seq
          )
        -- Per save (save_no, its position; SAVE_ANSWERS_BATCH orders by it): no deadline when
        -- refused; else per answer, as attempt_save answers.
        SELECT i.save_no, l.deadline, now(),
               (SELECT json_agg(json_build_object('questionId', a.question_id, 'known', a.known,
                         'storedSeq', s.seq) ORDER BY a.answer_no)
                  FROM answers a LEFT JOIN saved s ON s.attempt_id = a.attempt_id AND s.question_id = a.question_id
                 WHERE a.save_no = i.save_no)
          FROM input i LEFT JOIN live l ON l.save_no = i.save_no;
      END
      $fn$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION attempt_save_batch(uuid, jsonb)');
    await db.query('DROP FUNCTION app_bind_tenant(uuid, text)');
  }
}
