import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobHandler, JobName, JobQueue, TenantTransaction, type JobOf, type JobResult } from '@assay/core';
import { analyticsRefreshJobs } from '@assay/analytics';
import { InvitationsService } from '@assay/invitations';
import { scoreAttemptAnswers } from './attempt-scoring';
import { AttemptsService } from './attempts.service';
import { PaperSnapshots } from './paper-snapshots';

/** How many overdue attempts one sweep handles; the next sweep (a minute later) takes the rest. */
const SWEEP_LIMIT = 1000;
/** A submitted attempt still unscored after this long has lost its scoring job. */
const UNSCORED_AFTER = '5 minutes';

@Injectable()
export class AttemptJobs {
  private readonly logger = new Logger(AttemptJobs.name);

  constructor(
    private readonly attempts: AttemptsService,
    private readonly invitations: InvitationsService,
    private readonly tx: TenantTransaction,
    private readonly dataSource: DataSource,
    private readonly snapshots: PaperSnapshots,
    private readonly jobs: JobQueue,
  ) {}

  /** Auto-submit at deadline + grace, even if the candidate has gone. */
  @JobHandler(JobName.AttemptDeadline)
  async deadline({ tenantId, attemptId }: JobOf<JobName.AttemptDeadline>): Promise<JobResult> {
    const result = await this.attempts.submitOverdue(tenantId, attemptId, 'deadline');
    // Fired before the database's clock reached the deadline: fail, so BullMQ retries with backoff.
    if (result === 'not_due') throw new Error(`attempt ${attemptId} is not due yet`);
    return result;
  }

  /**
   * Scores the objective answers from scratch and writes absolute values; guarded on status, so a
   * retried or duplicated job changes nothing. Open answers with text become `pending_manual`; an
   * attempt with none is final at once (`scored`, invitation `graded`), else `awaiting_grading`
   * and, after the commit, the grading domain's job turns its open answers into grading tasks.
   */
  @JobHandler(JobName.ScoreAttempt)
  async score({ tenantId, attemptId }: JobOf<JobName.ScoreAttempt>): Promise<JobResult> {
    const scored = await this.tx.run(async (manager) => {
      const [attempt] = (await manager.query(
        'SELECT id, status, invitation_id, paper_version_id, question_ids FROM attempts WHERE id = $1 FOR UPDATE',
        [attemptId],
      )) as { id: string; status: string; invitation_id: string; paper_version_id: string; question_ids: string[] }[];
      if (!attempt || attempt.status !== 'submitted') return 'skipped';
      const { snapshot } = await this.snapshots.get(manager, attempt.paper_version_id);
      const rows = (await manager.query('SELECT question_id, answer FROM responses WHERE attempt_id = $1', [attemptId])) as {
        question_id: string;
        answer: unknown;
      }[];
      const score = scoreAttemptAnswers(snapshot, attempt.question_ids, new Map(rows.map((r) => [r.question_id, r.answer])));
      await manager.query(
        `INSERT INTO responses (attempt_id, question_id, answer, seq, points, max_points, outcome, malformed, first_saved_at)
         SELECT $1, (s->>'id')::uuid, NULL, 0, (s->>'points')::numeric, (s->>'maxPoints')::numeric, s->>'outcome', COALESCE((s->>'malformed')::boolean, false), NULL
           FROM jsonb_array_elements($2::jsonb) AS s
         ON CONFLICT (tenant_id, attempt_id, question_id) DO UPDATE
            SET points = EXCLUDED.points, max_points = EXCLUDED.max_points, outcome = EXCLUDED.outcome, malformed = EXCLUDED.malformed`,
        [attemptId, JSON.stringify(score.items)],
      );
      const final = score.pendingManual === 0;
      await manager.query(
        `UPDATE attempts SET status = $2, points = $3, max_points = $4, pending_manual = $5, scored_at = now(), updated_at = now(), sheet = attempt_sheet(tenant_id, id) WHERE id = $1`,
        [attemptId, final ? 'scored' : 'awaiting_grading', score.points, score.maxPoints, score.pendingManual],
      );
      // The rule of AttemptsService.markGraded: passed when the points reach the paper's pass mark.
      const passed = snapshot.passMark === null ? null : score.points >= snapshot.passMark;
      if (final) await this.invitations.markGraded(manager, attempt.invitation_id, { attemptId, passed });
      const malformed = score.items.filter((item) => item.malformed).length;
      if (malformed > 0) this.logger.warn({ attemptId, malformed }, 'Answers of the wrong shape for their question type (client bug?)');
      return { status: final ? ('scored' as const) : ('awaiting_grading' as const), paperVersionId: attempt.paper_version_id, jobRoleId: snapshot.jobRole.id };
    });
    if (scored === 'skipped') return 'skipped';
    // After the commit: open answers go to the graders; the analytics of this version and its role
    // are refreshed (debounced, see @assay/analytics). A lost enqueue is recovered by the grading sweep.
    if (scored.status === 'awaiting_grading') await this.jobs.enqueue(JobName.CreateGradingTasks, { tenantId, attemptId });
    await this.jobs.enqueueMany(JobName.RefreshAnalytics, analyticsRefreshJobs(tenantId, scored));
    return 'done';
  }

  /**
   * Every minute, across tenants (through the narrow SECURITY DEFINER function attempts_overdue):
   * submits attempts past deadline + grace whose deadline job was lost, and re-queues scoring of
   * attempts submitted long ago and still unscored. Each attempt is then handled in its own tenant.
   */
  @JobHandler(JobName.SweepOverdue)
  async sweep(): Promise<JobResult> {
    const rows = (await this.dataSource.query('SELECT tenant_id, id, status FROM attempts_overdue($1::interval, $2)', [UNSCORED_AFTER, SWEEP_LIMIT])) as {
      tenant_id: string;
      id: string;
      status: string;
    }[];
    let submitted = 0;
    for (const row of rows) {
      try {
        if (row.status === 'in_progress') {
          if ((await this.attempts.submitOverdue(row.tenant_id, row.id, 'sweep')) === 'done') submitted += 1;
        } else {
          await this.jobs.requeue(JobName.ScoreAttempt, [{ tenantId: row.tenant_id, attemptId: row.id }]);
        }
      } catch (error) {
        this.logger.warn({ err: error, attemptId: row.id, tenantId: row.tenant_id }, 'Sweep could not handle an attempt');
      }
    }
    if (rows.length > 0) this.logger.log({ found: rows.length, submitted }, 'Swept overdue attempts');
    return rows.length > 0 ? 'done' : 'skipped';
  }
}
