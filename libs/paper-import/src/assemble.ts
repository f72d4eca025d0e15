import { emptyNotes } from './drafts';
import type { Notes, QuestionDraft, SectionDraft, TextBlock } from './drafts';
import { findInlineExplanation, parseCompetencies, parseLabel, parseRubric, unwrap } from './labels';
import type { Label } from './labels';
import { normaliseText } from './normalise';
import type { SourceLine } from './normalise';
import { looksLikeQuestion, parseQuestionPoints, parseStatedType, splitInlineOptions, takeBracketAnswer, takeStemCompetencies } from './questions';
import type { QuestionStart } from './questions';
import type { Reader } from './reader-state';
import type { SectionHeading } from './sections';

// Assembling: what a classified line adds to the drafts (sections, questions, key entries, their
// notes) and where the next plain line goes.

export function addText(target: Notes, kind: 'answer' | 'explanation', line: SourceLine, text: string): void {
  const block: TextBlock = target[kind] ?? { line: line.no, lines: [] };
  if (text !== '') block.lines.push(text);
  target[kind] = block;
}

/** Answer text from offset `from`, with an embedded "解析:" split off ("B 解析:…"); the next plain line goes to whichever came last. */
export function addAnswer(r: Reader, target: Notes, line: SourceLine, from: number): void {
  const split = findInlineExplanation(line.norm, from);
  if (split === null) {
    addText(target, 'answer', line, unwrap(line.raw.slice(from)));
    r.st.field = 'answer';
    return;
  }
  addText(target, 'answer', line, unwrap(line.raw.slice(from, split)));
  const label = parseLabel(line.norm.slice(split));
  addText(target, 'explanation', line, unwrap(line.raw.slice(split + (label?.textStart ?? 0))));
  r.st.field = 'explanation';
}

/** Rubric criteria with points; items without points are kept aside for a warning rather than scored 0. */
export function addRubric(r: Reader, target: Notes, line: SourceLine, text: string): void {
  const { rubric, unreadable } = parseRubric(text);
  target.rubric.push(...rubric);
  target.rubricLine ??= line.no;
  for (const item of unreadable) r.doc.unreadableRubric.push({ line: line.no, text: item });
}

/** A labelled line ("答案:", "解析:", "考察点:", "评分标准:") on the open question or key entry. */
export function applyLabel(r: Reader, target: Notes, label: Label, line: SourceLine): void {
  const text = unwrap(line.raw.slice(label.textStart));
  const { st } = r;
  switch (label.kind) {
    case 'answer':
    case 'answer_and_explanation':
      addAnswer(r, target, line, label.textStart);
      return;
    case 'explanation':
      addText(target, 'explanation', line, text);
      st.field = 'explanation';
      return;
    case 'competencies':
      target.competencies.push(...parseCompetencies(text));
      st.field = 'none';
      return;
    case 'rubric':
      addRubric(r, target, line, text);
      // Criteria may go on over the next lines; after them, plain text goes where it went before.
      if (st.field !== 'rubric') st.fieldBeforeRubric = st.field;
      st.field = 'rubric';
      return;
  }
}

export function startSection(r: Reader, heading: SectionHeading | null, line: SourceLine): SectionDraft {
  const section: SectionDraft = { heading, line: line.no, questions: [], stray: [], lines: [] };
  r.doc.sections.push(section);
  r.st.section = section;
  r.st.question = null;
  r.st.field = 'none';
  return section;
}

/**
 * The question a line starts, its text from `textStart`: a type stated first ("单选题:"), options run
 * on after the stem, points at its start or end ("(5分)"), competencies at its end and an answer in
 * the stem's brackets ("( B )") are taken out of the stem. `inline` says whether options were found.
 */
export function questionFromLine(line: SourceLine, start: QuestionStart | null, textStart: number): { question: QuestionDraft; inline: boolean } {
  const q: QuestionDraft = { ...emptyNotes(), number: start?.number ?? null, style: start?.style ?? null, line: line.no, hint: null, stem: [], options: [], points: null, asks: false, subList: 0 };
  let at = textStart;
  const stated = parseStatedType(line.norm.slice(at));
  if (stated) {
    q.hint = stated.hint;
    at += stated.length;
  }
  let end = line.raw.length;
  const inline = splitInlineOptions(line.raw, line.norm, at);
  if (inline) {
    q.options = inline.options;
    end = inline.stemEnd;
  }
  const stem = takeStemNotes(q, line, line.raw.slice(at, end).trim(), line.norm.slice(at, end));
  if (stem !== '') q.stem.push(stem);
  q.asks = stated !== null || looksLikeQuestion(line.norm.slice(at)) || start?.explicit === true;
  return { question: q, inline: inline !== null };
}

/** Points, competencies and a bracketed answer written in the stem go to the question; the rest of the stem is returned. */
function takeStemNotes(q: QuestionDraft, line: SourceLine, raw: string, norm: string): string {
  let stem = raw;
  const points = parseQuestionPoints(norm);
  // Points only count at the start or the end: "(5分)" in the middle is part of a sentence.
  if (points && (points.at === 0 || points.at + points.length >= stem.length)) {
    q.points = points.points;
    stem = (stem.slice(0, points.at) + stem.slice(points.at + points.length)).replace(/^\s*[:.、]\s*/, '').trim();
  }
  const competencies = takeStemCompetencies(stem, normaliseText(stem));
  if (competencies) {
    q.competencies.push(...parseCompetencies(competencies.text));
    stem = competencies.stem;
  }
  const bracket = takeBracketAnswer(stem, normaliseText(stem));
  if (bracket) {
    q.answer = { line: line.no, lines: [bracket.answer] };
    stem = bracket.stem;
  }
  return stem;
}

/** Opens a question in the open section (or in an untitled one); plain lines then go to its stem, or its options. */
export function startQuestion(r: Reader, line: SourceLine, start: QuestionStart | null, textStart: number): void {
  const section = r.st.section ?? startSection(r, null, line);
  const { question, inline } = questionFromLine(line, start, textStart);
  section.questions.push(question);
  r.st.question = question;
  r.st.field = inline ? 'options' : 'stem';
}
