import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@assay/audit';
import { DomainError, TenantContext, TenantTransaction } from '@assay/core';
import type { RubricCriterion } from '@assay/contracts';
import { checkRubricMarks, CLOSEST_KEPT, SHARED_BANDS_OF_NEAR_DUPLICATE, type KeyPointCoverage } from '@assay/grading-rules';
import { graderView } from './grader-view';
import { GradingErrors } from './grading-errors';
import { GradingQueueService, type GraderTask } from './grading-queue.service';
import { GradingSettingsService } from './grading-settings.service';
import { MarkingService, type MarkInput } from './marking.service';

export interface AssignmentInput {
  userId: string;
  questionId?: string | null;
  lead?: boolean;
}

/** A task waiting for a third mark or arbitration, with the marks so far: what a lead needs to decide. */
export interface DisputedTask {
  taskId: string;
  round: string;
  code: string;
  questionId: string;
  /** The question as graders see it (stem, reference, rubric): the arbiter marks per criterion too. */
  question: GraderTask['question'];
  answer: string;
  maxPoints: number;
  suggestedPoints: number | null;
  suggestion: GraderTask['suggestion'];
  marks: { round: string; graderId: string; points: number; scores: number[]; comment: string | null }[];
  flagged: boolean;
  flagReason: string | null;
}

