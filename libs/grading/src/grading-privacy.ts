import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What an erased free text says instead (where the column requires text). */
const ERASED_TEXT = '[erased]';

export interface GradingExport {
  answers: { attemptId: string; questionId: string; answerText: string; maxPoints: string; suggestedPoints: string | null; finalPoints: string | null; resolvedAt: Date | null }[];
  /** Graders' marks and comments on the person's answers; the graders themselves are not named (their data, not the candidate's). */
  marks: { attemptId: string; questionId: string; round: string; scores: string[]; points: string; comment: string | null; createdAt: Date }[];
  overrides: { attemptId: string; questionId: string; oldPoints: string | null; newPoints: string; reason: string; at: Date }[];
}

/**
 * The grading domain's part of a data-subject request (docs/privacy.md): its copies of the
 * person's open answers and what graders wrote about them, in the caller's transaction.
 */
@Injectable()
export class GradingPrivacy {
  async export(manager: EntityManager, attemptIds: string[]): Promise<GradingExport> {
    const answers = (await manager.query(
      `SELECT attempt_id AS "attemptId", question_id AS "questionId", answer_text AS "answerText", max_points AS "maxPoints",
              suggested_points AS "suggestedPoints", final_points AS "finalPoints", resolved_at AS "resolvedAt"
         FROM grading_answers WHERE attempt_id = ANY($1) ORDER BY attempt_id, position`,
      [attemptIds],
    )) as GradingExport['answers'];
    const marks = (await manager.query(
      `SELECT a.attempt_id AS "attemptId", a.question_id AS "questionId", m.round, m.scores, m.points, m.comment, m.created_at AS "createdAt"
         FROM grading_marks m JOIN grading_answers a ON a.id = m.answer_id
        WHERE a.attempt_id = ANY($1) AND m.kind = 'answer' ORDER BY a.attempt_id, a.position, m.created_at`,
      [attemptIds],
    )) as GradingExport['marks'];
    const overrides = (await manager.query(
      `SELECT g.attempt_id AS "attemptId", a.question_id AS "questionId", g.old_points AS "oldPoints", g.new_points AS "newPoints", g.reason, g.at
         FROM grading_audit g JOIN grading_answers a ON a.id = g.answer_id WHERE g.attempt_id = ANY($1) ORDER BY g.id`,
      [attemptIds],
    )) as GradingExport['overrides'];
    return { answers, marks, overrides };
  }

  /**
   * Erases the copies of the person's words and what graders wrote about them: answer texts,
   * the suggestion's matched passages, mark comments, flag and override reasons, the answers'
   * similarity band keys. Marks, points,
   * final points and the override trail's numbers stay (anonymised, for reports and grader
   * agreement). The audit trail is append-only except for this legal erasure.
   */
  async erase(manager: EntityManager, attemptIds: string[]): Promise<{ answers: number; marks: number }> {
    const answers = (await manager.query(
      `UPDATE grading_answers SET answer_text = $2, suggestion = '[]'::jsonb WHERE attempt_id = ANY($1)`,
      [attemptIds, ERASED_TEXT],
    )) as [unknown, number];
    const marks = (await manager.query(
      `UPDATE grading_marks m SET comment = NULL FROM grading_answers a WHERE a.id = m.answer_id AND a.attempt_id = ANY($1)`,
      [attemptIds],
    )) as [unknown, number];
    await manager.query(`UPDATE grading_tasks t SET flag_reason = NULL FROM grading_answers a WHERE a.id = t.answer_id AND a.attempt_id = ANY($1)`, [attemptIds]);
    await manager.query(`UPDATE grading_audit SET reason = $2 WHERE attempt_id = ANY($1)`, [attemptIds, ERASED_TEXT]);
    // The band keys are hashes of the words: they go with the words (flags, numbers only, stay).
    await manager.query(`DELETE FROM grading_answer_bands WHERE attempt_id = ANY($1)`, [attemptIds]);
    return { answers: answers[1], marks: marks[1] };
  }
}
