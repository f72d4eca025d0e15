import type { RubricCriterion } from '@assay/contracts';
import { entriesInLine, looksLikeAnswerToken } from './answer-key';
import type { EntryStart } from './answer-key';
import type { AnswerEntry, SectionDraft } from './drafts';
import { findSection } from './find-section';
import { parseLabel, parseRubric } from './labels';
import type { SourceLine } from './normalise';
import { looksLikeQuestion, parseOptions, parseQuestionStart } from './questions';
import type { QuestionStart } from './questions';
import { currentBlock } from './reader-state';
import type { Reader, ReaderState } from './reader-state';
import { isAnswerBlockHeading, parseSectionHeading } from './sections';
import type { SectionHeading } from './sections';
import { typeFromTitle } from './type-words';

// The rules that say what a line is. They only read the line and where the reader stands (what the
// lines before opened); they change nothing, so each is tested on its own in classify.spec.ts.

/** A line that gives the document structure: never site text, however often it repeats. */
export function looksStructural(line: SourceLine): boolean {
  return (
    parseSectionHeading(line) !== null ||
    parseQuestionStart(line.norm) !== null ||
    isAnswerBlockHeading(line) ||
    parseOptions(line.raw, line.norm) !== null
  );
}

/** An unclosed “ in the field being written: a line that looks like a heading or a number is quoted text. */
export function quoteOpen(block: string[]): boolean {
  const text = block.join('\n');
  return (text.match(/“/g)?.length ?? 0) > (text.match(/”/g)?.length ?? 0);
}

/** A typed or declared heading: it says what its questions are, so it may hold a question written without a number. */
function isTypedOrDeclared(h: SectionHeading): boolean {
  const d = h.declaration;
  return typeFromTitle(h.titleNorm) !== null || d.count !== null || d.pointsEach !== null || d.total !== null;
}

/** A typed or declared section may hold a question written without a number ("五、论述题(共1题,20分)"). */
export function sectionTakesUnnumbered(section: SectionDraft): boolean {
  return section.heading !== null && isTypedOrDeclared(section.heading);
}

/**
 * A heading is taken when it says what it holds (type word or declaration), or continues the
 * numbering: "一、" inside an answer after "三、" is a point of the answer, not a section.
 */
export function acceptsHeading(r: Reader, h: SectionHeading): boolean {
  if (isTypedOrDeclared(h)) return true;
  if (h.style === 'none') return true;
  if (h.ordinal === r.st.lastOrdinal[h.style] + 1) return true;
  // In the key, a heading that names a section of the paper ("Part 2", "三、") is that section's.
  if (r.st.mode === 'answers' && findSection(r.doc.sections, h) !== null) return true;
  return h.style === 'paren' && h.ordinal === 1;
}

/** "参考答案:1.B 2.C" in the paper: a key label carrying at least `least` entries (offset of the entries), or null. */
export function keyWithEntries(st: ReaderState, line: SourceLine, least: number): number | null {
  const label = parseLabel(line.norm);
  if (st.mode === 'answers' || label?.kind !== 'answer') return null;
  return entriesInLine(line.raw.slice(label.textStart), line.norm.slice(label.textStart)).length >= least ? label.textStart : null;
}

/**
 * "答案与解析" opens the key at the end of the paper. Right under a question still without an answer,
 * a heading ending in ":" is that question's label, and the key only opens if a section or a
 * question follows.
 */
export function isBlockStart(r: Reader, i: number): boolean {
  const line = r.lines[i];
  if (r.st.mode === 'answers' || !isAnswerBlockHeading(line)) return false;
  if (!r.st.question || r.st.question.answer !== null) return true;
  if (/:$/.test(line.norm)) return false;
  const next = r.lines[i + 1];
  return next !== undefined && (parseSectionHeading(next) !== null || parseQuestionStart(next.norm) !== null);
}

