import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RubricCriterion } from '@assay/contracts';
import { JobName, JobQueue, TenantTransaction } from '@assay/core';
import type { KeyPointCoverage } from '@assay/grading-rules';
import { GradingErrors } from './grading-errors';
import { DEFAULT_GRADING_SETTINGS } from './grading-settings.service';
import { MarkingService, type AfterMark, type MarkInput } from './marking.service';
import { updated } from './sql';

/** How long a claimed task stays with its grader without a renewal. */
export const LEASE_SECONDS = 300;

/**
 * Everything a grader sees of a task, and nothing else: no candidate name or email, no other
 * mark, not even the round or whether it is a reference script or a self-check re-send.
 */
export interface GraderTask {
  taskId: string;
  leaseExpiresAt: string;
  /** The attempt's anonymous code. */
  code: string;
  question: {
    id: string;
    stem: string;
    referenceAnswer: string | null;
    explanation: string | null;
    rubric: RubricCriterion[];
    points: number;
    halfPoints: boolean;
  };
  answer: string;
  suggestion: { points: number | null; keyPoints: KeyPointCoverage[] };
}

interface ClaimedRow {
  id: string;
  lease_expires_at: Date;
  anonymous_code: string;
  question_id: string;
  stem: string;
  reference_answer: string | null;
  explanation: string | null;
  rubric: RubricCriterion[];
  points: string;
  answer_text: string;
  suggested_points: string | null;
  suggestion: KeyPointCoverage[];
  half_points: boolean;
}

/** Which queue a claim takes from (every filter optional): one paper, one question, third marking only. */
export interface ClaimFilter {
  paperId?: string | null;
  questionId?: string | null;
  round?: 'third' | null;
}

/**
 * The claim, in one statement: the next open task, locked with SKIP LOCKED so concurrent graders
 * never wait for or get the same row, leased, and returned as the grader sees it (with the paper's
 * half-points setting), so a claim costs one round trip inside its transaction.
 * $1 grader, $2 paper, $3 question, $4 round (each null: any), $5 whether tasks this grader skipped
 * may come back, $6 the lease, $7 the default half-points setting.
 * Reference scripts and self-check re-sends waiting for this grader come first, mixed in blind (they
 * are first-round tasks); then the shared queue, question order first: one question across
 * candidates. Arbitration tasks are for leads (see GradingLeadService); flagged tasks wait for a lead.
 */
const CLAIM = `
  WITH personal AS (
    SELECT t.id FROM grading_tasks t
     WHERE t.status = 'open' AND t.for_grader = $1
       AND ($2::uuid IS NULL OR t.paper_id = $2) AND ($3::uuid IS NULL OR t.question_id = $3) AND ($4::text IS NULL OR t.round = $4)
     ORDER BY t.created_at LIMIT 1 FOR UPDATE SKIP LOCKED),
  shared AS (
    SELECT t.id FROM grading_tasks t
     WHERE NOT EXISTS (SELECT 1 FROM personal)
       AND t.status = 'open' AND t.for_grader IS NULL AND t.round <> 'arbitration' AND NOT t.flagged
       AND ($2::uuid IS NULL OR t.paper_id = $2) AND ($3::uuid IS NULL OR t.question_id = $3) AND ($4::text IS NULL OR t.round = $4)
       AND NOT ($1 = ANY (t.excluded_graders))
       AND ($5::boolean OR NOT ($1 = ANY (t.skipped_by)))
       AND EXISTS (SELECT 1 FROM grader_assignments g
                    WHERE g.user_id = $1 AND g.paper_id = t.paper_id AND (g.question_id IS NULL OR g.question_id = t.question_id))
     ORDER BY t.paper_id, t.position, t.created_at
     LIMIT 1
     FOR UPDATE SKIP LOCKED),
  leased AS (
    UPDATE grading_tasks t SET status = 'leased', lease_owner = $1, lease_expires_at = now() + make_interval(secs => $6)
     WHERE t.id IN (SELECT id FROM personal UNION ALL SELECT id FROM shared)
    RETURNING t.id, t.paper_id, t.answer_id, t.lease_expires_at)
  SELECT t.id, t.lease_expires_at, s.anonymous_code, a.question_id, q.stem, q.reference_answer, q.explanation,
         q.rubric, q.points, a.answer_text, a.suggested_points, a.suggestion, COALESCE(gs.half_points, $7) AS half_points
    FROM leased t
    JOIN grading_answers a ON a.id = t.answer_id
    JOIN grading_scripts s ON s.attempt_id = a.attempt_id
    JOIN grading_questions q ON q.paper_version_id = a.paper_version_id AND q.question_id = a.question_id
    LEFT JOIN grading_settings gs ON gs.paper_id = t.paper_id`;

