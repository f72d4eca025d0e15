import { questionFromLine, startSection } from '../assemble';
import { comparableTitle, findSection } from '../find-section';
import { openKey, readGrid, readKeyLine, readKeySectionHeading, sectionKey, startEntry } from '../key-lines';
import { splitLines } from '../normalise';
import type { SourceLine } from '../normalise';
import { parseQuestionStart } from '../questions';
import { newReader } from '../reader-state';
import type { Reader } from '../reader-state';
import { parseSectionHeading } from '../sections';
import type { SectionHeading } from '../sections';

const line = (text: string) => splitLines(text)[0];
const heading = (text: string) => parseSectionHeading(line(text)) as SectionHeading;

/** A reader whose paper has the given sections, each with questions numbered 1..n. */
function paper(sections: [string, number][], keyLines: string[] = []): Reader {
  const r = newReader(splitLines(keyLines.join('\n')));
  for (const [title, count] of sections) {
    const section = startSection(r, heading(title), line(title));
    for (let n = 1; n <= count; n++) section.questions.push(questionFromLine(line(`${n}.问题${n}?`), parseQuestionStart(`${n}.`), 2).question);
  }
  return r;
}

/** Reads the reader's lines as the key at the end of the paper; headings go to readKeySectionHeading. */
function readKey(r: Reader): string[] {
  openKey(r);
  return r.lines.map((l: SourceLine) => {
    const h = parseSectionHeading(l);
    const { kind, rule } = h ? readKeySectionHeading(r, l, h) : readKeyLine(r, l);
    return `${kind} ${rule}`;
  });
}

describe('key lines: the key at the end of the paper', () => {
  it('reads entry lines, entries with their answer, an entry heading over its answer and a list inside it', () => {
    const r = paper([['一、简答题(共3题)', 3]], ['1.A 2.B', '3.', '处理积压投诉:', '1.先分类', '2.再回复']);
    expect(readKey(r)).toEqual(['answer key.entries_line', 'answer_key_heading key.entry_heading', 'continuation key.answer_continued', 'continuation key.list_item', 'continuation key.list_item']);
    expect(r.doc.entries.map((e) => [e.number, e.answer?.lines])).toEqual([
      [1, ['A']],
      [2, ['B']],
      [3, ['处理积压投诉:', '1.先分类', '2.再回复']],
    ]);
  });

  it('numbers straight through sections restart the count: the section by order', () => {
    const r = newReader([]);
    expect([1, 2, 1, 2].map((n) => startEntry(r, line(`${n}.B`), n).sectionByOrder)).toEqual([0, 0, 1, 1]);
  });

  it('puts entries under a key heading on that section, or marks them orphans', () => {
    const r = paper([['一、单选题(共2题)', 2], ['二、判断题(共1题)', 1]], ['二、判断题答案', '1.√', '五、论述题', '1.略']);
    expect(readKey(r)).toEqual(['answer_key_heading key.section_heading', 'answer key.entry', 'answer_key_heading key.section_heading', 'answer key.entry']);
    expect(r.doc.entries.map((e) => [e.section?.heading?.title ?? null, e.orphan])).toEqual([
      ['判断题', false],
      [null, true],
    ]);
    expect(r.doc.unknownAnswerSections.map((l) => l.raw)).toEqual(['五、论述题']);
  });

  it('reads an unnumbered answer as the answer of a section with one question', () => {
    const r = paper([['一、单选题(共2题)', 2], ['五、论述题(共1题,20分)', 1]], ['五、论述题答案', '先倾听,再解决。']);
    expect(readKey(r)).toEqual(['answer_key_heading key.section_heading', 'answer key.only_question']);
    expect(r.doc.entries.map((e) => [e.number, e.answer?.lines])).toEqual([[1, ['先倾听,再解决。']]]);
  });
});

describe('key lines: keys under a section and key tables', () => {
  it('sectionKey: answers the open section only when every number is one of its questions', () => {
    const r = paper([['一、单选题(共2题)', 2]]);
    expect(sectionKey(r, line('参考答案:1.B 3.C'), [{ number: 1, answer: 'B' }, { number: 3, answer: 'C' }])).toBe(false);
    expect(sectionKey(r, line('参考答案:1.B 2.C'), [{ number: 1, answer: 'B' }, { number: 2, answer: 'C' }])).toBe(true);
    expect(r.doc.entries.map((e) => [e.number, e.section === r.doc.sections[0]])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect([r.st.mode, r.st.question]).toEqual(['paper', null]);
  });

  it('readGrid: a row of numbers over a row of answers; it opens the key when no section takes it', () => {
    const r = paper([], ['题号 1 2', '答案 B A', '一、单选题']);
    expect(readGrid(r, 0)).toEqual({ kind: 'answer_key_heading', rule: 'key.grid_numbers' });
    expect(readGrid(r, 1)).toEqual({ kind: 'answer', rule: 'key.grid_answers' });
    expect(r.st.mode).toBe('answers');
    expect(r.doc.entries.map((e) => [e.number, e.answer?.lines])).toEqual([
      [1, ['B']],
      [2, ['A']],
    ]);
    expect(readGrid(r, 2)).toBeNull();
  });
});

describe('find-section: the paper section a key heading names', () => {
  const sections = paper([['一、单选题(共2题,每题2分)', 2], ['二、客户沟通', 1], ['(一)服务意识', 1], ['三、多选题', 0]]).doc.sections;
  const found = (text: string) => findSection(sections, heading(text))?.heading?.title ?? null;

  it('by title, by a title containing the other, by type word, then by number', () => {
    expect(comparableTitle('单选题答案(共2题)')).toBe('单选题');
    expect(found('一、单选题答案')).toBe('单选题');
    expect(found('二、沟通')).toBe('客户沟通');
    expect(found('(二)单项选择题')).toBe('单选题');
    expect(found('(一)参考答案')).toBe('服务意识');
  });

  it('never a section without questions, and none when the number is not unique or unknown', () => {
    expect(found('三、答案')).toBeNull();
    expect(found('六、论述题')).toBeNull();
  });
});
