/**
 * The interchange format: what the reader produces, and also the product's paper JSON export/import
 * format (see docs/paper-format.md). Plain data only, so it crosses process and API boundaries as is.
 */

export type QuestionType =
  | 'single_choice'
  | 'multiple_choice'
  | 'true_false'
  | 'fill_blank'
  | 'short_answer'
  | 'essay';

/** What kind of open question it is; graders and analytics group by it. Null for objective types. */
export type OpenKind = 'short_answer' | 'essay' | 'scenario' | 'case_analysis' | 'self_introduction' | 'other';

/**
 * single_choice: "B"; multiple_choice: ["B","C"] (sorted); true_false: true/false;
 * fill_blank: accepted answers per blank; open types: null (their text is the reference answer).
 */
export type AnswerKey = string | string[] | boolean | string[][];

export interface ImportedOption {
  key: string;
  text: string;
}

export interface RubricCriterion {
  criterion: string;
  points: number;
}

export interface ImportedQuestion {
  type: QuestionType;
  kind: OpenKind | null;
  stem: string;
  options: ImportedOption[];
  answer: AnswerKey | null;
  referenceAnswer: string | null;
  explanation: string | null;
  competencies: string[];
  rubric: RubricCriterion[];
  points: number | null;
  /** 1-based line of the question in the input text (row number for spreadsheets). */
  line: number;
}

export interface ImportedSection {
  title: string;
  /** null when the section mixes question types. */
  type: QuestionType | null;
  declaredCount: number | null;
  pointsEach: number | null;
  questions: ImportedQuestion[];
}

export interface ImportWarning {
  /** 1-based line in the input text. */
  line: number;
  code: WarningCode;
  message: string;
}

export interface ImportedPaper {
  title: string;
  durationMinutes: number | null;
  totalPoints: number | null;
  sections: ImportedSection[];
  warnings: ImportWarning[];
}

const OBJECTIVE_TYPES: readonly QuestionType[] = ['single_choice', 'multiple_choice', 'true_false', 'fill_blank'];

export function isObjective(type: QuestionType): boolean {
  return OBJECTIVE_TYPES.includes(type);
}

/** Stable machine codes of the warnings; the message is the zh-CN text for people. */
export type WarningCode =
  | 'missing_title'
  | 'no_questions'
  | 'count_mismatch'
  | 'section_points_inconsistent'
  | 'total_mismatch'
  | 'section_without_points'
  | 'missing_answer'
  | 'missing_reference_answer'
  | 'answer_without_question'
  | 'unknown_answer_section'
  | 'answer_conflict'
  | 'answer_type_mismatch'
  | 'answer_not_in_options'
  | 'unreadable_answer'
  | 'unreadable_rubric'
  | 'missing_options'
  | 'blank_count_mismatch'
  | 'numbering_gap'
  | 'rubric_points_mismatch'
  | 'truncated'
  | 'non_question_text'
  | 'unplaced_line';
