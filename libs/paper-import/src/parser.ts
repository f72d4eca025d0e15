import { emptyNotes } from './drafts';
import type { AnswerEntry, Notes, QuestionDraft, SectionDraft, TextBlock } from './drafts';
import { findInlineExplanation, parseCompetencies, parseLabel, parseRubric, unwrap } from './labels';
import type { Label, LabelKind } from './labels';
import type { LineKind, LineReading } from './types';
import { normaliseText } from './normalise';
import type { SourceLine } from './normalise';
import {
  looksLikeQuestion,
  parseOptions,
  parseQuestionPoints,
  parseQuestionStart,
  parseStatedType,
  splitInlineOptions,
  takeBracketAnswer,
  takeStemCompetencies,
} from './questions';
import type { QuestionStart } from './questions';
import { isAnswerBlockHeading, parseSectionHeading } from './sections';
import type { SectionHeading } from './sections';
import { typeFromTitle } from './type-words';
import { entriesInGrid, entriesInLine, looksLikeAnswerToken, parseEntryStart } from './answer-key';

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

type Reading = Omit<LineReading, 'line'>;

function reading(kind: LineKind, rule: string): Reading {
  return { kind, rule };
}

const LABEL_KINDS: Record<LabelKind, LineKind> = {
  answer: 'answer',
  answer_and_explanation: 'answer',
  explanation: 'explanation',
  competencies: 'competency',
  rubric: 'rubric',
};

// Instructions to candidates, said before the questions of the paper or of a section.
const INSTRUCTION =
  /^[【[]?\s*(?:要求|注意事项|注意|说明|作答要求|答题要求|答题说明|考生须知|提示|温馨提示|填写说明)\s*[】\]]?\s*:?|^(?:instructions?|directions?|notes?|requirements?)\s*:\s*/i;

type Field = 'stem' | 'options' | 'answer' | 'explanation' | 'rubric' | 'none';

