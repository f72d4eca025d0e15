import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `grading_claim`: claim-next in ONE round trip instead of four (BEGIN; set_config; the claim;
 * COMMIT), the way `attempt_save` does the autosave (issue 10: claim-next's p99). A pooled
 * connection is then held for one round trip per claim instead of four, which is what graders
 * queue for under load. A SECURITY INVOKER plpgsql function, so row-level security applies to every
 * statement in it exactly as to the application's own: it first binds the transaction to `p_tenant`
 * (`set_config('app.tenant_id', ..., true)`), and only then claims. Called as a single autocommit
 * statement it is its own transaction, so the setting ends with it and never reaches the pooled
 * connection's next user. Inside a transaction already bound to another tenant it refuses to run.
 *
 * The claim is the former CLAIM statement of libs/grading/src/grading-queue.service.ts, unchanged:
 * the personal task (reference script or self-check re-send for this grader), else the shared one
 * (assigned, not excluded, not flagged, not arbitration; an uncorrelated NOT EXISTS on the personal
 * CTE, so the shared scan is skipped when a personal task is found), locked FOR UPDATE SKIP LOCKED,
 * leased, and returned as the grader sees it with the paper's half-points setting. Tasks this grader
 * skipped come back only when nothing else is left for them: a second pass, in the same call.
 *
 * Planning: the claim's plan costs more than running it (EXPLAIN on 100,000 open tasks: planning
 * 1.2 ms, execution 0.5 ms), and the application's unnamed statements were planned on every call.
 * The common claim, one paper and no other filter, is a static statement of the function whose plan
 * is kept for the connection (`plan_cache_mode = force_generic_plan`): the paper is a plain
 * equality, an index condition on `grading_tasks_open` in any plan. A claim with another filter
 * (no paper, one question, the third marking) is EXECUTEd, planned with its values each time: a
 * kept generic plan cannot tell a null filter from a given one (`$2 IS NULL OR paper_id = $2`), so
 * it would scan the open-task index from the tenant's first paper and filter.
 *
 * $1 tenant, $2 grader, $3 paper, $4 question, $5 round (each filter null: any), $6 the lease in
 * seconds, $7 the default half-points setting. No row: nothing is left for this grader.
 */
/**
 * The claim statement, its values given as SQL expressions (the function's variables, or EXECUTE's
 * $n): `filters` restricts both the personal and the shared task; `skippedToo` lets this grader's
 * skipped tasks come back.
 */
function claimStatement(v: { grader: string; filters: string; skippedToo: string; lease: string; halfPoints: string }): string {
  return `
            WITH personal AS (
              SELECT t.id FROM grading_tasks t
               WHERE t.status = 'open' AND t.for_grader = ${v.grader} AND ${v.filters}
               ORDER BY t.created_at LIMIT 1 FOR UPDATE SKIP LOCKED),
            shared AS (
              SELECT t.id FROM grading_tasks t
               WHERE NOT EXISTS (SELECT 1 FROM personal)
                 AND t.status = 'open' AND t.for_grader IS NULL AND t.round <> 'arbitration' AND NOT t.flagged AND ${v.filters}
                 AND NOT (${v.grader} = ANY (t.excluded_graders))
                 AND (${v.skippedToo} OR NOT (${v.grader} = ANY (t.skipped_by)))
                 AND EXISTS (SELECT 1 FROM grader_assignments g
                              WHERE g.user_id = ${v.grader} AND g.paper_id = t.paper_id AND (g.question_id IS NULL OR g.question_id = t.question_id))
               ORDER BY t.paper_id, t.position, t.created_at
               LIMIT 1
               FOR UPDATE SKIP LOCKED),
            leased AS (
              UPDATE grading_tasks t SET status = 'leased', lease_owner = ${v.grader}, lease_expires_at = now() + make_interval(secs => ${v.lease})
               WHERE t.id IN (SELECT id FROM personal UNION ALL SELECT id FROM shared)
              RETURNING t.id, t.paper_id, t.answer_id, t.lease_expires_at)
            SELECT t.id, t.lease_expires_at, s.anonymous_code, a.question_id, q.stem, q.reference_answer, q.explanation,
                   q.rubric, q.points, a.answer_text, a.suggested_points, a.suggestion, COALESCE(gs.half_points, ${v.halfPoints})
              FROM leased t
              JOIN grading_answers a ON a.id = t.answer_id
              JOIN grading_scripts s ON s.attempt_id = a.attempt_id
              JOIN grading_questions q ON q.paper_version_id = a.paper_version_id AND q.question_id = a.question_id
              LEFT JOIN grading_settings gs ON gs.paper_id = t.paper_id`;
}

/** One paper, no other filter: a static statement, its plan kept. */
const PAPER_CLAIM = claimStatement({
  grader: 'p_grader',
  filters: 't.paper_id = p_paper',
  skippedToo: 'skipped_too',
  lease: 'p_lease_seconds',
  halfPoints: 'p_half_points',
});

/** Any other filter: EXECUTEd with these values ($1 grader, $2 paper, $3 question, $4 round, ...). */
const FILTERED_CLAIM = claimStatement({
  grader: '$1',
  filters: '($2::uuid IS NULL OR t.paper_id = $2) AND ($3::uuid IS NULL OR t.question_id = $3) AND ($4::text IS NULL OR t.round = $4)',
  skippedToo: '$5',
  lease: '$6',
  halfPoints: '$7',
});

export class CreateGradingClaim1764400200000 implements MigrationInterface {
  name = 'CreateGradingClaim1764400200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION grading_claim(p_tenant uuid, p_grader uuid, p_paper uuid, p_question uuid, p_round text, p_lease_seconds int, p_half_points boolean)
        RETURNS TABLE (id uuid, lease_expires_at timestamptz, anonymous_code text, question_id uuid, stem text, reference_answer text,
                       explanation text, rubric jsonb, points numeric, answer_text text, suggested_points numeric, suggestion jsonb,
                       half_points boolean)
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER
        SET plan_cache_mode = force_generic_plan
        AS $fn$
      #variable_conflict use_column
      DECLARE
        bound text := current_setting('app.tenant_id', true);
        skipped_too boolean;
      BEGIN
        IF p_tenant IS NULL THEN
          RAISE EXCEPTION 'grading_claim: a tenant is required';
        END IF;
        IF bound IS NOT NULL AND bound <> '' AND bound <> p_tenant::text THEN
          RAISE EXCEPTION 'grading_claim: the transaction is bound to another tenant';
        END IF;
        bound := set_config('app.tenant_id', p_tenant::text, true);
        FOREACH skipped_too IN ARRAY ARRAY[false, true] LOOP
          IF p_paper IS NOT NULL AND p_question IS NULL AND p_round IS NULL THEN
            RETURN QUERY ${PAPER_CLAIM};
          ELSE
            RETURN QUERY EXECUTE $claim$ ${FILTERED_CLAIM} $claim$
              USING p_grader, p_paper, p_question, p_round, skipped_too, p_lease_seconds, p_half_points;
          END IF;
          IF FOUND THEN
            RETURN;
          END IF;
        END LOOP;
      END
      $fn$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION grading_claim(uuid, uuid, uuid, uuid, text, int, boolean)');
  }
}
