import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `attempt_start`: a candidate's start in ONE round trip instead of about ten (BEGIN; set_config;
 * the invitation locked; now(); the existing attempt; the latest version; the insert; the
 * invitation marked started; its webhook event; COMMIT), as `attempt_save` does for the autosave
 * (issue 16: the API answered ~100 starts/s of the 200 a campus wave offers, most of its CPU in
 * those round trips). A SECURITY INVOKER plpgsql function: it binds its transaction to `p_tenant`
 * first, so row-level security applies to every statement after it; called as a single autocommit
 * statement it is its own transaction and the setting ends with it; inside a transaction bound to
 * another tenant it refuses to run.
 *
 * What it does is what AttemptsService.start did statement by statement, in the same order:
 * - the invitation row is locked FOR UPDATE (two devices starting at once serialise; a revoke,
 *   resend or extend waits for the start), unknown or revoked: `link_not_found`;
 * - an attempt already exists: a take-over (`taken_over`), refused when submitted (`submitted`)
 *   or past deadline + grace (`time_up`); the attempt's submission lock is taken exclusive
 *   before its row is written (saves in flight with the old token finish first);
 * - otherwise the window (`not_open_yet`, `window_closed`) and the status (`submitted`) are
 *   checked, then the paper's latest version: when it is not `p_version`, the version the caller
 *   drew `p_question_ids` from, nothing is written and the outcome `version` names it (the caller
 *   draws from that version and calls again); no published version: `not_published`;
 * - the attempt and its `started` event are inserted, the deadline is
 *   startedAt + p_duration_minutes × (100 + extra time %) / 100, to the second, capped at the
 *   window's close (the formula of computeDeadline in @assay/scoring, checked against it by
 *   apps/api/test/attempts-start.spec.ts), the invitation becomes `started`, and its
 *   `invitation.started` webhook event is written with a delivery per subscribed endpoint (the
 *   statement of WebhooksService.emit, the payload of InvitationsService.emitEvent); the endpoint
 *   ids come back so the caller queues their deliveries after the commit.
 * The outcome's other columns: the attempt (new or taken over), the server time, the invitation's
 * window close and reminder hours (its reminders are cancelled after the commit).
 *
 * `invitation_by_token_hash` also answers the invitation's paper, so the caller knows which
 * paper's version to draw from before this one call.
 */
