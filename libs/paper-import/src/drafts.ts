import type { SourceLine } from './normalise';
import type { SectionHeading } from './sections';
import type { TypeHint } from './type-words';
import type { NumberStyle } from './questions';
import type { QuestionOption, RubricCriterion } from '@assay/contracts';

/** Text gathered under one label, line by line, in the author's words. */
export interface TextBlock {
  line: number;
  lines: string[];
}

/** What can be said about a question, either under it or in the answer key at the end. */
export interface Notes {
  /** Objective key (plus anything after it) or, for open questions, the reference answer. */
  answer: TextBlock | null;
  explanation: TextBlock | null;
  competencies: string[];
  rubric: RubricCriterion[];
  rubricLine: number | null;
}

export interface QuestionDraft extends Notes {
  number: number | null;
  /** How the question is numbered; null for an unnumbered question. */
  style: NumberStyle | null;
  line: number;
  /** Type stated in the question itself ("1.单选题:…"). */
  hint: TypeHint | null;
  stem: string[];
  options: QuestionOption[];
  points: number | null;
  /** The question asks something (question mark, blank, imperative); tells questions from articles. */
  asks: boolean;
  /** Last number of a list inside the question or its answer ("1. 2. 3." points), 0 when none. */
  subList: number;
}

export interface SectionDraft {
  heading: SectionHeading | null;
  line: number;
  questions: QuestionDraft[];
  /** Lines inside the section that belong to no question. */
  stray: SourceLine[];
  /** Every line of the section, its heading included. */
  lines: SourceLine[];
}

export interface AnswerEntry extends Notes {
  line: number;
  number: number;
  /** Section named by the answer key's own heading; null when the key has none. */
  section: SectionDraft | null;
  /** The key's heading names no section of the paper: the entry cannot be placed. */
  orphan: boolean;
  /** Section the entry falls in when the key numbers sections one after the other without headings. */
  sectionByOrder: number;
  subList: number;
}

export function emptyNotes(): Notes {
  return { answer: null, explanation: null, competencies: [], rubric: [], rubricLine: null };
}

/** How warnings name a section: its title, or 试题 for the questions before any heading. */
export function sectionName(s: SectionDraft): string {
  return s.heading?.title ?? '试题';
}

export function questionName(s: SectionDraft, q: QuestionDraft): string {
  return `“${sectionName(s)}”第${q.number ?? s.questions.indexOf(q) + 1}题`;
}
