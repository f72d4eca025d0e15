import { ScoringError, ScoringErrorCode } from './errors';
import { blankMatches, normaliseBlank } from './normalise';
import { round2 } from './round';
import { MULTIPLE_CHOICE_POLICIES, isObjective, isQuestionType, type MultipleChoicePolicy } from '@assay/contracts';
import type { AttemptItem, AttemptItemScore, AttemptScore, ObjectiveQuestion, ResponseScore, ScoreOutcome } from './types';
import { checkAnswerKey, isObjectiveQuestion } from './validate';

/** Fraction of the points earned, in [0, 1]; the outcome is derived from it, not from rounded points. */
type Judgement = { kind: 'fraction'; value: number } | { kind: 'unanswered' } | { kind: 'malformed' };

const UNANSWERED: Judgement = { kind: 'unanswered' };
const MALFORMED: Judgement = { kind: 'malformed' };
const fraction = (value: number): Judgement => ({ kind: 'fraction', value });

/**
 * Scores one objective response. Never throws because of the response: a missing or empty one is
 * 'unanswered', one of the wrong shape is 'incorrect' with `malformed: true`. It throws a
 * ScoringError only when the question itself is invalid, because scoring every candidate 0 against
 * a broken key would silently corrupt results.
 */
export function scoreResponse(
  question: ObjectiveQuestion,
  response: unknown,
  policy: MultipleChoicePolicy,
): ResponseScore {
  assertScorable(question, policy);
  const maxPoints = question.points;
  const judgement = judge(question, response, policy);
  switch (judgement.kind) {
    case 'unanswered':
      return { points: 0, maxPoints, outcome: 'unanswered' };
    case 'malformed':
      return { points: 0, maxPoints, outcome: 'incorrect', malformed: true };
    case 'fraction':
      return { points: round2(maxPoints * judgement.value), maxPoints, outcome: outcomeOf(judgement.value) };
  }
}

function outcomeOf(value: number): ScoreOutcome {
  if (value >= 1) return 'correct';
  return value > 0 ? 'partial' : 'incorrect';
}

function assertScorable(question: ObjectiveQuestion, policy: MultipleChoicePolicy): void {
  if (!isQuestionType(question.type) || !isObjective(question.type)) {
    throw new ScoringError(ScoringErrorCode.InvalidQuestion, `Cannot auto-score a question of type ${JSON.stringify(question.type)}.`);
  }
  if (!Number.isFinite(question.points) || question.points < 0) {
    throw new ScoringError(ScoringErrorCode.InvalidQuestion, `Question points must be a finite number >= 0, got ${question.points}.`);
  }
  if (!(MULTIPLE_CHOICE_POLICIES as readonly string[]).includes(policy)) {
    throw new ScoringError(ScoringErrorCode.InvalidQuestion, `Unknown multiple-choice policy ${JSON.stringify(policy)}.`);
  }
  const errors = checkAnswerKey(question.type, question.answerKey, question.options, question.blankMatch);
  if (errors.length > 0) {
    throw new ScoringError(
      ScoringErrorCode.InvalidQuestion,
      `Invalid answer key: ${errors.map((e) => `${e.path} ${e.code}`).join('; ')}.`,
    );
  }
}

function judge(question: ObjectiveQuestion, response: unknown, policy: MultipleChoicePolicy): Judgement {
  if (response === null || response === undefined) return UNANSWERED;
  switch (question.type) {
    case 'single_choice':
      return judgeSingleChoice(question.answerKey, question.options, response);
    case 'multiple_choice':
      return judgeMultipleChoice(question.answerKey, question.options, response, policy);
    case 'true_false':
      return typeof response === 'boolean' ? fraction(response === question.answerKey ? 1 : 0) : MALFORMED;
    case 'fill_blank':
      return judgeFillBlank(question.answerKey, response, question.blankMatch);
  }
}

function judgeSingleChoice(answerKey: string, options: readonly string[] | undefined, response: unknown): Judgement {
  if (typeof response !== 'string') return MALFORMED;
  // A cleared selection is saved as "" by some clients: treat it like no answer.
  if (response === '') return UNANSWERED;
  if (options && !options.includes(response)) return MALFORMED;
  return fraction(response === answerKey ? 1 : 0);
}

