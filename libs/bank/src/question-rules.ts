import type { FieldProblem } from '@assay/core';
import { CHOICE_QUESTION_TYPES, isObjective, type QuestionContent } from '@assay/contracts';
import { validateAnswerKey, validateRubric } from '@assay/scoring';

const MIN_OPTIONS = 2;
export const MAX_POINTS = 1000;

/**
 * The per-type rules of a bank question, as field problems named like the request body
 * (`options[2].key`, `answerKey[1]`, `rubric[0].points`). A missing answer key is allowed here,
 * so imported questions can be completed later; publishing a paper that uses them is not.
 */
export function questionProblems(question: QuestionContent): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // The request DTO checks this too; imports reach the bank without it.
  if (!(question.points > 0 && question.points <= MAX_POINTS) || Math.round(question.points * 100) / 100 !== question.points) {
    problems.push({ field: 'points', reason: `must be more than 0 and at most ${MAX_POINTS}, with at most 2 decimals` });
  }
  const objective = isObjective(question.type);
  const choice = CHOICE_QUESTION_TYPES.includes(question.type);

  if (choice) {
    if (question.options.length < MIN_OPTIONS) {
      problems.push({ field: 'options', reason: `a ${question.type} question needs at least ${MIN_OPTIONS} options` });
    }
    const seen = new Set<string>();
    question.options.forEach((option, index) => {
      const key = option.key.trim();
      if (key === '') problems.push({ field: `options[${index}].key`, reason: 'must not be empty' });
      else if (seen.has(key)) problems.push({ field: `options[${index}].key`, reason: `key "${key}" is used by an earlier option` });
      seen.add(key);
      if (option.text.trim() === '') problems.push({ field: `options[${index}].text`, reason: 'must not be empty' });
    });
  } else if (question.options.length > 0) {
    problems.push({ field: 'options', reason: `a ${question.type} question has no options` });
  }

  if (objective && question.kind !== null) {
    problems.push({ field: 'kind', reason: 'only open questions (short_answer, essay) have a kind' });
  }

  if (question.answerKey !== null) {
    const optionKeys = question.options.map((o) => o.key);
    for (const error of validateAnswerKey(question.type, question.answerKey, optionKeys)) {
      problems.push({ field: error.path, reason: error.message });
    }
  }

  if (objective) {
    if (question.rubric.length > 0) problems.push({ field: 'rubric', reason: 'an objective question is scored by its answer key and has no rubric' });
  } else if (question.rubric.length > 0) {
    for (const error of validateRubric(question.rubric, question.points)) {
      problems.push({ field: error.path, reason: error.message });
    }
  }
  return problems;
}
