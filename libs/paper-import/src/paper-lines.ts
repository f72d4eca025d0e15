import { addText, startQuestion } from './assemble';
import { isPaperListItem, sectionTakesUnnumbered } from './classify';
import type { SourceLine } from './normalise';
import { looksLikeQuestion, parseOptions, parseQuestionStart } from './questions';
import { reading } from './reader-state';
import type { Reader, Reading } from './reader-state';

// Reading the paper itself (before its answer key): questions, options, the text under them, and
// what is outside any question. Headings, instructions and labels are read before.

/** Option lines ("A.倾听", "A.是 B.否") while the open question takes its stem or options. */
function readOptionLine(r: Reader, line: SourceLine): Reading | null {
  const { st } = r;
  if (!st.question || (st.field !== 'stem' && st.field !== 'options')) return null;
  const options = parseOptions(line.raw, line.norm);
  if (!options) return null;
  st.question.options.push(...options);
  st.field = 'options';
  return reading('option', options.length > 1 ? 'option.several' : 'option.line');
}

/** A plain line (or a point of a list) goes on with the open question's stem, answer or explanation. */
function readQuestionText(r: Reader, line: SourceLine, listItem: boolean): Reading | null {
  const { st } = r;
  if (st.question && st.field === 'stem') {
    st.question.stem.push(line.raw);
    st.question.asks ||= looksLikeQuestion(line.norm);
    return reading('continuation', listItem ? 'stem.list_item' : 'stem.continued');
  }
  if (st.question && (st.field === 'answer' || st.field === 'explanation')) {
    addText(st.question, st.field, line, line.raw);
    return reading('continuation', listItem ? `${st.field}.list_item` : `${st.field}.continued`);
  }
  return null;
}

/** A line outside any question: an unnumbered question of a typed section, a stray line of a section, or the preamble. */
function readOutsideQuestion(r: Reader, line: SourceLine): Reading {
  const { st } = r;
  if (st.section && !st.question) {
    if (sectionTakesUnnumbered(st.section)) {
      startQuestion(r, line, null, 0);
      return reading('question', 'question.unnumbered_in_typed_section');
    }
    st.section.stray.push(line);
    return reading('unplaced', 'section.stray');
  }
  if (!st.section) {
    r.doc.preamble.push(line);
    return reading('header', 'preamble');
  }
  r.doc.unplaced.push(line);
  return reading('unplaced', 'paper.unplaced');
}

/** A line of the paper itself: a question, its options, its text, or a line before any section. */
export function readPaperLine(r: Reader, i: number): Reading {
  const line = r.lines[i];
  const start = parseQuestionStart(line.norm);
  const question = r.st.question;
  let listItem = false;
  if (start) {
    if (!question || !isPaperListItem(r, i, start)) {
      startQuestion(r, line, start, start.textStart);
      return reading('question', `question.${start.style}`);
    }
    question.subList = start.number;
    listItem = true;
  }
  return readOptionLine(r, line) ?? readQuestionText(r, line, listItem) ?? readOutsideQuestion(r, line);
}
