/**
 * The one question vocabulary: the names the API, the paper interchange format, the database JSON,
 * the scoring and import libraries and the web client all use. Nothing else declares these.
 */

/** Every question type the product knows. Objective types are scored by machine; open types by graders. */
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

export const CHOICE_QUESTION_TYPES: readonly QuestionType[] = ['single_choice', 'multiple_choice'];

export function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === 'string' && (QUESTION_TYPES as readonly string[]).includes(value);
}

export function isObjective(type: QuestionType): type is ObjectiveQuestionType {
  return (OBJECTIVE_QUESTION_TYPES as readonly string[]).includes(type);
}

/** What kind of open question it is (情景, 案例分析 ...); graders and analytics group by it. Null for objective types. */
export const OPEN_KINDS = ['scenario', 'case_analysis', 'essay', 'self_introduction', 'short_answer', 'other'] as const;
export type OpenKind = (typeof OPEN_KINDS)[number];

/** One option of a choice question. */
export interface QuestionOption {
  /** "A", "B", ... */
  key: string;
  text: string;
}

/** The answer key of each objective type: option keys ("B"), a boolean, or the accepted answers of each blank. */
export interface AnswerKeyByType {
  single_choice: string;
  /** Sorted option keys, e.g. ["B", "C"]. */
  multiple_choice: readonly string[];
  true_false: boolean;
  /** One entry per blank, each listing every accepted answer (e.g. Simplified and Traditional spellings). */
  fill_blank: readonly (readonly string[])[];
}
export type AnswerKey<T extends ObjectiveQuestionType = ObjectiveQuestionType> = AnswerKeyByType[T];

/** One criterion of a marking rubric (评分标准): what earns the points, and how many. */
export interface RubricCriterion {
  criterion: string;
  points: number;
  /** What a grader should look for to award the points. */
  descriptor?: string;
}

/**
 * How a multiple-choice answer with some right and some wrong picks is scored.
 * See docs/scoring.md for the exact rules and examples.
 */
export const MULTIPLE_CHOICE_POLICIES = ['all_or_nothing', 'partial', 'partial_with_penalty'] as const;
export type MultipleChoicePolicy = (typeof MULTIPLE_CHOICE_POLICIES)[number];

/** Everything that defines a question's content, as stored in the bank, frozen into paper versions and exchanged. */
export interface QuestionContent {
  type: QuestionType;
  kind: OpenKind | null;
  stem: string;
  options: QuestionOption[];
  answerKey: AnswerKey | null;
  referenceAnswer: string | null;
  explanation: string | null;
  rubric: RubricCriterion[];
  /** 1 (easy) to 5 (hard). */
  difficulty: number;
  tags: string[];
  points: number;
}
