/** Every question type the product knows. Objective types are scored here; open types by graders. */
export const QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'true_false',
  'fill_blank',
  'short_answer',
  'essay',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const OBJECTIVE_QUESTION_TYPES = ['single_choice', 'multiple_choice', 'true_false', 'fill_blank'] as const;
export type ObjectiveQuestionType = (typeof OBJECTIVE_QUESTION_TYPES)[number];
export type OpenQuestionType = Exclude<QuestionType, ObjectiveQuestionType>;

/** Answer key per objective type: option keys ("B"), a boolean, or the accepted answers of each blank. */
export interface AnswerKeyByType {
  single_choice: string;
  multiple_choice: readonly string[];
  true_false: boolean;
  /** One entry per blank, each listing every accepted answer (e.g. Simplified and Traditional spellings). */
  fill_blank: readonly (readonly string[])[];
}
export type AnswerKey<T extends ObjectiveQuestionType = ObjectiveQuestionType> = AnswerKeyByType[T];

/** What a candidate's client saves for each type. */
export interface ResponseByType {
  single_choice: string;
  multiple_choice: readonly string[];
  true_false: boolean;
  /** One entry per blank, in blank order. */
  fill_blank: readonly string[];
  short_answer: OpenResponse;
  essay: OpenResponse;
}
export interface OpenResponse {
  text: string;
}
export type CandidateResponse<T extends QuestionType = QuestionType> = ResponseByType[T];

/**
 * How a multiple-choice answer with some right and some wrong picks is scored.
 * See docs/scoring.md for the exact rules and examples.
 */
export const MULTIPLE_CHOICE_POLICIES = ['all_or_nothing', 'partial', 'partial_with_penalty'] as const;
export type MultipleChoicePolicy = (typeof MULTIPLE_CHOICE_POLICIES)[number];

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

export interface RubricCriterion {
  criterion: string;
  maxPoints: number;
}

/** A problem found before publishing: where, a stable machine code, and an English explanation. */
export interface ValidationError {
  /** Path inside the validated value, e.g. "answerKey[1]" or "rubric[0].maxPoints". */
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