// Instructions to candidates, said before the questions of the paper or of a section.
const INSTRUCTION =
  /^[【[]?\s*(?:要求|注意事项|注意|说明|作答要求|答题要求|答题说明|考生须知|提示|温馨提示|填写说明)\s*[】\]]?\s*:?|^(?:instructions?|directions?|notes?|requirements?)\s*:\s*/i;

/** "要求:…", "注意事项:" outside a question: the instruction block it opens, or null. */
export function instructionStart(st: ReaderState, line: SourceLine): { bare: boolean; lastNumber: number } | null {
  const m = INSTRUCTION.exec(line.norm);
  if (st.mode === 'answers' || st.question || !m || parseLabel(line.norm)) return null;
  const rest = line.norm.slice(m[0].length).trim();
  return { bare: rest === '', lastNumber: parseQuestionStart(rest)?.number ?? 0 };
}

/**
 * "注意事项:" alone on its line heads a block: its unnumbered lines, and before the first section its
 * own numbered points ("1.本卷共…" "2.请…"), are instructions too. A numbered line inside a section, a
 * restart of the numbering, a label or options end the block. Returns the block's last number once
 * the line is in it, or null when the line ends the block.
 */
export function instructionContinues(st: ReaderState, line: SourceLine): number | null {
  const block = st.instruction;
  if (!block || parseLabel(line.norm) || parseOptions(line.raw, line.norm)) return null;
  const start = parseQuestionStart(line.norm);
  if (!start) return block.bare ? block.lastNumber : null;
  if (st.section || start.number !== block.lastNumber + 1) return null;
  return start.number;
}

/** The criteria of a rubric written one per line ("- 态度(3分)"), or null when the line is not one. */
export function rubricLine(line: SourceLine): RubricCriterion[] | null {
  const item = line.raw.replace(/^[-•·*]\s*|^\(?\d+[.、)]\s*/, '');
  const { rubric, unreadable } = parseRubric(item);
  return rubric.length === 0 || unreadable.length > 0 ? null : rubric;
}

/** A list item inside an answer or a stem, as opposed to the next question. */
export function continuesList(n: number, owner: { number: number | null; subList: number }, looksNew: boolean): boolean {
  if (owner.subList > 0 && n === owner.subList + 1) return !(looksNew && n === (owner.number ?? 0) + 1);
  return n === 1 && owner.number !== null && owner.number >= 1;
}

/** A list inside an answer of the key follows a line that announces it ("处理积压投诉:") or an empty entry heading. */
export function introducesList(entry: AnswerEntry): boolean {
  const last = entry.answer?.lines.at(-1) ?? entry.explanation?.lines.at(-1) ?? '';
  return last === '' || /[:：]$/.test(last);
}

/**
 * A numbered line of the paper that is a point inside the open question (its stem or answer), not
 * the next question: numbered in another style ("(1)" under "1."), inside an open quotation, or a
 * "1. 2." list that the question's options have not closed.
 */
export function isPaperListItem(r: Reader, i: number, start: QuestionStart): boolean {
  const line = r.lines[i];
  const next = r.lines[i + 1];
  const looksNew = looksLikeQuestion(line.norm.slice(start.textStart)) || (next !== undefined && parseOptions(next.raw, next.norm) !== null);
  const current = r.st.question;
  if (current === null || start.explicit) return false;
  const otherStyle = current.style !== null && current.style !== start.style;
  return otherStyle || (current.options.length === 0 && (quoteOpen(currentBlock(r)) || continuesList(start.number, current, looksNew)));
}

/**
 * A numbered line of the key that is a point inside the open entry's answer, not the next entry:
 * never when either is an objective answer ("B", "√"); inside an open quotation, or a list that the
 * entry announced ("处理积压投诉:") and goes on with.
 */
export function isKeyListItem(r: Reader, start: EntryStart, rest: string): boolean {
  const current = r.st.entry;
  if (current === null || start.explicit || looksLikeAnswerToken(rest) || looksLikeAnswerToken(current.answer?.lines[0] ?? '')) return false;
  return quoteOpen(currentBlock(r)) || (continuesList(start.number, current, false) && (current.subList > 0 || introducesList(current)));
}
