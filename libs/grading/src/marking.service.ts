import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RubricCriterion } from '@assay/contracts';
import { checkRubricMarks, resolveMarks, tolerancePoints, type MarkingRound, type RoundMarks } from '@assay/grading-rules';
import { GradingErrors } from './grading-errors';
import { settingsOf, type GradingSettings, type SettingsRow } from './grading-settings.service';
import { updated } from './sql';

/** What a mark's submission leaves to do after the commit: a script's revision to finalise. */
export interface AfterMark {
  finalise: { attemptId: string; revision: number } | null;
}

/** The task with what checking a mark needs, and its paper's settings columns (null: the defaults). */
interface TaskRow extends SettingsRow {
  id: string;
  answer_id: string;
  paper_id: string;
  round: MarkingRound;
  kind: 'answer' | 'reference' | 'self_check';
  status: string;
  lease_owner: string | null;
  expected_points: string | null;
  rubric: RubricCriterion[];
  points: string;
  suggested_points: string | null;
}

interface AnswerRow {
  id: string;
  attempt_id: string;
  max_points: string;
  suggested_points: string | null;
  final_points: string | null;
}

export interface MarkInput {
  scores: number[];
  comment?: string | null;
}

/**
 * Records marks and applies the marking rule: the answer's final mark, or the next round's task.
 * Every method runs inside the caller's tenant transaction.
 */
@Injectable()
export class MarkingService {
  /**
   * Locks the task with what checking a mark needs, and its paper's settings (in the same round
   * trip: the mark's check and the marking rule need them); 404 when RLS or the id hides it.
   */
  async lockTask(manager: EntityManager, taskId: string): Promise<TaskRow> {
    const [task] = (await manager.query(
      `SELECT t.id, t.answer_id, t.paper_id, t.round, t.kind, t.status, t.lease_owner, t.expected_points,
              q.rubric, q.points, a.suggested_points,
              gs.mode, gs.tolerance_kind, gs.tolerance_value, gs.half_points, gs.self_check_every
         FROM grading_tasks t
         JOIN grading_answers a ON a.id = t.answer_id
         JOIN grading_questions q ON q.paper_version_id = a.paper_version_id AND q.question_id = a.question_id
         LEFT JOIN grading_settings gs ON gs.paper_id = t.paper_id
        WHERE t.id = $1
        FOR UPDATE OF t`,
      [taskId],
    )) as TaskRow[];
    if (!task) throw GradingErrors.taskNotFound();
    return task;
  }

  /**
   * Checks the scores against the rubric and the paper's half-point setting, stores the mark and
   * closes the task. Statements are folded (issue 10: submit-mark's round trips): the mark, the
   * task's close and either the quality check or the answer's row lock go in one statement.
   */
  async record(manager: EntityManager, task: TaskRow, graderId: string, input: MarkInput): Promise<AfterMark> {
    const settings = settingsOf(task);
    const checked = checkRubricMarks({ rubric: task.rubric, questionPoints: Number(task.points), halfPoints: settings.halfPoints, scores: input.scores });
    if (checked.total === null) throw GradingErrors.invalidMarks(checked.problems);
    const markAndClose = `
      WITH mark AS (
        INSERT INTO grading_marks (task_id, answer_id, round, kind, grader_id, scores, points, comment, suggested_points)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)),
      closed AS (
        UPDATE grading_tasks SET status = 'done', done_at = now(), lease_owner = NULL, lease_expires_at = NULL WHERE id = $1)`;
    const markParameters = [task.id, task.answer_id, task.round, task.kind, graderId, input.scores, checked.total, input.comment ?? null, task.suggested_points];
    if (task.kind !== 'answer') {
      // Quality control: the mark is compared with the expected one and never touches the answer.
      await manager.query(
        `${markAndClose}
         INSERT INTO grader_checks (task_id, grader_id, kind, expected_points, given_points, max_points) VALUES ($1, $5, $4, $10, $7, $11)`,
        [...markParameters, task.expected_points, task.points],
      );
      return { finalise: null };
    }
    // The answer's row lock: marks of one answer are resolved one transaction at a time.
    const [answer] = (await manager.query(
      `${markAndClose}
       SELECT a.id, a.attempt_id, a.max_points, a.suggested_points, a.final_points FROM grading_answers a WHERE a.id = $2 FOR UPDATE`,
      markParameters,
    )) as AnswerRow[];
    await this.scheduleSelfCheck(manager, graderId, settings.selfCheckEvery);
    return this.resolve(manager, answer, settings);
  }

