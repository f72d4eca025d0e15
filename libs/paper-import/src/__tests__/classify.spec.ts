import {
  acceptsHeading,
  continuesList,
  instructionContinues,
  instructionStart,
  introducesList,
  isBlockStart,
  isKeyListItem,
  isPaperListItem,
  keyWithEntries,
  looksStructural,
  quoteOpen,
  rubricLine,
  sectionTakesUnnumbered,
} from '../classify';
import { questionFromLine, startSection } from '../assemble';
import { emptyNotes } from '../drafts';
import type { AnswerEntry } from '../drafts';
import { parseEntryStart } from '../answer-key';
import { splitLines } from '../normalise';
import { parseQuestionStart } from '../questions';
import type { QuestionStart } from '../questions';
import { newReader } from '../reader-state';
import type { Reader } from '../reader-state';
import { parseSectionHeading } from '../sections';
import type { SectionHeading } from '../sections';

const line = (text: string) => splitLines(text)[0];
const heading = (text: string) => parseSectionHeading(line(text)) as SectionHeading;
const start = (text: string) => parseQuestionStart(line(text).norm) as QuestionStart;

/** A reader over the lines, with a question open on the line `question` (1-based) when given. */
function readerWith(lines: string[], question?: number): Reader {
  const r = newReader(splitLines(lines.join('\n')));
  if (question !== undefined) {
    const at = r.lines[question - 1];
    const found = parseQuestionStart(at.norm);
    r.st.question = questionFromLine(at, found, found?.textStart ?? 0).question;
    r.st.field = 'stem';
  }
  return r;
}

function entry(answer: string[]): AnswerEntry {
  return { ...emptyNotes(), answer: { line: 1, lines: answer }, line: 1, number: 1, section: null, orphan: false, sectionByOrder: 0, subList: 0 };
}

describe('classify: line rules', () => {
  it('looksStructural: headings, questions, key headings and options, not plain text', () => {
    for (const text of ['一、单选题(共2题)', '1.如何回访?', '参考答案', 'A.倾听 B.争辩']) expect(looksStructural(line(text))).toBe(true);
    expect(looksStructural(line('华东仓储中心 内部资料'))).toBe(false);
  });

  it('quoteOpen: an unclosed “ in the block being written', () => {
    expect(quoteOpen(['他说:“一、先道歉', '二、再核实'])).toBe(true);
    expect(quoteOpen(['他说:“先道歉。”'])).toBe(false);
  });

  it('sectionTakesUnnumbered: only a typed or declared heading', () => {
    const section = (text: string) => startSection(newReader([]), heading(text), line(text));
    expect(sectionTakesUnnumbered(section('五、论述题'))).toBe(true);
    expect(sectionTakesUnnumbered(section('二、岗位认知(共1题,20分)'))).toBe(true);
    expect(sectionTakesUnnumbered(section('二、岗位认知'))).toBe(false);
    expect(sectionTakesUnnumbered({ heading: null, line: 1, questions: [], stray: [], lines: [] })).toBe(false);
  });

  it('acceptsHeading: a type word, a declaration, the next number, or a paper section named in the key', () => {
    const r = readerWith([]);
    expect(acceptsHeading(r, heading('三、单选题'))).toBe(true);
    expect(acceptsHeading(r, heading('三、岗位认知'))).toBe(false);
    r.st.lastOrdinal.plain = 2;
    expect(acceptsHeading(r, heading('三、岗位认知'))).toBe(true);
    expect(acceptsHeading(r, heading('(一)服务意识'))).toBe(true);
    expect(acceptsHeading(r, heading('(二)服务意识'))).toBe(false);
    r.doc.sections.push({ heading: heading('五、岗位认知'), line: 1, questions: [questionFromLine(line('1.如何回访?'), start('1.如何回访?'), 2).question], stray: [], lines: [] });
    r.st.mode = 'answers';
    expect(acceptsHeading(r, heading('五、岗位认知'))).toBe(true);
  });

  it('keyWithEntries: a key label with enough entries, in the paper only', () => {
    const r = readerWith([]);
    expect(keyWithEntries(r.st, line('参考答案:1.B 2.C'), 2)).toBe(5);
    expect(keyWithEntries(r.st, line('参考答案:1.B'), 2)).toBeNull();
    expect(keyWithEntries(r.st, line('参考答案:1.B'), 1)).toBe(5);
    expect(keyWithEntries(r.st, line('解析:1.B 2.C'), 1)).toBeNull();
    r.st.mode = 'answers';
    expect(keyWithEntries(r.st, line('参考答案:1.B 2.C'), 2)).toBeNull();
  });

  it('isBlockStart: a key heading, except the label of a question still without an answer', () => {
    expect(isBlockStart(readerWith(['参考答案']), 0)).toBe(true);
    expect(isBlockStart(readerWith(['1.如何回访?', '参考答案:'], 1), 1)).toBe(false);
    expect(isBlockStart(readerWith(['1.如何回访?', '答案与解析', '一、单选题'], 1), 1)).toBe(true);
    expect(isBlockStart(readerWith(['1.如何回访?', '答案与解析', '当天回访。'], 1), 1)).toBe(false);
    expect(isBlockStart(readerWith(['一、单选题']), 0)).toBe(false);
  });

  it('instructionStart: a label outside questions, bare or with its text', () => {
    const r = readerWith([]);
    expect(instructionStart(r.st, line('注意事项:'))).toEqual({ bare: true, lastNumber: 0 });
    expect(instructionStart(r.st, line('要求:1.独立作答'))).toEqual({ bare: false, lastNumber: 1 });
    expect(instructionStart(r.st, line('Instructions: answer every question.'))).toEqual({ bare: false, lastNumber: 0 });
    expect(instructionStart(r.st, line('本卷共3页'))).toBeNull();
    expect(instructionStart(readerWith(['1.如何回访?'], 1).st, line('要求:独立作答'))).toBeNull();
  });

  it('instructionContinues: plain lines of a bare block, and its numbered points before the first section', () => {
    const r = readerWith([]);
    r.st.instruction = { bare: true, lastNumber: 0 };
    expect(instructionContinues(r.st, line('本卷共3页'))).toBe(0);
    expect(instructionContinues(r.st, line('1.请独立作答'))).toBe(1);
    expect(instructionContinues(r.st, line('2.请独立作答'))).toBeNull();
    expect(instructionContinues(r.st, line('答案:B'))).toBeNull();
    r.st.instruction = { bare: false, lastNumber: 1 };
    expect(instructionContinues(r.st, line('本卷共3页'))).toBeNull();
    expect(instructionContinues(r.st, line('2.请独立作答'))).toBe(2);
    startSection(r, heading('一、单选题'), line('一、单选题'));
    expect(instructionContinues(r.st, line('2.请独立作答'))).toBeNull();
  });

  it('rubricLine: a criterion with points, one per line', () => {
    expect(rubricLine(line('- 态度诚恳(3分)'))).toEqual([{ criterion: '态度诚恳', points: 3 }]);
    expect(rubricLine(line('2. empathy (6 points)'))).toEqual([{ criterion: 'empathy', points: 6 }]);
    expect(rubricLine(line('态度诚恳'))).toBeNull();
  });
});

