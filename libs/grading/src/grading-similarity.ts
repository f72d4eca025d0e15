import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { bandKeys, BUCKET_READ_AT_MOST, candidatesToCompare, closestNearDuplicates, type BandCandidate } from '@assay/grading-rules';

/** An answer entering grading, as intake has just written it. */
export interface NewAnswer {
  id: string;
  attemptId: string;
  paperId: string;
  questionId: string;
  text: string;
}

/** What finding one answer's near-identical others cost, and found: bounded whatever the cohort. */
export interface SimilarityWork {
  /** Entries of the band index read (at most 16 x BUCKET_READ_AT_MOST). */
  read: number;
  /** Other answers' texts compared with it (at most COMPARED_AT_MOST). */
  compared: number;
  /** Near-identical others flagged, on both attempts (at most CLOSEST_KEPT). */
  flagged: number;
}

interface IndexedCandidate extends BandCandidate {
  attemptId: string;
}

/**
 * Near-identical answers to one question between candidates of a paper (docs/grading.md): each
 * answer's band keys go into `grading_answer_bands` once, when it enters grading; a new answer
 * finds its candidates there by index, compares texts only with the likeliest few, and flags the
 * closest on both attempts.
 */
@Injectable()
export class GradingSimilarity {
  /** Idempotent: a retried intake finds the same candidates, and its keys and flags are already there. */
  async flag(manager: EntityManager, answer: NewAnswer): Promise<SimilarityWork> {
    await this.indexEarlier(manager, answer.paperId, answer.questionId);
    const keys = bandKeys(answer.text);
    if (keys.length === 0) return { read: 0, compared: 0, flagged: 0 };
    const candidates = await this.candidates(manager, answer, keys);
    const chosen = candidatesToCompare(candidates);
    const texts = await this.texts(manager, chosen.map(({ id }) => id));
    const found = closestNearDuplicates(
      answer.text,
      chosen.map(({ id }) => ({ id, text: texts.get(id) ?? '' })),
    );
    await this.index(manager, answer.paperId, answer.questionId, [{ id: answer.id, attemptId: answer.attemptId, keys }]);
    const attemptOf = new Map(chosen.map((candidate) => [candidate.id, candidate.attemptId]));
    await this.writeFlags(
      manager,
      answer,
      found.map(({ id, similarity }) => ({ otherAttemptId: attemptOf.get(id) as string, similarity })),
    );
    return { read: candidates.reduce((sum, candidate) => sum + candidate.sharedBands, 0), compared: chosen.length, flagged: found.length };
  }

  /**
   * Answers that entered grading before the band index existed (CreateAnswerBands) are indexed by
   * the first intake of their question, once; the partial index makes the check free afterwards.
   * Rows a grader holds are skipped (a later intake takes them), so marking never waits on this.
   */
  private async indexEarlier(manager: EntityManager, paperId: string, questionId: string): Promise<void> {
    const earlier = (await manager.query(
      `SELECT id, attempt_id, answer_text FROM grading_answers WHERE paper_id = $1 AND question_id = $2 AND NOT similarity_indexed FOR UPDATE SKIP LOCKED`,
      [paperId, questionId],
    )) as { id: string; attempt_id: string; answer_text: string }[];
    if (earlier.length === 0) return;
    await this.index(
      manager,
      paperId,
      questionId,
      earlier.map((row) => ({ id: row.id, attemptId: row.attempt_id, keys: bandKeys(row.answer_text) })),
    );
    await manager.query('UPDATE grading_answers SET similarity_indexed = true WHERE id = ANY($1)', [earlier.map((row) => row.id)]);
  }

  /**
   * Per band key, the newest answers of other attempts in its bucket (at most BUCKET_READ_AT_MOST,
   * from the index alone), with how many of the keys each shares.
   */
  private async candidates(manager: EntityManager, answer: NewAnswer, keys: string[]): Promise<IndexedCandidate[]> {
    const rows = (await manager.query(
      `SELECT c.answer_id, c.attempt_id, count(*)::integer AS shared, max(c.entered)::float8 AS entered
         FROM unnest($3::text[]) AS k(band_key)
        CROSS JOIN LATERAL (
          SELECT b.answer_id, b.attempt_id, b.entered FROM grading_answer_bands b
           WHERE b.tenant_id = app_current_tenant() AND b.paper_id = $1 AND b.question_id = $2 AND b.band_key = k.band_key AND b.attempt_id <> $4
           ORDER BY b.entered DESC LIMIT $5) c
        GROUP BY c.answer_id, c.attempt_id`,
      [answer.paperId, answer.questionId, keys, answer.attemptId, BUCKET_READ_AT_MOST],
    )) as { answer_id: string; attempt_id: string; shared: number; entered: number }[];
    return rows.map((row) => ({ id: row.answer_id, attemptId: row.attempt_id, sharedBands: row.shared, entered: row.entered }));
  }

  private async texts(manager: EntityManager, answerIds: string[]): Promise<Map<string, string>> {
    if (answerIds.length === 0) return new Map();
    const rows = (await manager.query('SELECT id, answer_text FROM grading_answers WHERE id = ANY($1)', [answerIds])) as { id: string; answer_text: string }[];
    return new Map(rows.map((row) => [row.id, row.answer_text]));
  }

  private async index(manager: EntityManager, paperId: string, questionId: string, answers: { id: string; attemptId: string; keys: string[] }[]): Promise<void> {
    const rows = answers.flatMap(({ id, attemptId, keys }) => keys.map((key) => [id, attemptId, key]));
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO grading_answer_bands (answer_id, attempt_id, paper_id, question_id, band_key)
       SELECT b.answer_id, b.attempt_id, $1, $2, b.band_key FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS b(answer_id, attempt_id, band_key)
       ON CONFLICT (tenant_id, answer_id, band_key) DO NOTHING`,
      [paperId, questionId, rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])],
    );
  }

  /** Each pair on both attempts, so either candidate's report shows the other. */
  private async writeFlags(manager: EntityManager, answer: NewAnswer, others: { otherAttemptId: string; similarity: number }[]): Promise<void> {
    if (others.length === 0) return;
    const flags = others.flatMap(({ otherAttemptId, similarity }) => [
      { attempt_id: answer.attemptId, other_attempt_id: otherAttemptId, similarity },
      { attempt_id: otherAttemptId, other_attempt_id: answer.attemptId, similarity },
    ]);
    await manager.query(
      `INSERT INTO similarity_flags (attempt_id, other_attempt_id, question_id, similarity)
       SELECT f.attempt_id, f.other_attempt_id, $1, f.similarity FROM jsonb_to_recordset($2::jsonb) AS f(attempt_id uuid, other_attempt_id uuid, similarity numeric)
       ON CONFLICT DO NOTHING`,
      [answer.questionId, JSON.stringify(flags)],
    );
  }
}