/**
 * Picks are de-duplicated first, so sending "A" twice can never count twice.
 * With C correct options, c correct picks and w wrong picks:
 * - all_or_nothing: 1 if the picked set equals the correct set, else 0;
 * - partial: c / C if w = 0, else 0 (any wrong pick cancels the item: 少选得部分分, 错选不得分);
 * - partial_with_penalty: max(0, (c - w) / C) (each wrong pick cancels one correct pick).
 * Either partial rule gives full points for picking every option only when every option is correct.
 */
function judgeMultipleChoice(
  answerKey: readonly string[],
  options: readonly string[] | undefined,
  response: unknown,
  policy: MultipleChoicePolicy,
): Judgement {
  if (!Array.isArray(response) || !response.every((pick): pick is string => typeof pick === 'string')) return MALFORMED;
  const picks = new Set(response);
  if (picks.size === 0) return UNANSWERED;
  if (options && [...picks].some((pick) => !options.includes(pick))) return MALFORMED;

  const correct = new Set(answerKey);
  const correctPicks = [...picks].filter((pick) => correct.has(pick)).length;
  const wrongPicks = picks.size - correctPicks;
  switch (policy) {
    case 'all_or_nothing':
      return fraction(wrongPicks === 0 && correctPicks === correct.size ? 1 : 0);
    case 'partial':
      return fraction(wrongPicks === 0 ? correctPicks / correct.size : 0);
    case 'partial_with_penalty':
      return fraction(Math.max(0, (correctPicks - wrongPicks) / correct.size));
  }
}

/** Each blank is worth points / blanks; the total is rounded once so that all blanks right = full points. */
function judgeFillBlank(
  answerKey: readonly (readonly string[])[],
  response: unknown,
  blankMatch: ObjectiveQuestion['blankMatch'],
): Judgement {
  if (!Array.isArray(response) || !response.every((blank): blank is string => typeof blank === 'string')) return MALFORMED;
  // The client saves one entry per blank; another length means it rendered a different question.
  if (response.length !== answerKey.length) return MALFORMED;
  if (response.every((blank) => normaliseBlank(blank, blankMatch) === '')) return UNANSWERED;
  const right = response.filter((blank, index) => blankMatches(blank, answerKey[index] ?? [], blankMatch)).length;
  return fraction(right / answerKey.length);
}

/**
 * Scores a whole attempt. Objective items are scored now; an open item with text is
 * 'pending_manual' (0 points now, its points counted in maxPoints); an open item left empty is
 * 'unanswered' and is not sent to graders, since there is nothing to mark.
 */
export function scoreAttempt(items: readonly AttemptItem[], policy: MultipleChoicePolicy): AttemptScore {
  const results: AttemptItemScore[] = items.map((item) => scoreItem(item, policy));
  // Summing in hundredths keeps totals such as 0.1 + 0.2 exact.
  const points = round2(results.reduce((sum, r) => sum + Math.round(r.points * 100), 0) / 100);
  const maxPoints = round2(results.reduce((sum, r) => sum + Math.round(r.maxPoints * 100), 0) / 100);
  const pendingManual = results.filter((r) => r.outcome === 'pending_manual').length;
  return { points, maxPoints, pendingManual, items: results };
}

function scoreItem({ id, question, response }: AttemptItem, policy: MultipleChoicePolicy): AttemptItemScore {
  if (isObjectiveQuestion(question)) return { id, ...scoreResponse(question, response, policy) };
  if (!isQuestionType(question.type)) {
    throw new ScoringError(ScoringErrorCode.InvalidQuestion, `Unknown question type ${JSON.stringify(question.type)}.`);
  }
  if (!Number.isFinite(question.points) || question.points < 0) {
    throw new ScoringError(ScoringErrorCode.InvalidQuestion, `Question points must be a finite number >= 0, got ${question.points}.`);
  }
  const maxPoints = question.points;
  if (response === null || response === undefined) return { id, points: 0, maxPoints, outcome: 'unanswered' };
  if (!isOpenResponse(response)) return { id, points: 0, maxPoints, outcome: 'incorrect', malformed: true };
  if (response.text.trim() === '') return { id, points: 0, maxPoints, outcome: 'unanswered' };
  return { id, points: 0, maxPoints, outcome: 'pending_manual' };
}

function isOpenResponse(value: unknown): value is { text: string } {
  return typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string';
}
