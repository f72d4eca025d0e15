import type { AnswerEntry, Notes, QuestionDraft, SectionDraft } from './drafts';
import type { SourceLine } from './normalise';
import type { LineKind, LineReading } from './types';

/** What the classify-and-assemble pass makes of the cleaned lines. */
export interface ParsedDocument {
  /** Lines before the first section or question: title, duration, total, instructions. */
  preamble: SourceLine[];
  sections: SectionDraft[];
  entries: AnswerEntry[];
  /** Lines that fit nowhere (besides the stray lines of sections). */
  unplaced: SourceLine[];
  /** Answer-key headings that name no section of the paper. */
  unknownAnswerSections: SourceLine[];
  /** Rubric items without points. */
  unreadableRubric: { line: number; text: string }[];
  /** Instructions to candidates ("要求:…", "注意事项:…"): part of the page, not of any question. */
  instructions: SourceLine[];
  /** Lines that only structure the document: answer-key headings, bare labels ("解析:"), "题目1答案:". */
  structure: SourceLine[];
  /** What every line was read as, and the rule that decided it. */
  readings: LineReading[];
}

/** Where a plain line of text goes. */
export type Field = 'stem' | 'options' | 'answer' | 'explanation' | 'rubric' | 'none';

/** Where the reader stands: what the lines read so far opened. */
export interface ReaderState {
  mode: 'paper' | 'answers';
  section: SectionDraft | null;
  question: QuestionDraft | null;
  entry: AnswerEntry | null;
  field: Field;
  fieldBeforeRubric: Field;
  /** Last accepted "一、" and "(一)" numbers: a heading must continue them (or carry a type word). */
  lastOrdinal: { plain: number; paren: number };
  // Answer keys without section headings restart their numbering for each section.
  keySection: SectionDraft | null;
  keyOrder: number;
  keyLastNumber: number;
  keyOrphan: boolean;
  /** The instruction block being read: "注意事项:" alone on its line (bare) takes the lines below it. */
  instruction: { bare: boolean; lastNumber: number } | null;
  /** The entries of a key table whose numbers row was just read; its answers row comes next. */
  grid: { number: number; answer: string }[] | null;
}

/**
 * One pass of the reader: the lines, the drafts assembled so far and where it stands. The rules
 * that classify a line read it; the assembling functions change it.
 */
export interface Reader {
  lines: SourceLine[];
  doc: ParsedDocument;
  st: ReaderState;
}

export type Reading = Omit<LineReading, 'line'>;

export function reading(kind: LineKind, rule: string): Reading {
  return { kind, rule };
}

export function newReader(lines: SourceLine[]): Reader {
  return {
    lines,
    doc: { preamble: [], sections: [], entries: [], unplaced: [], unknownAnswerSections: [], unreadableRubric: [], instructions: [], structure: [], readings: [] },
    st: {
      mode: 'paper',
      section: null,
      question: null,
      entry: null,
      field: 'none',
      fieldBeforeRubric: 'none',
      lastOrdinal: { plain: 0, paren: 0 },
      keySection: null,
      keyOrder: 0,
      keyLastNumber: 0,
      keyOrphan: false,
      instruction: null,
      grid: null,
    },
  };
}

/** What labels and continuation lines add to: the open question of the paper, or the open key entry. */
export function holder({ st }: Reader): (Notes & { subList: number; number: number | null }) | null {
  return st.mode === 'paper' ? st.question : st.entry;
}

/** The lines of the field being written (stem, answer or explanation), to see whether a quotation is still open. */
export function currentBlock(r: Reader): string[] {
  const h = holder(r);
  const { st } = r;
  if (!h) return [];
  if (st.field === 'answer') return h.answer?.lines ?? [];
  if (st.field === 'explanation') return h.explanation?.lines ?? [];
  if (st.field === 'stem' && st.question && st.mode === 'paper') return st.question.stem;
  return [];
}
