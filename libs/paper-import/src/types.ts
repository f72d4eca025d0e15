/**
 * The interchange format: what the reader produces, and also the product's paper JSON export/import
 * format (see docs/paper-format.md). Plain data only, so it crosses process and API boundaries as is.
 * The question vocabulary itself is @assay/contracts'.
 */
import type { QuestionContent, QuestionType } from '@assay/contracts';

/**
 * A question of the interchange format: the bank's question content (same names), with its
 * competencies by name, its points unknown (null) when the document does not say, and its line.
 */
export interface ImportedQuestion extends Omit<QuestionContent, 'points' | 'difficulty' | 'tags'> {
  competencies: string[];
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

/**
 * A source line the reader left out of the paper on purpose: site material around the paper
 * ('site_text'), an instruction to candidates ('instruction'), a line that only structures the
 * document such as an answer-key heading or a group heading ('structure'), or a line of a section
 * that holds no questions ('not_a_question', also warned on the section's heading). Listed with the
 * preview so HR can check that only these went.
 */
export interface DroppedLine {
  /** 1-based line in the input text. */
  line: number;
  text: string;
  reason: 'site_text' | 'instruction' | 'structure' | 'not_a_question';
}

export interface ImportedPaper {
  title: string;
  durationMinutes: number | null;
  totalPoints: number | null;
  sections: ImportedSection[];
  warnings: ImportWarning[];
}

/**
 * What the reader took a source line for. 'header' lines are the title and the duration/total line
 * (title, header_field) or other lines above the paper; 'boilerplate' are site and page lines;
 * 'continuation' is a further line of the stem, answer or explanation above it; 'unplaced' lines
 * carry a warning.
 */
export type LineKind =
  | 'title'
  | 'header_field'
  | 'header'
  | 'section_heading'
  | 'instruction'
  | 'question'
  | 'option'
  | 'answer'
  | 'explanation'
  | 'competency'
  | 'rubric'
  | 'answer_key_heading'
  | 'boilerplate'
  | 'continuation'
  | 'unplaced';

/** One non-blank source line as the reader classified it, with the name of the rule that decided (shown in the preview). */
export interface LineReading {
  /** 1-based line in the input text. */
  line: number;
  kind: LineKind;
  /** Stable rule name, e.g. "question.dot", "label.answer", "key.entries_line", "site.marker". */
  rule: string;
}

/** What the document reader returns: the paper, and the lines it left out (the paper format itself has no such field). */
export interface ReadPaper extends ImportedPaper {
  /** Every non-blank line of the source that is in no field of the paper and in no warning. */
  dropped: DroppedLine[];
  /** Every non-blank line of the source, in order, with what it was read as and why. */
  readings: LineReading[];
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
