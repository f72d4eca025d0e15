import type { AnswerKeyByType, ObjectiveQuestionType, OpenQuestionType } from '@assay/contracts';

/** Options of the fill-in-the-blank comparison; both default to the lenient behaviour. */
export interface BlankMatchOptions {
  /** Default false: "Beijing" matches "beijing". */
  caseSensitive?: boolean;
  /** Default true: every whitespace character is removed before comparing. */
  ignoreWhitespace?: boolean;
}

interface QuestionBase {
  /** Maximum points of the question; a finite number >= 0. */
  points: number;
}

export type ObjectiveQuestion = {
  [T in ObjectiveQuestionType]: QuestionBase & {
    type: T;
    answerKey: AnswerKeyByType[T];
    /** Option keys of a choice question ("A".."E"); when given, picks outside them make a response malformed. */
    options?: readonly string[];
    /** Only read for fill_blank. */
    blankMatch?: BlankMatchOptions;
  };
}[ObjectiveQuestionType];

export interface OpenQuestion extends QuestionBase {
  type: OpenQuestionType;
  /** Open questions have no machine answer key; the reference answer lives with the grader. */
  answerKey?: null;
}

export type Question = ObjectiveQuestion | OpenQuestion;

export type ScoreOutcome = 'correct' | 'partial' | 'incorrect' | 'unanswered';

export interface ResponseScore {
  points: number;
  maxPoints: number;
  outcome: ScoreOutcome;
  /** Set when the response did not have the shape of the question type (a client bug worth logging). */
  malformed?: true;
}

export interface AttemptItem {
  /** Caller's identifier of the item (question id, or attempt item id); echoed in the result. */
  id: string;
  question: Question;
  response: unknown;
}

export type AttemptItemOutcome = ScoreOutcome | 'pending_manual';

export interface AttemptItemScore {
  id: string;
  points: number;
  maxPoints: number;
  outcome: AttemptItemOutcome;
  malformed?: true;
}

export interface AttemptScore {
  /** Points earned so far: objective items only until graders have marked the open ones. */
  points: number;
  /** Maximum of the whole attempt, open questions included. */
  maxPoints: number;
  /** Open answers waiting for a grader. */
  pendingManual: number;
  items: AttemptItemScore[];
}

/** A problem found before publishing: where, a stable machine code, and an English explanation. */
export interface ValidationError {
  /** Path inside the validated value, e.g. "answerKey[1]" or "rubric[0].points". */
  path: string;
  code: ValidationCode;
  message: string;
}

export const VALIDATION_CODES = [
  'UNKNOWN_QUESTION_TYPE',
  'ANSWER_KEY_REQUIRED',
  'ANSWER_KEY_WRONG_TYPE',
  'ANSWER_KEY_EMPTY',
  'ANSWER_KEY_NOT_IN_OPTIONS',
  'ANSWER_KEY_DUPLICATE',
  'ANSWER_KEY_NOT_ALLOWED',
  'BLANK_NO_ACCEPTED_ANSWER',
  'RUBRIC_EMPTY',
  'RUBRIC_CRITERION_NAME_EMPTY',
  'RUBRIC_CRITERION_DUPLICATE',
  'RUBRIC_POINTS_NOT_POSITIVE',
  'RUBRIC_POINTS_TOO_PRECISE',
  'RUBRIC_SUM_MISMATCH',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];
