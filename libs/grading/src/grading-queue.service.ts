import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RubricCriterion } from '@assay/contracts';
import { driverPool, JobName, JobQueue, TenantTransaction } from '@assay/core';
import type { KeyPointCoverage } from '@assay/grading-rules';
import { graderView, type GraderViewRow } from './grader-view';
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

interface ClaimedRow extends GraderViewRow {
  id: string;
  lease_expires_at: Date;
  anonymous_code: string;
  points: string;
  half_points: boolean;
}

/** Which queue a claim takes from (every filter optional): one paper, one question, third marking only. */
export interface ClaimFilter {
  paperId?: string | null;
  questionId?: string | null;
  round?: 'third' | null;
}

/**
 * The claim in ONE autocommit round trip: the SECURITY INVOKER function `grading_claim`
 * (migrations/1764400200000-CreateGradingClaim.ts) binds its own transaction to the tenant, then
 * takes the next open task with SKIP LOCKED, so concurrent graders never wait for or get the same
 * row, leases it, and returns it as the grader sees it (with the paper's half-points setting).
 * Reference scripts and self-check re-sends waiting for this grader come first, mixed in blind (they
 * are first-round tasks); then the shared queue, question order first: one question across
 * candidates; tasks this grader skipped only when nothing else is left for them. Arbitration tasks
 * are for leads (see GradingLeadService); flagged tasks wait for a lead.
 * $1 tenant, $2 grader, $3 paper, $4 question, $5 round (each null: any), $6 the lease in seconds,
 * $7 the default half-points setting.
 */
const CLAIM = `SELECT * FROM grading_claim($1, $2, $3, $4, $5, $6, $7)`;

function graderTask(row: ClaimedRow): GraderTask {
  return { taskId: row.id, leaseExpiresAt: row.lease_expires_at.toISOString(), code: row.anonymous_code, ...graderView(row, Number(row.points), row.half_points) };
}

/** The grader's side of the queue: claim, renew, mark, skip, flag. */
@Injectable()
export class GradingQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TenantTransaction,
    private readonly marking: MarkingService,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * The next task for this grader, leased to them; null when nothing is left for them. One round
   * trip on TypeORM's pool, outside its query runner (see CLAIM): a pooled connection is held for
   * one statement, not for BEGIN, set_config, the claim and COMMIT.
   */
  async claimNext(graderId: string, filter: ClaimFilter = {}): Promise<GraderTask | null> {
    const { rows } = await driverPool(this.dataSource).query<ClaimedRow>(CLAIM, [
      this.tx.currentTenantId(),
      graderId,
      filter.paperId ?? null,
      filter.questionId ?? null,
      filter.round ?? null,
      LEASE_SECONDS,
      DEFAULT_GRADING_SETTINGS.halfPoints,
    ]);
    return rows[0] ? graderTask(rows[0]) : null;
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