/** Admins' and leads' side: assignments, arbitration, flags, reference scripts, overrides with their audit trail. */
@Injectable()
export class GradingLeadService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly settings: GradingSettingsService,
    private readonly marking: MarkingService,
    private readonly queue: GradingQueueService,
    private readonly audit: AuditTrail,
  ) {}

  listAssignments(paperId: string) {
    return this.tx.run(async (manager) => {
      await this.settings.requirePaper(manager, paperId);
      return this.assignments(manager, paperId);
    });
  }

  /** Assigns a grader to the paper (or one question of it); assigning again updates the lead permission. */
  assign(paperId: string, input: AssignmentInput) {
    return this.tx.run(async (manager) => {
      await this.settings.requirePaper(manager, paperId);
      const [user] = (await manager.query('SELECT 1 FROM users WHERE id = $1', [input.userId])) as unknown[];
      if (!user) throw GradingErrors.userNotFound();
      const before = await this.assignments(manager, paperId);
      await manager.query(
        `INSERT INTO grader_assignments (paper_id, user_id, question_id, lead) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, paper_id, user_id, COALESCE(question_id, '00000000-0000-0000-0000-000000000000')) DO UPDATE SET lead = EXCLUDED.lead`,
        [paperId, input.userId, input.questionId ?? null, input.lead ?? false],
      );
      const after = await this.assignments(manager, paperId);
      await this.audit.record(manager, { resourceType: 'grader_assignments', resourceId: paperId, before, after });
      return after;
    });
  }

  unassign(assignmentId: string): Promise<void> {
    return this.tx.run(async (manager) => {
      const [deleted] = (await manager.query('DELETE FROM grader_assignments WHERE id = $1 RETURNING id, paper_id, user_id, question_id, lead', [assignmentId])) as [
        [{ id: string; paper_id: string; user_id: string; question_id: string | null; lead: boolean }?],
        number,
      ];
      if (!deleted[0]) throw DomainError.notFound('assignment');
      const { paper_id: paperId, user_id: userId, question_id: questionId, lead } = deleted[0];
      await this.audit.record(manager, { resourceType: 'grader_assignment', resourceId: assignmentId, before: { paperId, userId, questionId, lead }, after: null });
    });
  }

  private async assignments(manager: EntityManager, paperId: string) {
    const rows = (await manager.query(
      `SELECT g.id, g.user_id, u.name, g.question_id, g.lead FROM grader_assignments g JOIN users u ON u.id = g.user_id WHERE g.paper_id = $1 ORDER BY u.name, g.question_id NULLS FIRST`,
      [paperId],
    )) as { id: string; user_id: string; name: string; question_id: string | null; lead: boolean }[];
    return rows.map((row) => ({ id: row.id, userId: row.user_id, name: row.name, questionId: row.question_id, lead: row.lead }));
  }

  /** Admins lead every paper; others need the lead permission on this one. */
  private async requireLead(manager: EntityManager, paperId: string): Promise<string> {
    const principal = TenantContext.current();
    if (!principal?.userId) throw GradingErrors.notLead();
    if (principal.roles.includes('admin')) return principal.userId;
    const [lead] = (await manager.query('SELECT 1 FROM grader_assignments WHERE paper_id = $1 AND user_id = $2 AND lead', [paperId, principal.userId])) as unknown[];
    if (!lead) throw GradingErrors.notLead();
    return principal.userId;
  }

  /** Tasks waiting for a third mark or arbitration, and flagged tasks, with every mark so far. */
  disputes(paperId: string): Promise<DisputedTask[]> {
    return this.tx.run(async (manager) => {
      await this.settings.requirePaper(manager, paperId);
      await this.requireLead(manager, paperId);
      const { halfPoints } = await this.settings.of(manager, paperId);
      const rows = (await manager.query(
        `SELECT t.id, t.round, s.anonymous_code, a.question_id, a.answer_text, a.max_points, a.suggested_points, a.suggestion, t.flagged, t.flag_reason,
                q.stem, q.reference_answer, q.explanation, q.rubric,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('round', m.round, 'graderId', m.grader_id, 'points', m.points, 'scores', m.scores, 'comment', m.comment) ORDER BY m.created_at)
                            FROM grading_marks m WHERE m.answer_id = a.id AND m.kind = 'answer'), '[]') AS marks
           FROM grading_tasks t
           JOIN grading_answers a ON a.id = t.answer_id
           JOIN grading_scripts s ON s.attempt_id = a.attempt_id
           JOIN grading_questions q ON q.paper_version_id = a.paper_version_id AND q.question_id = a.question_id
          WHERE t.paper_id = $1 AND t.status = 'open' AND (t.round IN ('third', 'arbitration') OR t.flagged)
          ORDER BY t.position, t.created_at`,
        [paperId],
      )) as {
        id: string;
        round: string;
        anonymous_code: string;
        question_id: string;
        answer_text: string;
        max_points: string;
        suggested_points: string | null;
        suggestion: KeyPointCoverage[];
        flagged: boolean;
        flag_reason: string | null;
        stem: string;
        reference_answer: string | null;
        explanation: string | null;
        rubric: RubricCriterion[];
        marks: { round: string; graderId: string; points: number; scores: number[]; comment: string | null }[];
      }[];
      return rows.map((row) => ({
        taskId: row.id,
        round: row.round,
        code: row.anonymous_code,
        questionId: row.question_id,
        ...graderView(row, Number(row.max_points), halfPoints),
        maxPoints: Number(row.max_points),
        suggestedPoints: row.suggested_points === null ? null : Number(row.suggested_points),
        marks: row.marks.map((mark) => ({ ...mark, points: Number(mark.points), scores: mark.scores.map(Number) })),
        flagged: row.flagged,
        flagReason: row.flag_reason,
      }));
    });
  }

  /** The lead's mark on an arbitration task: final. */
  async arbitrate(taskId: string, input: MarkInput): Promise<void> {
    const after = await this.tx.run(async (manager) => {
      const task = await this.marking.lockTask(manager, taskId);
      const leadId = await this.requireLead(manager, task.paper_id);
      if (task.round !== 'arbitration' || task.status === 'done') throw GradingErrors.notArbitration();
      return this.marking.record(manager, task, leadId, input);
    });
    await this.queue.afterCommit(after);
  }

  /** Returns a flagged task to the graders' queue. */
  unflag(taskId: string): Promise<void> {
    return this.tx.run(async (manager) => {
      const task = await this.marking.lockTask(manager, taskId);
      await this.requireLead(manager, task.paper_id);
      await manager.query('UPDATE grading_tasks SET flagged = false WHERE id = $1', [taskId]);
    });
  }

  /**
   * Makes a finally marked answer a reference script (标准卷) with an agreed mark, and mixes it
   * blind into the queue of every grader assigned to its question (except the lead).
   */
  makeReference(answerId: string, agreedPoints: number): Promise<{ graders: number }> {
    return this.tx.run(async (manager) => {
      const answer = await this.answer(manager, answerId);
      const leadId = await this.requireLead(manager, answer.paper_id);
      if (answer.final_points === null) throw GradingErrors.notFinal();
      await this.checkPoints(manager, answer, agreedPoints);
      await manager.query(
        `INSERT INTO reference_scripts (answer_id, agreed_points, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, answer_id) DO UPDATE SET agreed_points = EXCLUDED.agreed_points`,
        [answerId, agreedPoints, leadId],
      );
      const inserted = (await manager.query(
        `INSERT INTO grading_tasks (answer_id, paper_id, question_id, position, round, kind, for_grader, expected_points)
         SELECT DISTINCT $1::uuid, a.paper_id, a.question_id, a.position, 'first', 'reference', g.user_id, $2::numeric
           FROM grading_answers a JOIN grader_assignments g ON g.paper_id = a.paper_id AND (g.question_id IS NULL OR g.question_id = a.question_id)
          WHERE a.id = $1 AND g.user_id <> $3
         RETURNING id`,
        [answerId, agreedPoints, leadId],
      )) as unknown[];
      return { graders: inserted.length };
    });
  }

  /**
   * Re-grade or override: sets the answer's final mark with a reason, writes the audit trail
   * (who, when, old, new, why) and has the attempt finalised again.
   */
  async override(answerId: string, points: number, reason: string): Promise<void> {
    const after = await this.tx.run(async (manager) => {
      const answer = await this.answer(manager, answerId);
      await this.checkPoints(manager, answer, points);
      const actor = TenantContext.current()?.userId ?? null;
      await manager.query(
        `INSERT INTO grading_audit (answer_id, attempt_id, actor_id, action, old_points, new_points, reason) VALUES ($1, $2, $3, 'override', $4, $5, $6)`,
        [answerId, answer.attempt_id, actor, answer.final_points, points, reason],
      );
      // Marks only: the answer's text never goes into the audit log.
      await this.audit.record(manager, {
        resourceType: 'grading_answer',
        resourceId: answerId,
        before: { attemptId: answer.attempt_id, finalPoints: answer.final_points === null ? null : Number(answer.final_points) },
        after: { attemptId: answer.attempt_id, finalPoints: points, basis: 'override', reason },
      });
      return this.marking.settle(manager, answerId, answer.attempt_id, points, 'override');
    });
    await this.queue.afterCommit(after);
  }

  /**
   * For recruiters: the attempt's open answers with suggested and final marks and every mark,
   * the near-identical answers of other candidates (the closest CLOSEST_KEPT per question, by their
   * anonymous code, and how many there are in all), and the audit trail.
   */
  attemptMarking(attemptId: string) {
    return this.tx.run(async (manager) => {
      const [script] = (await manager.query('SELECT anonymous_code, revision, finalised_revision FROM grading_scripts WHERE attempt_id = $1', [attemptId])) as {
        anonymous_code: string;
        revision: number;
        finalised_revision: number;
      }[];
      if (!script) throw DomainError.notFound('grading_script');
      const answers = (await manager.query(
        `SELECT a.id, a.question_id, a.max_points, a.suggested_points, a.suggestion, a.final_points, a.final_basis,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('round', m.round, 'graderId', m.grader_id, 'points', m.points, 'scores', m.scores, 'comment', m.comment) ORDER BY m.created_at)
                            FROM grading_marks m WHERE m.answer_id = a.id AND m.kind = 'answer'), '[]') AS marks
           FROM grading_answers a WHERE a.attempt_id = $1 ORDER BY a.position`,
        [attemptId],
      )) as { id: string; question_id: string; max_points: string; suggested_points: string | null; suggestion: unknown; final_points: string | null; final_basis: string | null; marks: unknown[] }[];
      const similar = (await manager.query('SELECT question_id, other_attempt_id, other_code, similarity FROM closest_similar_answers($1, $2)', [attemptId, CLOSEST_KEPT])) as {
        question_id: string;
        other_attempt_id: string;
        other_code: string;
        similarity: string;
      }[];
      const counts = (await manager.query('SELECT question_id, others FROM similar_answer_counts($1, $2)', [attemptId, SHARED_BANDS_OF_NEAR_DUPLICATE])) as { question_id: string; others: number }[];
      const audit = (await manager.query(
        `SELECT g.id, g.answer_id, g.actor_id, u.name AS actor_name, g.action, g.old_points, g.new_points, g.reason, g.at
           FROM grading_audit g LEFT JOIN users u ON u.id = g.actor_id WHERE g.attempt_id = $1 ORDER BY g.id DESC`,
        [attemptId],
      )) as { id: string; answer_id: string; actor_id: string | null; actor_name: string | null; action: string; old_points: string | null; new_points: string; reason: string; at: Date }[];
      const points = (value: string | null) => (value === null ? null : Number(value));
      return {
        attemptId,
        code: script.anonymous_code,
        finalised: script.finalised_revision === script.revision && script.revision > 0,
        answers: answers.map((row) => ({
          answerId: row.id,
          questionId: row.question_id,
          maxPoints: Number(row.max_points),
          suggestedPoints: points(row.suggested_points),
          suggestion: row.suggestion,
          finalPoints: points(row.final_points),
          finalBasis: row.final_basis,
          marks: row.marks,
        })),
        similarAnswers: similar.map((row) => ({ questionId: row.question_id, otherAttemptId: row.other_attempt_id, otherCode: row.other_code, similarity: Number(row.similarity) })),
        similarCounts: counts.map((row) => ({ questionId: row.question_id, others: row.others, shown: similar.filter((flag) => flag.question_id === row.question_id).length })),
        audit: audit.map((row) => ({
          id: Number(row.id),
          answerId: row.answer_id,
          actor: row.actor_id ? { id: row.actor_id, name: row.actor_name } : null,
          action: row.action,
          oldPoints: points(row.old_points),
          newPoints: Number(row.new_points),
          reason: row.reason,
          at: row.at.toISOString(),
        })),
      };
    });
  }

  private async answer(manager: EntityManager, answerId: string) {
    const [answer] = (await manager.query(
      'SELECT id, attempt_id, paper_id, max_points, final_points FROM grading_answers WHERE id = $1 FOR UPDATE',
      [answerId],
    )) as { id: string; attempt_id: string; paper_id: string; max_points: string; final_points: string | null }[];
    if (!answer) throw GradingErrors.answerNotFound();
    return answer;
  }

  /** Points for a whole answer: 0 to its maximum, in the steps the paper allows (the rubric check on one criterion). */
  private async checkPoints(manager: EntityManager, answer: { paper_id: string; max_points: string }, points: number): Promise<void> {
    const { halfPoints } = await this.settings.of(manager, answer.paper_id);
    const checked = checkRubricMarks({ rubric: [], questionPoints: Number(answer.max_points), halfPoints, scores: [points] });
    if (checked.total === null) throw GradingErrors.invalidPoints(checked.problems[0].reason.replace('"total" ', ''));
  }
}
