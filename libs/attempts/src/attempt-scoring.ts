import type { PaperSnapshot, SnapshotQuestion } from '@assay/papers';
import { isObjective } from '@assay/contracts';
import { scoreAttempt, type AttemptScore, type Question } from '@assay/scoring';

/** A snapshot question as @assay/scoring sees it: type, points, key and option keys only. */
export function scoringQuestion(question: SnapshotQuestion): Question {
  if (isObjective(question.type)) {
    return {
      type: question.type,
      points: question.points,
      answerKey: question.answerKey,
      options: question.options.map((option) => option.key),
    } as Question;
  }
  return { type: question.type as Exclude<Question['type'], 'single_choice' | 'multiple_choice' | 'true_false' | 'fill_blank'>, points: question.points };
}

/**
 * Scores an attempt from scratch: the attempt's questions (in its order) against the stored answers,
 * with the paper's multiple-choice policy. Pure and deterministic, so a re-run gives the same values.
 */
export function scoreAttemptAnswers(snapshot: PaperSnapshot, questionIds: readonly string[], answers: ReadonlyMap<string, unknown>): AttemptScore {
  const byId = new Map<string, SnapshotQuestion>();
  for (const section of snapshot.sections) for (const question of section.questions) byId.set(question.id, question);
  const items = questionIds.map((id) => {
    const question = byId.get(id);
    if (!question) throw new Error(`question ${id} of the attempt is missing from its paper version`);
    return { id, question: scoringQuestion(question), response: answers.get(id) ?? null };
  });
  return scoreAttempt(items, snapshot.settings.multipleChoicePolicy);
}
