import { entriesInLine } from './answer-key';
import { applyLabel, startSection } from './assemble';
import { acceptsHeading, instructionContinues, instructionStart, isBlockStart, keyWithEntries, quoteOpen, rubricLine } from './classify';
import { parseLabel } from './labels';
import type { LabelKind } from './labels';
import { addEntries, openKey, readGrid, readKeyLine, readKeySectionHeading, sectionKey } from './key-lines';
import type { SourceLine } from './normalise';
import { readPaperLine } from './paper-lines';
import { currentBlock, holder, newReader, reading } from './reader-state';
import type { ParsedDocument, Reader, Reading } from './reader-state';
import { parseSectionHeading } from './sections';
import type { LineKind } from './types';

export { looksStructural } from './classify';
export type { ParsedDocument } from './reader-state';

// The classify-and-assemble stage. Each line is tried against the readers below in order, the first
// that takes it wins and says what the line is and by which rule. What a line is depends on where
// the reader stands ("1." is a question in the paper, an entry in the key, a point inside an
// answer), so the lines are read in one pass: the rules (classify.ts) decide from the line and the
// state, the assembling functions (assemble.ts, key-lines.ts, paper-lines.ts) change it.

const LABEL_KINDS: Record<LabelKind, LineKind> = {
  answer: 'answer',
  answer_and_explanation: 'answer',
  explanation: 'explanation',
  competencies: 'competency',
  rubric: 'rubric',
};

/** Lines that answer or open an answer key: a key line under a section, a key table, a key heading. */
function readKeyStart(r: Reader, i: number): Reading | null {
  const line = r.lines[i];
  // One numbered answer ("参考答案:1.×") names its question, so it may answer the section too.
  const sectionEntriesAt = keyWithEntries(r.st, line, 1);
  if (sectionEntriesAt !== null && sectionKey(r, line, entriesInLine(line.raw.slice(sectionEntriesAt), line.norm.slice(sectionEntriesAt)))) {
    return reading('answer', 'key.section_line');
  }
  const grid = readGrid(r, i);
  if (grid) return grid;
  const entriesAt = keyWithEntries(r.st, line, 2);
  if (entriesAt === null && !isBlockStart(r, i)) return null;
  openKey(r);
  if (entriesAt !== null) return addEntries(r, line, line.raw.slice(entriesAt), line.norm.slice(entriesAt), 'key.label_with_entries');
  r.doc.structure.push(line);
  return reading('answer_key_heading', 'key.heading');
}

/** A section heading of the paper, or of the key. */
function readHeading(r: Reader, line: SourceLine): Reading | null {
  const heading = parseSectionHeading(line);
  if (!heading || quoteOpen(currentBlock(r)) || !acceptsHeading(r, heading)) return null;
  const { st } = r;
  if (heading.style === 'plain') st.lastOrdinal = { plain: heading.ordinal ?? 0, paren: 0 };
  else if (heading.style === 'paren') st.lastOrdinal.paren = heading.ordinal ?? 0;
  st.instruction = null;
  if (st.mode === 'answers') return readKeySectionHeading(r, line, heading);
  startSection(r, heading, line);
  if (heading.tail !== '') r.doc.unplaced.push(line);
  return reading('section_heading', heading.ordinal === null ? 'section.typed_heading' : `section.numbered_${heading.style}`);
}

/** An instruction to candidates, or a line of the instruction block it opened. */
function readInstruction(r: Reader, line: SourceLine): Reading | null {
  const { st } = r;
  const lastNumber = instructionContinues(st, line);
  if (st.instruction && lastNumber !== null) {
    st.instruction.lastNumber = lastNumber;
    r.doc.instructions.push(line);
    return reading('instruction', 'instruction.block');
  }
  st.instruction = instructionStart(st, line);
  if (!st.instruction) return null;
  r.doc.instructions.push(line);
  return reading('instruction', 'instruction.label');
}

/** "答案:", "解析:", "考察点:", "评分标准:" on the open question or key entry; then rubric criteria one per line. */
function readNotes(r: Reader, line: SourceLine): Reading | null {
  const h = holder(r);
  if (!h) return null;
  const label = parseLabel(line.norm);
  if (label) {
    applyLabel(r, h, label, line);
    if (line.norm.slice(label.textStart).trim() === '') r.doc.structure.push(line);
    return reading(LABEL_KINDS[label.kind], `label.${label.kind}`);
  }
  if (r.st.field !== 'rubric') return null;
  const criteria = rubricLine(line);
  if (criteria) {
    h.rubric.push(...criteria);
    return reading('rubric', 'rubric.criterion_line');
  }
  r.st.field = r.st.fieldBeforeRubric;
  return null;
}

/** What one line is, and by which rule: the first reader that takes it. */
function read(r: Reader, i: number): Reading {
  const line = r.lines[i];
  return (
    readKeyStart(r, i) ??
    readHeading(r, line) ??
    readInstruction(r, line) ??
    readNotes(r, line) ??
    (r.st.mode === 'answers' ? readKeyLine(r, line) : readPaperLine(r, i))
  );
}

/** Reads the cleaned lines into sections, questions and answer-key entries, with a reading for every line. */
export function parseLines(lines: SourceLine[]): ParsedDocument {
  const r = newReader(lines);
  for (let i = 0; i < lines.length; i++) {
    const { kind, rule } = read(r, i);
    r.doc.readings.push({ line: lines[i].no, kind, rule });
    // Every line read while a section of the paper is open is the section's, so a section that
    // turns out to hold no questions can account for all its lines.
    if (r.st.mode === 'paper' && r.st.section) r.st.section.lines.push(lines[i]);
  }
  return r.doc;
}