export class CreateAttemptStart1764500000000 implements MigrationInterface {
  name = 'CreateAttemptStart1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION invitation_by_token_hash(text)');
    await db.query(`
      CREATE FUNCTION invitation_by_token_hash(p_hash text)
        RETURNS TABLE (tenant_id uuid, invitation_id uuid, paper_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
        AS $$ SELECT tenant_id, id, paper_id FROM invitations WHERE token_hash = p_hash $$`);
    await db.query(`
      CREATE FUNCTION attempt_start(p_tenant uuid, p_invitation uuid, p_version uuid, p_attempt uuid, p_question_ids uuid[],
                                    p_duration_minutes numeric, p_grace integer, p_token_hash text, p_ip text, p_ua text)
        RETURNS TABLE (outcome text, attempt_id uuid, status text, started_at timestamptz, deadline timestamptz, grace_seconds integer,
                       server_time timestamptz, version_id uuid, closes_at timestamptz, reminder_hours smallint[], endpoint_ids uuid[])
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER
        AS $fn$
      #variable_conflict use_column
      DECLARE
        bound text := current_setting('app.tenant_id', true);
        t timestamptz := now();
        inv record;
        att record;
        latest uuid;
        v_deadline timestamptz;
        v_endpoints uuid[];
      BEGIN
        IF p_tenant IS NULL THEN
          RAISE EXCEPTION 'attempt_start: a tenant is required';
        END IF;
        IF bound IS NOT NULL AND bound <> '' AND bound <> p_tenant::text THEN
          RAISE EXCEPTION 'attempt_start: the transaction is bound to another tenant';
        END IF;
        PERFORM set_config('app.tenant_id', p_tenant::text, true);

        SELECT i.id, i.status, i.paper_id, i.opens_at, i.closes_at, i.extra_time_percent, i.reminder_hours
          INTO inv FROM invitations i WHERE i.id = p_invitation FOR UPDATE;
        IF NOT FOUND OR inv.status = 'revoked' THEN
          RETURN QUERY SELECT 'link_not_found', NULL::uuid, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::integer, t, NULL::uuid, NULL::timestamptz, NULL::smallint[], NULL::uuid[];
          RETURN;
        END IF;

        SELECT a.id, a.status, a.started_at, a.deadline, a.grace_seconds, a.last_ip, a.last_user_agent
          INTO att FROM attempts a WHERE a.invitation_id = p_invitation;
        IF FOUND THEN
          IF att.status <> 'in_progress' THEN
            RETURN QUERY SELECT 'submitted', att.id, att.status, att.started_at, att.deadline, att.grace_seconds, t, NULL::uuid, inv.closes_at, inv.reminder_hours, NULL::uuid[];
            RETURN;
          END IF;
          IF t > att.deadline + make_interval(secs => att.grace_seconds) THEN
            RETURN QUERY SELECT 'time_up', att.id, att.status, att.started_at, att.deadline, att.grace_seconds, t, NULL::uuid, inv.closes_at, inv.reminder_hours, NULL::uuid[];
            RETURN;
          END IF;
          -- Saves with the old token still in flight finish first; later ones see the new token.
          PERFORM pg_advisory_xact_lock(attempt_lock_key(att.id));
          WITH updated AS (
              UPDATE attempts a SET token_hash = p_token_hash, replaced_token_hashes = array_append(a.replaced_token_hashes, a.token_hash),
                     last_ip = p_ip, last_user_agent = p_ua, updated_at = now()
               WHERE a.id = att.id
              RETURNING a.id, a.replaced_token_hashes)
          INSERT INTO attempt_events (attempt_id, type, ip, user_agent, detail)
          SELECT u.id, 'taken_over', p_ip, p_ua,
                 jsonb_build_object('previousIp', att.last_ip::text, 'previousUserAgent', att.last_user_agent::text, 'takeovers', cardinality(u.replaced_token_hashes))
            FROM updated u;
          RETURN QUERY SELECT 'taken_over', att.id, att.status, att.started_at, att.deadline, att.grace_seconds, t, NULL::uuid, inv.closes_at, inv.reminder_hours, NULL::uuid[];
          RETURN;
        END IF;

        IF inv.opens_at > t OR inv.closes_at <= t OR inv.status NOT IN ('created', 'sent', 'opened') THEN
          RETURN QUERY SELECT CASE WHEN inv.opens_at > t THEN 'not_open_yet' WHEN inv.closes_at <= t THEN 'window_closed' ELSE 'submitted' END,
                              NULL::uuid, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::integer, t, NULL::uuid, inv.closes_at, inv.reminder_hours, NULL::uuid[];
          RETURN;
        END IF;

        SELECT v.id INTO latest FROM papers p JOIN paper_versions v ON v.paper_id = p.id AND v.version = p.latest_version WHERE p.id = inv.paper_id;
        IF latest IS NULL OR latest IS DISTINCT FROM p_version THEN
          RETURN QUERY SELECT CASE WHEN latest IS NULL THEN 'not_published' ELSE 'version' END,
                              NULL::uuid, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::integer, t, latest, inv.closes_at, inv.reminder_hours, NULL::uuid[];
          RETURN;
        END IF;

        v_deadline := GREATEST(t, LEAST(t + make_interval(secs => round(p_duration_minutes * 60 * (100 + inv.extra_time_percent) / 100)), inv.closes_at));
        WITH inserted AS (
            INSERT INTO attempts (id, invitation_id, paper_id, paper_version_id, question_ids, started_at, deadline, grace_seconds, token_hash, last_ip, last_user_agent)
            VALUES (p_attempt, p_invitation, inv.paper_id, p_version, p_question_ids, t, v_deadline, p_grace, p_token_hash, p_ip, p_ua)
            RETURNING id)
        INSERT INTO attempt_events (attempt_id, type, ip, user_agent) SELECT id, 'started', p_ip, p_ua FROM inserted;

        UPDATE invitations SET status = 'started', started_at = t, updated_at = now() WHERE id = p_invitation;

        WITH subscribed AS (SELECT e.id FROM webhook_endpoints e WHERE e.enabled AND 'invitation.started' = ANY (e.events)),
             event AS (
               INSERT INTO webhook_events (type, payload)
               SELECT 'invitation.started', jsonb_build_object(
                        'invitationId', i.id, 'invitationExternalId', i.external_id, 'candidateId', i.candidate_id,
                        'candidateExternalId', c.external_id, 'paperId', i.paper_id, 'jobRoleId', i.job_role_id, 'attemptId', p_attempt)
                 FROM invitations i JOIN candidates c ON c.id = i.candidate_id
                WHERE i.id = p_invitation AND EXISTS (SELECT 1 FROM subscribed)
               RETURNING id, sequence),
             delivered AS (
               INSERT INTO webhook_deliveries (endpoint_id, event_id, sequence)
               SELECT s.id, ev.id, ev.sequence FROM subscribed s CROSS JOIN event ev
               RETURNING endpoint_id)
        SELECT array_agg(d.endpoint_id) INTO v_endpoints FROM delivered d;

        RETURN QUERY SELECT 'started', p_attempt, 'in_progress'::text, t, v_deadline, p_grace, t, p_version, inv.closes_at, inv.reminder_hours, v_endpoints;
      END
      $fn$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION attempt_start(uuid, uuid, uuid, uuid, uuid[], numeric, integer, text, text, text)');
    await db.query('DROP FUNCTION invitation_by_token_hash(text)');
    await db.query(`
      CREATE FUNCTION invitation_by_token_hash(p_hash text)
        RETURNS TABLE (tenant_id uuid, invitation_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
        AS $$ SELECT tenant_id, id FROM invitations WHERE token_hash = p_hash $$`);
  }
}
