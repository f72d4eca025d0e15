import { normaliseBlank } from './normalise';
import { isObjective, isQuestionType, type QuestionType } from '@assay/contracts';
import type { BlankMatchOptions, ObjectiveQuestion, Question, ValidationCode, ValidationError } from './types';

export function isObjectiveQuestion(question: Question): question is ObjectiveQuestion {
  return isObjective(question.type);
}

function error(path: string, code: ValidationCode, message: string): ValidationError {
  return { path, code, message };
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Checks an answer key before a question is published. Returns every problem found (empty list
 * when the key is valid); never throws.
 *
 * `optionKeys` are the keys of the question's options ("A".."D"); ignored by non-choice types.
 */
export function validateAnswerKey(
  type: QuestionType,
  answerKey: unknown,
  optionKeys: readonly string[],
  blankMatch: BlankMatchOptions = {},
): ValidationError[] {
  return checkAnswerKey(type, answerKey, optionKeys, blankMatch);
}

/**
 * Shared by publishing (with options) and scoring (options may be unknown, in which case only the
 * shape is checked).
 */
export function checkAnswerKey(
  type: unknown,
  answerKey: unknown,
  optionKeys: readonly string[] | undefined,
  blankMatch: BlankMatchOptions = {},
): ValidationError[] {
  if (!isQuestionType(type)) {
    return [error('type', 'UNKNOWN_QUESTION_TYPE', `Unknown question type ${JSON.stringify(type)}.`)];
  }
  if (!isObjective(type)) {
    return answerKey === null || answerKey === undefined
      ? []
      : [error('answerKey', 'ANSWER_KEY_NOT_ALLOWED', `A ${type} question is graded by people and has no answer key.`)];
  }
  if (answerKey === null || answerKey === undefined) {
    return [error('answerKey', 'ANSWER_KEY_REQUIRED', `A ${type} question needs an answer key.`)];
  }
  switch (type) {
    case 'single_choice':
      return checkSingleChoice(answerKey, optionKeys);
    case 'multiple_choice':
      return checkMultipleChoice(answerKey, optionKeys);
    case 'true_false':
      return typeof answerKey === 'boolean'
        ? []
        : [error('answerKey', 'ANSWER_KEY_WRONG_TYPE', 'A true/false answer key must be true or false.')];
    case 'fill_blank':
      return checkFillBlank(answerKey, blankMatch);
  }
}

function checkSingleChoice(answerKey: unknown, optionKeys: readonly string[] | undefined): ValidationError[] {
  if (!isString(answerKey)) {
    return [error('answerKey', 'ANSWER_KEY_WRONG_TYPE', 'A single-choice answer key must be one option key.')];
  }
  if (answerKey.trim() === '') {
    return [error('answerKey', 'ANSWER_KEY_EMPTY', 'A single-choice answer key must not be empty.')];
  }
  if (optionKeys && !optionKeys.includes(answerKey)) {
    return [
      error(
        'answerKey',
        'ANSWER_KEY_NOT_IN_OPTIONS',
        `Answer ${JSON.stringify(answerKey)} is not one of the options (${optionKeys.join(', ')}).`,
      ),
    ];
  }
  return [];
}

function checkMultipleChoice(answerKey: unknown, optionKeys: readonly string[] | undefined): ValidationError[] {
  if (!Array.isArray(answerKey)) {
    return [error('answerKey', 'ANSWER_KEY_WRONG_TYPE', 'A multiple-choice answer key must be a list of option keys.')];
  }
  if (answerKey.length === 0) {
    return [error('answerKey', 'ANSWER_KEY_EMPTY', 'A multiple-choice answer key needs at least one correct option.')];
  }
  const errors: ValidationError[] = [];
  const seen = new Set<string>();
  answerKey.forEach((key: unknown, index) => {
    const path = `answerKey[${index}]`;
    if (!isString(key) || key.trim() === '') {
      errors.push(error(path, 'ANSWER_KEY_WRONG_TYPE', 'Each correct option must be a non-empty option key.'));
      return;
    }
    if (seen.has(key)) {
      errors.push(error(path, 'ANSWER_KEY_DUPLICATE', `Option ${JSON.stringify(key)} is listed twice.`));
      return;
    }
    seen.add(key);
    if (optionKeys && !optionKeys.includes(key)) {
      errors.push(
        error(path, 'ANSWER_KEY_NOT_IN_OPTIONS', `Answer ${JSON.stringify(key)} is not one of the options (${optionKeys.join(', ')}).`),
      );
    }
  });
  return errors;
}

function checkFillBlank(answerKey: unknown, blankMatch: BlankMatchOptions): ValidationError[] {
  if (!Array.isArray(answerKey)) {
    return [error('answerKey', 'ANSWER_KEY_WRONG_TYPE', 'A fill-in-the-blank answer key must list the accepted answers of each blank.')];
  }
  if (answerKey.length === 0) {
    return [error('answerKey', 'ANSWER_KEY_EMPTY', 'A fill-in-the-blank question needs at least one blank.')];
  }
  const errors: ValidationError[] = [];
  answerKey.forEach((accepted: unknown, blank) => {
    const path = `answerKey[${blank}]`;
    if (!Array.isArray(accepted) || !accepted.every(isString)) {
      errors.push(error(path, 'ANSWER_KEY_WRONG_TYPE', `Blank ${blank + 1} must list its accepted answers as text.`));
      return;
    }
    // Checked after normalisation: an answer such as "。" would never match anything.
    if (!accepted.some((answer) => normaliseBlank(answer, blankMatch) !== '')) {
      errors.push(error(path, 'BLANK_NO_ACCEPTED_ANSWER', `Blank ${blank + 1} needs at least one non-empty accepted answer.`));
    }
  });
  return errors;
}
