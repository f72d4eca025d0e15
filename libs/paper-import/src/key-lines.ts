import { entriesInGrid, entriesInLine, parseEntryStart } from './answer-key';
import { addAnswer, addText } from './assemble';
import { isKeyListItem } from './classify';
import { emptyNotes } from './drafts';
import type { AnswerEntry } from './drafts';
import { findSection } from './find-section';
import type { SourceLine } from './normalise';
import { reading } from './reader-state';
import type { Reader, Reading } from './reader-state';
import type { SectionHeading } from './sections';

// Reading answer keys: the key at the end of the paper (entries by section and number), a key line
// or key table right under a section, and key tables. Entries are matched to questions later
// (attach-keys.ts); here they only record which section and number they name.

type Found = { number: number; answer: string }[];

export function startEntry(r: Reader, line: SourceLine, number: number): AnswerEntry {
  const { st } = r;
  // Without section headings, a number that does not go up starts the next section's answers.
  if (st.keySection === null && number <= st.keyLastNumber) st.keyOrder++;
  st.keyLastNumber = number;
  const entry: AnswerEntry = { ...emptyNotes(), line: line.no, number, section: st.keySection, orphan: st.keyOrphan, sectionByOrder: st.keyOrder, subList: 0 };
  r.doc.entries.push(entry);
  st.entry = entry;
  return entry;
}

/** "1.B 2.C 3.A" (text and norm from where the entries start): one entry each; a line with none is unplaced. */
export function addEntries(r: Reader, line: SourceLine, text: string, norm: string, rule: string): Reading {
  const found = entriesInLine(text, norm);
  for (const e of found) addText(startEntry(r, line, e.number), 'answer', line, e.answer);
  r.st.field = 'answer';
  if (found.length > 0) return reading('answer', rule);
  r.doc.unplaced.push(line);
  return reading('unplaced', `${rule}.unreadable`);
}

/** "参考答案:1.B 2.C" right under a section's questions answers that section, and the paper goes on. */
export function sectionKey(r: Reader, line: SourceLine, found: Found): boolean {
  const section = r.st.mode === 'paper' ? r.st.section : null;
  if (!section || found.length === 0 || !found.every((e) => section.questions.some((q) => q.number === e.number))) return false;
  for (const e of found) {
    const entry: AnswerEntry = { ...emptyNotes(), line: line.no, number: e.number, section, orphan: false, sectionByOrder: 0, subList: 0 };
    addText(entry, 'answer', line, e.answer);
    r.doc.entries.push(entry);
  }
  r.st.question = null;
  r.st.field = 'none';
  return true;
}

/** From here on lines are read as the key at the end of the paper; its own headings number afresh. */
export function openKey(r: Reader): void {
  r.st.mode = 'answers';
  r.st.instruction = null;
  r.st.lastOrdinal = { plain: 0, paren: 0 };
  r.st.field = 'none';
}

/** A key table: "题号 1 2 3" over "答案 B C A"; under a section it answers that section, else it opens the key. */
export function readGrid(r: Reader, i: number): Reading | null {
  const { st } = r;
  const line = r.lines[i];
  if (st.grid) {
    const found = st.grid;
    st.grid = null;
    if (sectionKey(r, line, found)) return reading('answer', 'key.grid_answers');
    if (st.mode === 'paper') st.lastOrdinal = { plain: 0, paren: 0 };
    st.mode = 'answers';
    st.field = 'none';
    for (const e of found) addText(startEntry(r, line, e.number), 'answer', line, e.answer);
    return reading('answer', 'key.grid_answers');
  }
  const next = r.lines[i + 1];
  st.grid = next ? entriesInGrid(line.norm, next.norm) : null;
  if (!st.grid) return null;
  r.doc.structure.push(line);
  return reading('answer_key_heading', 'key.grid_numbers');
}

/** A section heading inside the key ("一、单选题", "Part 2"): the entries below it answer that section, or none (orphan). */
export function readKeySectionHeading(r: Reader, line: SourceLine, heading: SectionHeading): Reading {
  const { st } = r;
  st.keySection = findSection(r.doc.sections, heading);
  st.keyOrphan = st.keySection === null;
  if (st.keyOrphan) r.doc.unknownAnswerSections.push(line);
  st.entry = null;
  st.keyLastNumber = 0;
  st.field = 'none';
  const tailAt = line.raw.length - heading.tail.length;
  if (heading.tail !== '') return addEntries(r, line, heading.tail, line.norm.slice(tailAt), 'key.section_heading_with_entries');
  r.doc.structure.push(line);
  return reading('answer_key_heading', 'key.section_heading');
}

/** "3.B" or "3." over its answer: a new entry, its answer (with an inline explanation) when the line has one. */
function readEntryStart(r: Reader, line: SourceLine, number: number, textStart: number): Reading {
  const entry = startEntry(r, line, number);
  if (line.norm.slice(textStart).trim() !== '') {
    addAnswer(r, entry, line, textStart);
    return reading('answer', 'key.entry');
  }
  r.st.field = 'answer';
  r.doc.structure.push(line);
  return reading('answer_key_heading', 'key.entry_heading');
}

/** A line of the answer key at the end of the paper (labels and rubric lines are read before). */
export function readKeyLine(r: Reader, line: SourceLine): Reading {
  const { st } = r;
  if (entriesInLine(line.raw, line.norm).length > 1) return addEntries(r, line, line.raw, line.norm, 'key.entries_line');
  const start = parseEntryStart(line.norm);
  if (start) {
    if (!isKeyListItem(r, start, line.norm.slice(start.textStart))) return readEntryStart(r, line, start.number, start.textStart);
    if (st.entry) st.entry.subList = start.number;
  }
  if (st.entry && (st.field === 'answer' || st.field === 'explanation')) {
    addText(st.entry, st.field, line, line.raw);
    return reading('continuation', start ? 'key.list_item' : `key.${st.field}_continued`);
  }
  // The answer to a section's only question often goes without a number ("五、论述题答案" + text).
  if (!st.entry && st.keySection?.questions.length === 1) {
    addAnswer(r, startEntry(r, line, st.keySection.questions[0].number ?? 1), line, 0);
    return reading('answer', 'key.only_question');
  }
  r.doc.unplaced.push(line);
  return reading('unplaced', 'key.unplaced');
}