interface ReaderState {
  mode: 'paper' | 'answers';
  section: SectionDraft | null;
  question: QuestionDraft | null;
  entry: AnswerEntry | null;
  /** Where a plain line of text goes. */
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

/** A list item inside an answer or a stem, as opposed to the next question. */
function continuesList(n: number, owner: { number: number | null; subList: number }, looksNew: boolean): boolean {
  if (owner.subList > 0 && n === owner.subList + 1) return !(looksNew && n === (owner.number ?? 0) + 1);
  return n === 1 && owner.number !== null && owner.number >= 1;
}

/** A list inside an answer of the key follows a line that announces it ("处理积压投诉:") or an empty entry heading. */
function introducesList(entry: AnswerEntry): boolean {
  const last = entry.answer?.lines.at(-1) ?? entry.explanation?.lines.at(-1) ?? '';
  return last === '' || /[:：]$/.test(last);
}

function quoteOpen(block: string[]): boolean {
  const text = block.join('\n');
  return (text.match(/“/g)?.length ?? 0) > (text.match(/”/g)?.length ?? 0);
}

export function looksStructural(line: SourceLine): boolean {
  return (
    parseSectionHeading(line) !== null ||
    parseQuestionStart(line.norm) !== null ||
    isAnswerBlockHeading(line) ||
    parseOptions(line.raw, line.norm) !== null
  );
}

/** Reads the cleaned lines into sections, questions and answer-key entries, in one pass. */
export function parseLines(lines: SourceLine[]): ParsedDocument {
  const doc: ParsedDocument = { preamble: [], sections: [], entries: [], unplaced: [], unknownAnswerSections: [], unreadableRubric: [], instructions: [], structure: [], readings: [] };
  // Mutable reading state in one object: closures below update it, and TypeScript does not narrow object fields across calls.
  const st: ReaderState = {
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
  };

  const holder = (): (Notes & { subList: number; number: number | null }) | null => (st.mode === 'paper' ? st.question : st.entry);

  const currentBlock = (): string[] => {
    const h = holder();
    if (!h) return [];
    if (st.field === 'answer') return h.answer?.lines ?? [];
    if (st.field === 'explanation') return h.explanation?.lines ?? [];
    if (st.field === 'stem' && st.question && st.mode === 'paper') return st.question.stem;
    return [];
  };

  const acceptsHeading = (h: SectionHeading): boolean => {
    if (typeFromTitle(h.titleNorm) || h.declaration.count !== null || h.declaration.pointsEach !== null || h.declaration.total !== null) return true;
    if (h.style === 'none') return true;
    if (h.ordinal === st.lastOrdinal[h.style] + 1) return true;
    // In the key, a heading that names a section of the paper ("Part 2", "三、") is that section's.
    if (st.mode === 'answers' && findSection(doc.sections, h) !== null) return true;
    return h.style === 'paren' && h.ordinal === 1;
  };

  const noteHeading = (h: SectionHeading) => {
    if (h.style === 'plain') st.lastOrdinal = { plain: h.ordinal ?? 0, paren: 0 };
    else if (h.style === 'paren') st.lastOrdinal.paren = h.ordinal ?? 0;
  };

  const addText = (target: Notes, kind: 'answer' | 'explanation', line: SourceLine, text: string) => {
    const block: TextBlock = target[kind] ?? { line: line.no, lines: [] };
    if (text !== '') block.lines.push(text);
    target[kind] = block;
  };

  /** Answer text, with an embedded "解析:" split off ("B 解析:…"). */
  const addAnswer = (target: Notes, line: SourceLine, from: number) => {
    const split = findInlineExplanation(line.norm, from);
    if (split === null) {
      addText(target, 'answer', line, unwrap(line.raw.slice(from)));
      st.field = 'answer';
      return;
    }
    addText(target, 'answer', line, unwrap(line.raw.slice(from, split)));
    const label = parseLabel(line.norm.slice(split));
    addText(target, 'explanation', line, unwrap(line.raw.slice(split + (label?.textStart ?? 0))));
    st.field = 'explanation';
  };

  const applyLabel = (target: Notes, label: Label, line: SourceLine) => {
    const text = unwrap(line.raw.slice(label.textStart));
    switch (label.kind) {
      case 'answer':
      case 'answer_and_explanation':
        addAnswer(target, line, label.textStart);
        return;
      case 'explanation':
        addText(target, 'explanation', line, text);
        st.field = 'explanation';
        return;
      case 'competencies':
        target.competencies.push(...parseCompetencies(text));
        st.field = 'none';
        return;
      case 'rubric': {
        addRubric(target, line, text);
        if (st.field !== 'rubric') st.fieldBeforeRubric = st.field;
        st.field = 'rubric';
        return;
      }
    }
  };

  const addRubric = (target: Notes, line: SourceLine, text: string) => {
    const { rubric, unreadable } = parseRubric(text);
    target.rubric.push(...rubric);
    target.rubricLine ??= line.no;
    for (const item of unreadable) doc.unreadableRubric.push({ line: line.no, text: item });
  };

  /** A rubric written one criterion per line continues while lines read as criteria. */
  const continueRubric = (target: Notes, line: SourceLine): boolean => {
    const item = line.raw.replace(/^[-•·*]\s*|^\(?\d+[.、)]\s*/, '');
    const { rubric, unreadable } = parseRubric(item);
    if (rubric.length === 0 || unreadable.length > 0) return false;
    target.rubric.push(...rubric);
    return true;
  };

  const startSection = (heading: SectionHeading | null, line: SourceLine): SectionDraft => {
    const section: SectionDraft = { heading, line: line.no, questions: [], stray: [], lines: [] };
    doc.sections.push(section);
    st.section = section;
    st.question = null;
    st.field = 'none';
    return section;
  };

  const startQuestion = (line: SourceLine, start: QuestionStart | null, textStart: number) => {
    const number = start?.number ?? null;
    const section = st.section ?? startSection(null, line);
    const q: QuestionDraft = { ...emptyNotes(), number, style: start?.style ?? null, line: line.no, hint: null, stem: [], options: [], points: null, asks: false, subList: 0 };
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
    let stem = line.raw.slice(at, end).trim();
    const points = parseQuestionPoints(line.norm.slice(at, end));
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
    if (stem !== '') q.stem.push(stem);
    q.asks = stated !== null || looksLikeQuestion(line.norm.slice(at)) || start?.explicit === true;
    section.questions.push(q);
    st.question = q;
    st.field = inline ? 'options' : 'stem';
  };

  const startEntry = (line: SourceLine, number: number): AnswerEntry => {
    if (st.keySection === null && number <= st.keyLastNumber) st.keyOrder++;
    st.keyLastNumber = number;
    const entry: AnswerEntry = { ...emptyNotes(), line: line.no, number, section: st.keySection, orphan: st.keyOrphan, sectionByOrder: st.keyOrder, subList: 0 };
    doc.entries.push(entry);
    st.entry = entry;
    return entry;
  };

  const addEntries = (line: SourceLine, text: string, norm: string, rule: string): Reading => {
    const found = entriesInLine(text, norm);
    for (const e of found) addText(startEntry(line, e.number), 'answer', line, e.answer);
    st.field = 'answer';
    if (found.length > 0) return reading('answer', rule);
    doc.unplaced.push(line);
    return reading('unplaced', `${rule}.unreadable`);
  };

  /** "参考答案:1.B 2.C" right under a section's questions answers that section, and the paper goes on. */
  const sectionKey = (line: SourceLine, found: { number: number; answer: string }[]): boolean => {
    const section = st.mode === 'paper' ? st.section : null;
    if (!section || found.length === 0 || !found.every((e) => section.questions.some((q) => q.number === e.number))) return false;
    for (const e of found) {
      const entry: AnswerEntry = { ...emptyNotes(), line: line.no, number: e.number, section, orphan: false, sectionByOrder: 0, subList: 0 };
      addText(entry, 'answer', line, e.answer);
      doc.entries.push(entry);
    }
    st.question = null;
    st.field = 'none';
    return true;
  };

  /** "参考答案:1.B 2.C": a key heading carrying its entries (offset of the entries), or null. */
  const keyWithEntries = (line: SourceLine, least: number): number | null => {
    const label = parseLabel(line.norm);
    if (st.mode === 'answers' || label?.kind !== 'answer') return null;
    return entriesInLine(line.raw.slice(label.textStart), line.norm.slice(label.textStart)).length >= least ? label.textStart : null;
  };

  const isBlockStart = (i: number): boolean => {
    const line = lines[i];
    if (st.mode === 'answers' || !isAnswerBlockHeading(line)) return false;
    if (!st.question || st.question.answer !== null) return true;
    if (/:$/.test(line.norm)) return false;
    const next = lines[i + 1];
    return next !== undefined && (parseSectionHeading(next) !== null || parseQuestionStart(next.norm) !== null);
  };

  /** An instruction to candidates goes on over the lines of its block (see continuesInstruction). */
  const readInstruction = (line: SourceLine): Reading | null => {
    const m = INSTRUCTION.exec(line.norm);
    if (st.mode === 'answers' || st.question || !m || parseLabel(line.norm)) return null;
    const rest = line.norm.slice(m[0].length).trim();
    st.instruction = { bare: rest === '', lastNumber: parseQuestionStart(rest)?.number ?? 0 };
    doc.instructions.push(line);
    return reading('instruction', 'instruction.label');
  };

  /**
   * "注意事项:" alone on its line heads a block: its unnumbered lines, and before the first section its
   * own numbered points ("1.本卷共…" "2.请…"), are instructions too. A numbered line inside a section, a
   * restart of the numbering, a label or options end the block.
   */
  const continuesInstruction = (line: SourceLine): boolean => {
    const block = st.instruction;
    if (!block || parseLabel(line.norm) || parseOptions(line.raw, line.norm)) return false;
    const start = parseQuestionStart(line.norm);
    if (!start) return block.bare;
    if (st.section || start.number !== block.lastNumber + 1) return false;
    block.lastNumber = start.number;
    return true;
  };

  /** A key table: "题号 1 2 3" over "答案 B C A"; under a section it answers that section, else it opens the key. */
  const readGrid = (i: number): Reading | null => {
    const line = lines[i];
    if (st.grid) {
      const found = st.grid;
      st.grid = null;
      if (sectionKey(line, found)) return reading('answer', 'key.grid_answers');
      if (st.mode === 'paper') st.lastOrdinal = { plain: 0, paren: 0 };
      st.mode = 'answers';
      st.field = 'none';
      for (const e of found) addText(startEntry(line, e.number), 'answer', line, e.answer);
      return reading('answer', 'key.grid_answers');
    }
    const next = lines[i + 1];
    st.grid = next ? entriesInGrid(line.norm, next.norm) : null;
    if (!st.grid) return null;
    doc.structure.push(line);
    return reading('answer_key_heading', 'key.grid_numbers');
  };

  /** Reads one line into doc, and says what it was read as and by which rule. */
  const read = (i: number): Reading => {
    const line = lines[i];

    // One numbered answer ("参考答案:1.×") names its question, so it may answer the section too.
    const sectionEntriesAt = keyWithEntries(line, 1);
    if (sectionEntriesAt !== null && sectionKey(line, entriesInLine(line.raw.slice(sectionEntriesAt), line.norm.slice(sectionEntriesAt)))) {
      return reading('answer', 'key.section_line');
    }
    const grid = readGrid(i);
    if (grid) return grid;
    const entriesAt = keyWithEntries(line, 2);
    if (entriesAt !== null || isBlockStart(i)) {
      st.mode = 'answers';
      st.instruction = null;
      st.lastOrdinal = { plain: 0, paren: 0 };
      st.field = 'none';
      if (entriesAt !== null) return addEntries(line, line.raw.slice(entriesAt), line.norm.slice(entriesAt), 'key.label_with_entries');
      doc.structure.push(line);
      return reading('answer_key_heading', 'key.heading');
    }

    const heading = parseSectionHeading(line);
    if (heading && !quoteOpen(currentBlock()) && acceptsHeading(heading)) {
      noteHeading(heading);
      st.instruction = null;
      if (st.mode === 'paper') {
        startSection(heading, line);
        if (heading.tail !== '') doc.unplaced.push(line);
        return reading('section_heading', heading.ordinal === null ? 'section.typed_heading' : `section.numbered_${heading.style}`);
      }
      st.keySection = findSection(doc.sections, heading);
      st.keyOrphan = st.keySection === null;
      if (st.keyOrphan) doc.unknownAnswerSections.push(line);
      st.entry = null;
      st.keyLastNumber = 0;
      st.field = 'none';
      const tailAt = line.raw.length - heading.tail.length;
      if (heading.tail !== '') return addEntries(line, heading.tail, line.norm.slice(tailAt), 'key.section_heading_with_entries');
      doc.structure.push(line);
      return reading('answer_key_heading', 'key.section_heading');
    }

    if (continuesInstruction(line)) {
      doc.instructions.push(line);
      return reading('instruction', 'instruction.block');
    }
    st.instruction = null;
    const instruction = readInstruction(line);
    if (instruction) return instruction;

    const h = holder();
    const label = parseLabel(line.norm);
    if (label && h) {
      applyLabel(h, label, line);
      if (line.norm.slice(label.textStart).trim() === '') doc.structure.push(line);
      return reading(LABEL_KINDS[label.kind], `label.${label.kind}`);
    }

    if (st.field === 'rubric' && h) {
      if (continueRubric(h, line)) return reading('rubric', 'rubric.criterion_line');
      st.field = st.fieldBeforeRubric;
    }

    return st.mode === 'answers' ? readKeyLine(line) : readPaperLine(i);
  };

  /** A line of the answer key at the end of the paper. */
  const readKeyLine = (line: SourceLine): Reading => {
    const several = entriesInLine(line.raw, line.norm);
    if (several.length > 1) return addEntries(line, line.raw, line.norm, 'key.entries_line');
    const start = parseEntryStart(line.norm);
    if (start) {
      const rest = line.norm.slice(start.textStart);
      const current = st.entry;
      const inList =
        current !== null &&
        !start.explicit &&
        !looksLikeAnswerToken(rest) &&
        !looksLikeAnswerToken(current.answer?.lines[0] ?? '') &&
        (quoteOpen(currentBlock()) || (continuesList(start.number, current, false) && (current.subList > 0 || introducesList(current))));
      if (!inList) {
        const entry = startEntry(line, start.number);
        if (rest.trim() !== '') {
          addAnswer(entry, line, start.textStart);
          return reading('answer', 'key.entry');
        }
        st.field = 'answer';
        doc.structure.push(line);
        return reading('answer_key_heading', 'key.entry_heading');
      }
      current.subList = start.number;
    }
    if (st.entry && (st.field === 'answer' || st.field === 'explanation')) {
      addText(st.entry, st.field, line, line.raw);
      return reading('continuation', start ? 'key.list_item' : `key.${st.field}_continued`);
    }
    // The answer to a section's only question often goes without a number ("五、论述题答案" + text).
    if (!st.entry && st.keySection?.questions.length === 1) {
      addAnswer(startEntry(line, st.keySection.questions[0].number ?? 1), line, 0);
      return reading('answer', 'key.only_question');
    }
    doc.unplaced.push(line);
    return reading('unplaced', 'key.unplaced');
  };

  /** A line of the paper itself: a question, its options, its text, or a line before any section. */
  const readPaperLine = (i: number): Reading => {
    const line = lines[i];
    const start = parseQuestionStart(line.norm);
    let listItem = false;
    if (start) {
      const next = lines[i + 1];
      const looksNew = looksLikeQuestion(line.norm.slice(start.textStart)) || (next !== undefined && parseOptions(next.raw, next.norm) !== null);
      const current = st.question;
      const otherStyle = current !== null && current.style !== null && current.style !== start.style;
      const inList =
        current !== null &&
        !start.explicit &&
        (otherStyle || (current.options.length === 0 && (quoteOpen(currentBlock()) || continuesList(start.number, current, looksNew))));
      if (!inList) {
        startQuestion(line, start, start.textStart);
        return reading('question', `question.${start.style}`);
      }
      current.subList = start.number;
      listItem = true;
    }

    if (st.question && (st.field === 'stem' || st.field === 'options')) {
      const options = parseOptions(line.raw, line.norm);
      if (options) {
        st.question.options.push(...options);
        st.field = 'options';
        return reading('option', options.length > 1 ? 'option.several' : 'option.line');
      }
    }

    if (st.question && st.field === 'stem') {
      st.question.stem.push(line.raw);
      st.question.asks ||= looksLikeQuestion(line.norm);
      return reading('continuation', listItem ? 'stem.list_item' : 'stem.continued');
    }
    if (st.question && (st.field === 'answer' || st.field === 'explanation')) {
      addText(st.question, st.field, line, line.raw);
      return reading('continuation', listItem ? `${st.field}.list_item` : `${st.field}.continued`);
    }
    if (st.section && !st.question) {
      if (sectionTakesUnnumbered(st.section)) {
        startQuestion(line, null, 0);
        return reading('question', 'question.unnumbered_in_typed_section');
      }
      st.section.stray.push(line);
      return reading('unplaced', 'section.stray');
    }
    if (!st.section) {
      doc.preamble.push(line);
      return reading('header', 'preamble');
    }
    doc.unplaced.push(line);
    return reading('unplaced', 'paper.unplaced');
  };

  for (let i = 0; i < lines.length; i++) {
    const { kind, rule } = read(i);
    doc.readings.push({ line: lines[i].no, kind, rule });
    // Every line read while a section of the paper is open is the section's, so a section that
    // turns out to hold no questions can account for all its lines.
    if (st.mode === 'paper' && st.section) st.section.lines.push(lines[i]);
  }
  return doc;
}

/** A typed or declared section may hold a question written without a number ("五、论述题(共1题,20分)"). */
function sectionTakesUnnumbered(section: SectionDraft): boolean {
  const h = section.heading;
  if (!h) return false;
  const d = h.declaration;
  return typeFromTitle(h.titleNorm) !== null || d.count !== null || d.pointsEach !== null || d.total !== null;
}

function comparable(title: string): string {
  return title
    .replace(/\(.*?\)/g, '')
    .replace(/参考答案|答案与解析|答案及解析|答案|解析|部分|[\s:.、]/g, '');
}

/** The paper section an answer-key heading refers to: by title, then by type word, then by number. */
function findSection(sections: SectionDraft[], heading: SectionHeading): SectionDraft | null {
  const key = comparable(heading.titleNorm);
  const titled = sections.flatMap((section) => (section.heading ? [{ section, h: section.heading }] : []));
  const unique = (found: typeof titled) => (found.length === 1 ? found[0].section : null);
  if (key !== '') {
    const same = unique(titled.filter(({ h }) => comparable(h.titleNorm) === key));
    if (same) return same;
    const near = unique(
      titled.filter(({ h }) => {
        const t = comparable(h.titleNorm);
        return t !== '' && (t.includes(key) || key.includes(t));
      }),
    );
    if (near) return near;
    const type = JSON.stringify(typeFromTitle(key));
    const typed = type !== 'null' ? unique(titled.filter(({ h }) => JSON.stringify(typeFromTitle(h.titleNorm)) === type)) : null;
    if (typed) return typed;
  }
  return unique(titled.filter(({ section, h }) => h.style === heading.style && h.ordinal === heading.ordinal && section.questions.length > 0));
}

