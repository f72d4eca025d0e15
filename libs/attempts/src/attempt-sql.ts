/**
 * The statements of the hot paths, each one round trip inside a tenant-scoped transaction.
 * Parameters: $1 attempt id, $2 token hash, then per statement; the client's IP and user agent
 * are always the last two (see CLIENT_SEEN).
 */

/**
 * Records a change of IP address or user agent since the attempt's last request: updates the
 * attempt and writes a `client_changed` event, only when something changed. `a` is the CTE of the
 * attempt row; $ip/$ua are the parameter numbers.
 */
const clientSeen = (ip: number, ua: number) => `
  seen AS (
    UPDATE attempts SET last_ip = $${ip}, last_user_agent = $${ua}
     WHERE id = (SELECT id FROM a WHERE last_ip IS DISTINCT FROM $${ip} OR last_user_agent IS DISTINCT FROM $${ua})
    RETURNING id
  ),
  changed AS (
    INSERT INTO attempt_events (attempt_id, type, ip, user_agent, detail)
    SELECT a.id, 'client_changed', $${ip}, $${ua}, jsonb_build_object('previousIp', a.last_ip, 'previousUserAgent', a.last_user_agent)
      FROM a WHERE a.last_ip IS DISTINCT FROM $${ip} OR a.last_user_agent IS DISTINCT FROM $${ua}
    RETURNING id
  )`;

/**
 * Autosave, one or many answers: checks token, status and deadline + grace, and upserts every
 * answer whose seq is newer than the stored one, in one statement. The attempt row is read
 * FOR SHARE, so a submission (an UPDATE of that row) waits for a save in flight and a save after
 * it sees the new status: every acknowledged save is part of what gets scored.
 * $3 = jsonb array of {questionId, answer, seq}; $4 ip; $5 user agent.
 * No row: refused (see SAVE_REFUSAL). One row: deadline, server time and, per input item in
 * order, whether the question belongs to the attempt and the seq now stored.
 */
export const SAVE_ANSWERS = `
WITH a AS (
    SELECT id, question_ids, deadline, last_ip, last_user_agent FROM attempts
     WHERE id = $1 AND token_hash = $2 AND status = 'in_progress'
       AND now() <= deadline + make_interval(secs => grace_seconds)
       FOR SHARE
  ),
  input AS (
    SELECT (e->>'questionId')::uuid AS question_id, e->'answer' AS answer, (e->>'seq')::bigint AS seq, n
      FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(e, n)
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
  ),${clientSeen(4, 5)}
SELECT a.deadline, now() AS server_time,
       (SELECT json_agg(json_build_object(
                 'questionId', i.question_id,
                 'known', i.question_id = ANY (a.question_ids),
                 'storedSeq', COALESCE(s.seq, r.seq)) ORDER BY i.n)
          FROM input i
          LEFT JOIN saved s ON s.question_id = i.question_id
          LEFT JOIN responses r ON r.attempt_id = a.id AND r.question_id = i.question_id) AS items
  FROM a`;

/** Why a save, submit or read was refused (slow path only). $1 attempt id, $2 token hash. */
export const ATTEMPT_ACCESS = `
SELECT status, token_hash = $2 AS token_ok, $2 = ANY (replaced_token_hashes) AS replaced,
       now() > deadline + make_interval(secs => grace_seconds) AS time_up
  FROM attempts WHERE id = $1`;

/** Client events, batched; $3 = jsonb array of {type, at, detail}; $4 ip; $5 user agent. */
export const RECORD_EVENTS = `
WITH a AS (
    SELECT id, last_ip, last_user_agent FROM attempts WHERE id = $1 AND token_hash = $2
  ),${clientSeen(4, 5)},
  recorded AS (
    INSERT INTO attempt_events (attempt_id, type, at, ip, user_agent, detail)
    SELECT a.id, e->>'type', (e->>'at')::timestamptz, $4, $5, e->'detail'
      FROM a, jsonb_array_elements($3::jsonb) AS e
    RETURNING id
  )
SELECT (SELECT count(*) FROM recorded)::int AS recorded FROM a`;
