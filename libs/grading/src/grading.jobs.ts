import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { afterCommit, JobHandler, JobName, JobQueue, TenantTransaction, type JobOf, type JobResult } from '@assay/core';
import { analyticsRefreshJobs } from '@assay/analytics';
import { AttemptsService } from '@assay/attempts';
import { WebhooksService } from '@assay/webhooks';
import { GradingIntakeService } from './grading-intake.service';

/** How many items one sweep handles; the next run takes the rest. */
const SWEEP_LIMIT = 1000;
/** Work older than this without its job's effect has lost the job. */
const LOST_AFTER = '5 minutes';

/** The grading domain's jobs: task creation, lease release, finalisation, and the sweep that recovers lost jobs. */
@Injectable()
export class GradingJobs {
  private readonly logger = new Logger(GradingJobs.name);

  constructor(
    private readonly intake: GradingIntakeService,
    private readonly attempts: AttemptsService,
    private readonly tx: TenantTransaction,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly webhooks: WebhooksService,
  ) {}

  @JobHandler(JobName.CreateGradingTasks)
  createTasks({ tenantId, attemptId }: JobOf<JobName.CreateGradingTasks>): Promise<JobResult> {
    return this.intake.createTasks(tenantId, attemptId);
  }

  /** Every 30 s: tasks whose lease ran out go back to the queue (each in its own tenant). */
  @JobHandler(JobName.ReleaseGradingLeases)
  async releaseLeases(): Promise<JobResult> {
    const rows = (await this.dataSource.query('SELECT tenant_id, id FROM grading_expired_leases($1)', [SWEEP_LIMIT])) as { tenant_id: string; id: string }[];
    for (const row of rows) {
      await this.tx.runAs(row.tenant_id, (manager) =>
        // Guarded: a lease renewed since the sweep read it is left alone.
        manager.query(`UPDATE grading_tasks SET status = 'open', lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND status = 'leased' AND lease_expires_at < now()`, [row.id]),
      );
    }
    if (rows.length > 0) this.logger.log({ released: rows.length }, 'Released expired grading leases');
    return rows.length > 0 ? 'done' : 'skipped';
  }

  /**
   * Total, pass/fail and `graded` on the attempt and invitation, exactly once per revision of the
   * script's marks: the script row is locked, the revision checked and recorded in the same
   * transaction as the result (grading_finalisations' primary key refuses a second one). A
   * worker killed mid-job commits nothing, and the retried job does it all.
   */
  @JobHandler(JobName.FinaliseGrading)
  async finalise({ tenantId, attemptId }: JobOf<JobName.FinaliseGrading>): Promise<JobResult> {
    const graded = await this.tx.runAs(tenantId, async (manager) => {
      const [script] = (await manager.query(
        `SELECT revision, finalised_revision, pass_mark, paper_id, paper_version_id FROM grading_scripts WHERE attempt_id = $1 AND resolved_answers = open_answers AND finalised_revision < revision FOR UPDATE`,
        [attemptId],
      )) as { revision: number; finalised_revision: number; pass_mark: string | null; paper_id: string; paper_version_id: string }[];
      if (!script) return 'skipped';
      const marks = (await manager.query(`SELECT question_id, final_points FROM grading_answers WHERE attempt_id = $1`, [attemptId])) as { question_id: string; final_points: string }[];
      const openMarks = marks.map((m) => ({ questionId: m.question_id, points: Number(m.final_points) }));
      const result = await this.attempts.markGraded(manager, attemptId, openMarks, script.pass_mark === null ? null : Number(script.pass_mark));
      await manager.query(`INSERT INTO grading_finalisations (attempt_id, revision, points, passed) VALUES ($1, $2, $3, $4)`, [attemptId, script.revision, result.points, result.passed]);
      await manager.query(`UPDATE grading_scripts SET finalised_revision = revision WHERE attempt_id = $1`, [attemptId]);
      if (script.finalised_revision < 0) await this.reportMarkingFinished(manager, script.paper_id, script.paper_version_id);
      this.logger.log({ attemptId, tenantId, revision: script.revision, points: result.points, passed: result.passed }, 'Attempt graded');
      return result;
    });
    if (graded === 'skipped') return 'skipped';
    // After the commit, like scoring: the reports now count this attempt as final. A lost enqueue
    // is recovered by the analytics sweep.
    await afterCommit(this.logger, { tenantId, attemptId }, 'Analytics refresh not queued; the sweep will', () =>
      this.jobs.enqueueMany(JobName.RefreshAnalytics, analyticsRefreshJobs(tenantId, graded)),
    );
    return 'done';
  }

  /**
   * `paper.marking_finished` when this first finalisation leaves nothing of the paper to mark: no
   * script unfinalised, no attempt submitted or awaiting grading. The advisory lock makes two
   * last finalisations check one after the other, so the second sees the first's commit.
   */
  private async reportMarkingFinished(manager: EntityManager, paperId: string, paperVersionId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('marking-finished-' || $1::text))`, [paperId]);
    const [{ finished }] = (await manager.query(
      `SELECT NOT EXISTS (SELECT 1 FROM grading_scripts WHERE paper_id = $1 AND finalised_revision < 0)
          AND NOT EXISTS (SELECT 1 FROM attempts WHERE paper_id = $1 AND status IN ('submitted', 'awaiting_grading')) AS finished`,
      [paperId],
    )) as { finished: boolean }[];
    if (finished) await this.webhooks.emit(manager, 'paper.marking_finished', { paperId, paperVersionId });
  }

  /**
   * Every minute, across tenants (grading_lost_work): attempts awaiting grading for a while with
   * no tasks, and complete scripts not finalised, get their job again.
   */
  @JobHandler(JobName.SweepGrading)
  async sweep(): Promise<JobResult> {
    const rows = (await this.dataSource.query('SELECT tenant_id, attempt_id, work, revision FROM grading_lost_work($1::interval, $2)', [LOST_AFTER, SWEEP_LIMIT])) as {
      tenant_id: string;
      attempt_id: string;
      work: 'create_tasks' | 'finalise';
      revision: number | null;
    }[];
    await this.jobs.requeue(
      JobName.CreateGradingTasks,
      rows.filter((row) => row.work === 'create_tasks').map((row) => ({ tenantId: row.tenant_id, attemptId: row.attempt_id })),
    );
    await this.jobs.requeue(
      JobName.FinaliseGrading,
      rows.filter((row) => row.work === 'finalise').map((row) => ({ tenantId: row.tenant_id, attemptId: row.attempt_id, revision: row.revision as number })),
    );
    if (rows.length > 0) this.logger.log({ found: rows.length }, 'Swept lost grading work');
    return rows.length > 0 ? 'done' : 'skipped';
  }
}