  /**
   * Applies the marking rule to the answer's marks so far: either its final mark (and, when it
   * was the script's last open answer, a new revision to finalise) or the next round's task,
   * which excludes every grader who already marked the answer. `answer` was read with its row
   * locked (in record), so the marks read here, in a later statement, include every mark
   * committed before the lock was granted.
   */
  private async resolve(manager: EntityManager, answer: AnswerRow, settings: GradingSettings): Promise<AfterMark> {
    if (answer.final_points !== null) return { finalise: null };
    const marks = (await manager.query(
      `SELECT round, points, grader_id FROM grading_marks WHERE answer_id = $1 AND kind = 'answer'`,
      [answer.id],
    )) as { round: MarkingRound; points: string; grader_id: string }[];
    const byRound: RoundMarks = Object.fromEntries(marks.map((mark) => [mark.round, Number(mark.points)]));
    const resolution = resolveMarks({
      mode: settings.mode,
      tolerance: tolerancePoints(settings.tolerance, Number(answer.max_points)),
      marks: byRound,
      suggestion: answer.suggested_points === null ? null : Number(answer.suggested_points),
    });
    if (resolution.kind === 'final') return this.settle(manager, answer.id, answer.attempt_id, resolution.points, resolution.basis);
    if (resolution.kind === 'needs') {
      await manager.query(
        `INSERT INTO grading_tasks (answer_id, paper_id, question_id, position, round, excluded_graders)
         SELECT id, paper_id, question_id, position, $2, $3::uuid[] FROM grading_answers WHERE id = $1
         ON CONFLICT (tenant_id, answer_id, round) WHERE kind = 'answer' DO NOTHING`,
        [answer.id, resolution.round, marks.map((mark) => mark.grader_id)],
      );
    }
    return { finalise: null };
  }

  /**
   * Makes `points` the answer's final mark (from the rule, or an override). Counts it resolved
   * the first time; whenever the script is complete after this change, it gets a new revision,
   * which is finalised once, so an override of a finalised script is finalised again.
   * The caller holds the answer's row lock (record's, or the override's), so this statement's
   * snapshot sees its latest `resolved_at`. One statement: the final mark, the answer's other open
   * tasks closed (an override makes them unneeded) and the script's counters.
   */
  async settle(manager: EntityManager, answerId: string, attemptId: string, points: number, basis: string): Promise<AfterMark> {
    const [script] = await updated<{ complete: boolean; revision: number }>(
      manager,
      `WITH answer AS (
         UPDATE grading_answers a SET final_points = $3, final_basis = $4, resolved_at = now()
           FROM grading_answers before
          WHERE a.id = $1 AND before.id = a.id
         RETURNING (before.resolved_at IS NULL)::int AS counted),
       tasks AS (
         UPDATE grading_tasks SET status = 'done', done_at = now(), lease_owner = NULL, lease_expires_at = NULL
          WHERE answer_id = $1 AND kind = 'answer' AND status <> 'done')
       UPDATE grading_scripts s
          SET resolved_answers = s.resolved_answers + answer.counted,
              revision = s.revision + CASE WHEN s.resolved_answers + answer.counted = s.open_answers THEN 1 ELSE 0 END
         FROM answer
        WHERE s.attempt_id = $2
        RETURNING s.resolved_answers = s.open_answers AS complete, s.revision`,
      [answerId, attemptId, points, basis],
    );
    return { finalise: script.complete ? { attemptId, revision: script.revision } : null };
  }

  /**
   * Every `every` marks, one of the grader's own earlier answers comes back to them blind (自评卷),
   * expecting the mark they gave then.
   */
  private async scheduleSelfCheck(manager: EntityManager, graderId: string, every: number): Promise<void> {
    if (every <= 0) return;
    const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM grading_marks WHERE grader_id = $1 AND kind = 'answer'`, [graderId])) as { count: number }[];
    if (count % every !== 0) return;
    await manager.query(
      `INSERT INTO grading_tasks (answer_id, paper_id, question_id, position, round, kind, for_grader, expected_points)
       SELECT a.id, a.paper_id, a.question_id, a.position, 'first', 'self_check', $1, m.points
         FROM grading_marks m JOIN grading_answers a ON a.id = m.answer_id
        WHERE m.grader_id = $1 AND m.kind = 'answer'
        ORDER BY random() LIMIT 1`,
      [graderId],
    );
  }
}