function graderTask(row: ClaimedRow): GraderTask {
  return {
    taskId: row.id,
    leaseExpiresAt: row.lease_expires_at.toISOString(),
    code: row.anonymous_code,
    question: {
      id: row.question_id,
      stem: row.stem,
      referenceAnswer: row.reference_answer,
      explanation: row.explanation,
      rubric: row.rubric,
      points: Number(row.points),
      halfPoints: row.half_points,
    },
    answer: row.answer_text,
    suggestion: { points: row.suggested_points === null ? null : Number(row.suggested_points), keyPoints: row.suggestion },
  };
}

/** The grader's side of the queue: claim, renew, mark, skip, flag. */
@Injectable()
export class GradingQueueService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly marking: MarkingService,
    private readonly jobs: JobQueue,
  ) {}

  /** The next task for this grader, leased to them; null when nothing is left for them. */
  claimNext(graderId: string, filter: ClaimFilter = {}): Promise<GraderTask | null> {
    const where = [filter.paperId ?? null, filter.questionId ?? null, filter.round ?? null];
    const claim = async (manager: EntityManager, skippedToo: boolean) => {
      const [row] = (await manager.query(CLAIM, [graderId, ...where, skippedToo, LEASE_SECONDS, DEFAULT_GRADING_SETTINGS.halfPoints])) as ClaimedRow[];
      return row;
    };
    return this.tx.run(async (manager) => {
      // Tasks this grader skipped come back only when nothing else is left for them.
      const row = (await claim(manager, false)) ?? (await claim(manager, true));
      return row ? graderTask(row) : null;
    });
  }

  /** Extends the lease while the grader has the answer open. */
  renew(graderId: string, taskId: string): Promise<{ leaseExpiresAt: string }> {
    return this.tx.run(async (manager) => {
      const rows = await updated<{ lease_expires_at: Date }>(
        manager,
        `UPDATE grading_tasks SET lease_expires_at = now() + make_interval(secs => $3)
          WHERE id = $1 AND status = 'leased' AND lease_owner = $2 RETURNING lease_expires_at`,
        [taskId, graderId, LEASE_SECONDS],
      );
      if (rows.length === 0) throw await this.missingOrLost(manager, taskId);
      return { leaseExpiresAt: rows[0].lease_expires_at.toISOString() };
    });
  }

  /** Stores the grader's mark on a task leased to them (an expired lease still counts until the task is released). */
  async submit(graderId: string, taskId: string, input: MarkInput): Promise<void> {
    const after = await this.tx.run(async (manager) => {
      const task = await this.marking.lockTask(manager, taskId);
      if (task.status !== 'leased' || task.lease_owner !== graderId) throw GradingErrors.leaseLost();
      return this.marking.record(manager, task, graderId, input);
    });
    await this.afterCommit(after);
  }

  /** Submit-and-next: the mark, then the next task, in one call. */
  async submitAndNext(graderId: string, taskId: string, input: MarkInput, filter: ClaimFilter): Promise<GraderTask | null> {
    await this.submit(graderId, taskId, input);
    return this.claimNext(graderId, filter);
  }

  /** Back to the queue; this grader gets it again only when nothing else is left for them. */
  skip(graderId: string, taskId: string): Promise<void> {
    return this.release(graderId, taskId, `skipped_by = array_append(skipped_by, $2)`);
  }

  /** Back to the queue for a lead to look at (flagged tasks are not handed to graders). */
  flag(graderId: string, taskId: string, reason: string): Promise<void> {
    return this.release(graderId, taskId, `flagged = true, flag_reason = $3`, [reason]);
  }

  private async release(graderId: string, taskId: string, change: string, extra: unknown[] = []): Promise<void> {
    await this.tx.run(async (manager) => {
      const rows = await updated<{ id: string }>(
        manager,
        `UPDATE grading_tasks SET status = 'open', lease_owner = NULL, lease_expires_at = NULL, ${change}
          WHERE id = $1 AND status = 'leased' AND lease_owner = $2 RETURNING id`,
        [taskId, graderId, ...extra],
      );
      if (rows.length === 0) throw await this.missingOrLost(manager, taskId);
    });
  }

  private async missingOrLost(manager: EntityManager, taskId: string) {
    const [task] = (await manager.query('SELECT 1 FROM grading_tasks WHERE id = $1', [taskId])) as unknown[];
    return task ? GradingErrors.leaseLost() : GradingErrors.taskNotFound();
  }

  /** After the commit: a resolved script is finalised by the job (its id carries the revision). */
  async afterCommit(after: AfterMark): Promise<void> {
    if (after.finalise) await this.jobs.enqueue(JobName.FinaliseGrading, { tenantId: this.tx.currentTenantId(), ...after.finalise });
  }
}
