import type { QuestionType, RubricCriterion as ScoringRubricCriterion } from '@assay/scoring';

/** What kind of open question it is (情景, 案例分析 ...); graders and analytics group by it. */
export const OPEN_KINDS = ['scenario', 'case_analysis', 'essay', 'self_introduction', 'short_answer', 'other'] as const;
export type OpenKind = (typeof OPEN_KINDS)[number];

export const CHOICE_TYPES: readonly QuestionType[] = ['single_choice', 'multiple_choice'];

export interface QuestionOption {
  key: string;
  text: string;
}

/** One criterion of a grading rubric (评分标准); the descriptor tells graders what earns the points. */
export interface RubricCriterion extends ScoringRubricCriterion {
  descriptor?: string;
}

/** single_choice "B", multiple_choice ["B","C"], true_false boolean, fill_blank accepted answers per blank. */
export type AnswerKeyValue = string | string[] | boolean | string[][];

/** Everything that defines a question's content, as stored in the bank and frozen into paper versions. */
export interface QuestionContent {
  type: QuestionType;
  kind: OpenKind | null;
  stem: string;
  options: QuestionOption[];
  answerKey: AnswerKeyValue | null;
  referenceAnswer: string | null;
  explanation: string | null;
  rubric: RubricCriterion[];
  difficulty: number;
  tags: string[];
  points: number;
}