describe('classify: lists inside questions and answers', () => {
  it('continuesList: "1." under a numbered owner, then the next number of the list', () => {
    expect(continuesList(1, { number: 3, subList: 0 }, false)).toBe(true);
    expect(continuesList(2, { number: 3, subList: 1 }, false)).toBe(true);
    expect(continuesList(4, { number: 3, subList: 3 }, true)).toBe(false);
    expect(continuesList(2, { number: 1, subList: 0 }, false)).toBe(false);
    expect(continuesList(1, { number: null, subList: 0 }, false)).toBe(false);
  });

  it('introducesList: an entry whose last line announces a list, or an empty entry', () => {
    expect(introducesList(entry(['处理积压投诉:']))).toBe(true);
    expect(introducesList(entry(['']))).toBe(true);
    expect(introducesList(entry(['当天回访。']))).toBe(false);
  });

  it('isPaperListItem: a point in another style, or a list the options have not closed', () => {
    const r = readerWith(['3.处理投诉的步骤是什么?', '(1)倾听', '1.倾听', '4.下一题?', '第4题 下一题?'], 1);
    expect(isPaperListItem(r, 1, start('(1)倾听'))).toBe(true);
    expect(isPaperListItem(r, 2, start('1.倾听'))).toBe(true);
    expect(isPaperListItem(r, 3, start('4.下一题?'))).toBe(false);
    expect(isPaperListItem(r, 4, start('第4题 下一题?'))).toBe(false);
    r.st.question?.options.push({ key: 'A', text: '倾听' });
    expect(isPaperListItem(r, 2, start('1.倾听'))).toBe(false);
  });

  it('isKeyListItem: a list the entry announced, never an objective answer', () => {
    const r = readerWith([]);
    const keyStart = (text: string) => parseEntryStart(line(text).norm) as NonNullable<ReturnType<typeof parseEntryStart>>;
    r.st.entry = { ...entry(['处理积压投诉:']), number: 3 };
    r.st.field = 'answer';
    expect(isKeyListItem(r, keyStart('1.先分类'), '先分类')).toBe(true);
    expect(isKeyListItem(r, keyStart('1.B'), 'B')).toBe(false);
    expect(isKeyListItem(r, keyStart('题目1答案:先分类'), '先分类')).toBe(false);
    r.st.entry = { ...entry(['B']), number: 3 };
    expect(isKeyListItem(r, keyStart('1.先分类'), '先分类')).toBe(false);
  });
});
