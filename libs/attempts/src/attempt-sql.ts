/**
 * The statements of the hot paths, each one round trip. The save binds its own tenant (see
 * SAVE_ANSWERS); the others run inside a tenant-scoped transaction with $1 attempt id, $2 token
 * hash, then per statement; the client's IP and user agent are always the last two (see clientSeen).
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
 * Autosave, one or many answers, in ONE round trip: the SECURITY INVOKER function `attempt_save`
 * (migrations/1763900600000-CreateAttemptSave.ts, replaced by 1764300300000-SaveWithoutAttemptRowLock.ts)
 * binds the transaction to the tenant (`set_config('app.tenant_id', $1, true)`) and then, in one
 * statement, checks token, status and deadline + grace, and upserts every answer whose seq is newer
 * than the stored one. Run it as a single autocommit statement, outside any transaction: it is then
 * its own transaction (the tenant setting ends with it) and row-level security binds every table it
 * touches to $1.
 * Before reading the attempt it takes the attempt's submission lock SHARED (LOCK_AGAINST_SAVES is
 * the exclusive side), so a submission waits for the saves in flight and a save after it sees the
 * new status: every acknowledged save is part of what gets scored.
 * $1 tenant id, $2 attempt id, $3 token hash, $4 = jsonb array of {questionId, answer, seq},
 * $5 ip, $6 user agent. No row: refused (see ATTEMPT_ACCESS, asked in a tenant transaction). One
 * row: deadline, server time and, per input item in order, whether the question belongs to the
 * attempt (`known`) and the seq now stored (`storedSeq`).
 */
export const SAVE_ANSWERS = {
  /**
   * A prepared statement (pg's query config `name`): parsed, analysed and planned once per pooled
   * connection, then only bound and executed, on the hottest path (docs/performance.md, issue 16).
   * A migration that changes the type of a column selected here needs the API restarted (a
   * connection's statement would fail: "cached plan must not change result type").
   */
  name: 'attempt_save',
  text: `SELECT deadline, server_time, items FROM attempt_save($1, $2, $3, $4, $5, $6)`,
} as const;

/**
 * Several autosaves of one tenant, of distinct attempts, in ONE statement: the function
 * `attempt_save_batch` (migrations/1764700000000-CreateAttemptSaveBatch.ts), the same checks and
 * locks as attempt_save per save. What AttemptsService sends when saves queued behind the ones in
 * flight (save-batches.ts). $1 tenant id, $2 jsonb array of {attemptId, tokenHash, ip, ua,
 * answers}. One row per element in order: `deadline` null when refused, else `items` as above.
 * A prepared statement, with SAVE_ANSWERS's caveat.
 */
export const SAVE_ANSWERS_BATCH = {
  name: 'attempt_save_batch',
  text: `SELECT save_no, deadline, server_time, items FROM attempt_save_batch($1, $2) ORDER BY save_no`,
} as const;

/**
 * The submission lock of attempt $1, EXCLUSIVE, to the end of the transaction: waits for the saves
 * in flight (each holds it shared) and holds off new ones until the commit, after which they read
 * the attempt as changed. Taken by whatever ends what a save may do (submission, take-over), before
 * that transaction reads or locks the attempt row: a save holding the shared lock may itself update
 * the row (clientSeen), so the other order could deadlock.
 */
export const LOCK_AGAINST_SAVES = `SELECT pg_advisory_xact_lock(attempt_lock_key($1))`;

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

/**
 * A candidate's start (or take-over) in ONE round trip: the SECURITY INVOKER function
 * `attempt_start` (migrations/1764500000000-CreateAttemptStart.ts, see there for every check and
 * write) binds its transaction to $1 and, with the invitation row locked, takes over the running
 * attempt or inserts the new one drawn from version $3, marks the invitation started and writes
 * its webhook event. Run it as a single autocommit statement, like SAVE_ANSWERS.
 * $1 tenant, $2 invitation, $3 version the questions were drawn from (null: not known yet),
 * $4 new attempt id, $5 its question ids, $6 the version's duration in minutes, $7 its grace
 * seconds, $8 attempt token hash, $9 ip, $10 user agent. One row: `outcome` (`started`,
 * `taken_over`, `version`: draw from `version_id` and call again, or a refusal) and the attempt.
 */
export const START_ATTEMPT = {
  /** A prepared statement, like SAVE_ANSWERS (the same caveat on changing the types of its columns). */
  name: 'attempt_start',
  text: `SELECT outcome, attempt_id, status, started_at, deadline, grace_seconds, server_time, version_id, closes_at, reminder_hours, endpoint_ids
  FROM attempt_start($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
} as const;
