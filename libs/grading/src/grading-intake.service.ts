import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantTransaction } from '@assay/core';
import { AttemptsService } from '@assay/attempts';
import { extractKeyPoints, suggestMark, type KeyPoint } from '@assay/grading-rules';
import { PublishedPapers, type PaperSnapshot, type SnapshotQuestion } from '@assay/papers';
import { GradingSettingsService } from './grading-settings.service';
import { GradingSimilarity, type SimilarityWork } from './grading-similarity';

/** Unambiguous upper-case letters and digits (no 0/O, 1/I) for codes a lead may read aloud. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random anonymous code per attempt ("K7Q2-M9XD"): graders see only this, never a name or email. */
export function anonymousCode(): string {
  const chars = [...randomBytes(8)].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

interface GradingQuestion {
  question: SnapshotQuestion;
  position: number;
  keyPoints: KeyPoint[];
}

/** Turns a submitted attempt's open answers into grading tasks, with suggestions and similarity flags. */
@Injectable()
export class GradingIntakeService {
  private readonly logger = new Logger(GradingIntakeService.name);

  constructor(
    private readonly tx: TenantTransaction,
    private readonly attempts: AttemptsService,
    private readonly settings: GradingSettingsService,
    private readonly papers: PublishedPapers,
    private readonly similarity: GradingSimilarity,
  ) {}

  /**
   * Idempotent: the script row is created once (the attempt row is locked while it is), so a
   * retried or duplicated job finds it and changes nothing.
   */
  createTasks(tenantId: string, attemptId: string): Promise<'done' | 'skipped'> {
    return this.tx.runAs(tenantId, async (manager) => {
      const open = await this.attempts.openAnswers(manager, attemptId);
      if (!open || open.answers.length === 0) return 'skipped';
      const [existing] = (await manager.query('SELECT 1 FROM grading_scripts WHERE attempt_id = $1', [attemptId])) as unknown[];
      if (existing) return 'skipped';
      const { snapshot } = await this.papers.version(manager, open.paperVersionId);
      const questions = await this.questions(manager, open.paperVersionId, snapshot);
      const settings = await this.settings.of(manager, open.paperId);
      await manager.query(
        `INSERT INTO grading_scripts (attempt_id, paper_id, paper_version_id, anonymous_code, pass_mark, open_answers) VALUES ($1, $2, $3, $4, $5, $6)`,
        [attemptId, open.paperId, open.paperVersionId, anonymousCode(), snapshot.passMark, open.answers.length],
      );
      const work: SimilarityWork = { read: 0, compared: 0, flagged: 0 };
      for (const answer of open.answers) {
        const question = questions.get(answer.questionId);
        if (!question) throw new Error(`question ${answer.questionId} of attempt ${attemptId} is missing from its paper version`);
        const suggestion = suggestMark(question.keyPoints, answer.text, question.question.points, settings.halfPoints);
        const [{ id }] = (await manager.query(
          `INSERT INTO grading_answers (attempt_id, paper_id, paper_version_id, question_id, position, answer_text, max_points, suggested_points, suggestion)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [attemptId, open.paperId, open.paperVersionId, answer.questionId, question.position, answer.text, question.question.points, suggestion.points, JSON.stringify(suggestion.keyPoints)],
        )) as { id: string }[];
        await manager.query(
          `INSERT INTO grading_tasks (answer_id, paper_id, question_id, position, round) VALUES ($1, $2, $3, $4, 'first')`,
          [id, open.paperId, answer.questionId, question.position],
        );
        const found = await this.similarity.flag(manager, { id, attemptId, paperId: open.paperId, questionId: answer.questionId, text: answer.text });
        work.read += found.read;
        work.compared += found.compared;
        work.flagged += found.flagged;
      }
      if (work.flagged > 0) this.logger.log({ attemptId, ...work }, 'Near-identical answers flagged');
      return 'done';
    });
  }

  /**
   * The open questions of the version with their key points; copied into grading_questions once
   * per version (ON CONFLICT: the first copy wins, they are identical), so claiming a task never
   * reads the large snapshot.
   */
  private async questions(manager: EntityManager, versionId: string, snapshot: PaperSnapshot): Promise<Map<string, GradingQuestion>> {
    const all = snapshot.sections.flatMap((section) => section.questions);
    const byId = new Map<string, GradingQuestion>();
    all.forEach((question, position) => {
      if (question.type === 'short_answer' || question.type === 'essay') {
        byId.set(question.id, { question, position, keyPoints: extractKeyPoints(question.referenceAnswer ?? '') });
      }
    });
    const rows = [...byId.values()].map(({ question, position, keyPoints }) => ({
      question_id: question.id,
      position,
      stem: question.stem,
      reference_answer: question.referenceAnswer,
      explanation: question.explanation,
      rubric: question.rubric,
      points: question.points,
      key_points: keyPoints,
    }));
    await manager.query(
      `INSERT INTO grading_questions (paper_version_id, question_id, position, stem, reference_answer, explanation, rubric, points, key_points)
       SELECT $1, q.question_id, q.position, q.stem, q.reference_answer, q.explanation, q.rubric, q.points, q.key_points
         FROM jsonb_to_recordset($2::jsonb) AS q(question_id uuid, position integer, stem text, reference_answer text, explanation text, rubric jsonb, points numeric, key_points jsonb)
       ON CONFLICT (tenant_id, paper_version_id, question_id) DO NOTHING`,
      [versionId, JSON.stringify(rows)],
    );
    return byId;
  }
}
