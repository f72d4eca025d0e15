import { startSection } from '../assemble';
import { splitLines } from '../normalise';
import { readPaperLine } from '../paper-lines';
import { parseLines } from '../parser';
import { newReader } from '../reader-state';
import type { Reader } from '../reader-state';
import { parseSectionHeading } from '../sections';
import type { SectionHeading } from '../sections';

const lines = (...text: string[]) => splitLines(text.join('\n'));

/** Reads every line with readPaperLine alone (after a section heading, when given). */
function readPaper(sectionTitle: string | null, ...text: string[]): { r: Reader; readings: string[] } {
  const r = newReader(lines(...text));
  if (sectionTitle) {
    const [l] = lines(sectionTitle);
    startSection(r, parseSectionHeading(l) as SectionHeading, l);
  }
  const readings = r.lines.map((_, i) => {
    const { kind, rule } = readPaperLine(r, i);
    return `${kind} ${rule}`;
  });
  return { r, readings };
}

describe('paper lines: questions, options and their text', () => {
  it('reads questions, options on their own line or several on one, and stem lines', () => {
    const { r, readings } = readPaper('一、单选题(共2题)', '1.顾客投诉时,', '你先做什么?', 'A.倾听', 'B.争辩', '2.再做什么?', 'A.核实 B.退款');
    expect(readings).toEqual(['question question.dot', 'continuation stem.continued', 'option option.line', 'option option.line', 'question question.dot', 'option option.several']);
    expect(r.doc.sections[0].questions.map((q) => [q.stem, q.options.map((o) => o.key).join(''), q.asks])).toEqual([
      [['顾客投诉时,', '你先做什么?'], 'AB', true],
      [['再做什么?'], 'AB', true],
    ]);
  });

  it('keeps a list inside the stem in its question', () => {
    const { r, readings } = readPaper('一、简答题(共1题)', '1.请按顺序说明:', '(1)如何倾听', '(2)如何回复');
    expect(readings).toEqual(['question question.dot', 'continuation stem.list_item', 'continuation stem.list_item']);
    expect(r.doc.sections[0].questions).toHaveLength(1);
  });

  it('reads an unnumbered paragraph of a typed section as its question, and of a free section as a stray line', () => {
    expect(readPaper('五、论述题(共1题,20分)', '谈谈你对客服的理解。').readings).toEqual(['question question.unnumbered_in_typed_section']);
    expect(readPaper('二、岗位认知', '客服是企业的窗口。').readings).toEqual(['unplaced section.stray']);
  });

  it('reads lines before any section or question as the preamble', () => {
    const { r, readings } = readPaper(null, '客服笔试', '考试时间:30分钟');
    expect(readings).toEqual(['header preamble', 'header preamble']);
    expect(r.doc.preamble.map((l) => l.raw)).toEqual(['客服笔试', '考试时间:30分钟']);
  });
});

describe('parseLines: the order in which a line is tried', () => {
  const rules = (...text: string[]) => parseLines(lines(...text)).readings.map((r) => `${r.kind} ${r.rule}`);

  it('a key line under a section before a label, a heading inside an open quotation as text', () => {
    expect(rules('一、判断题(共1题)', '1.可以泄露客户信息。', '参考答案:1.×')).toEqual(['section_heading section.numbered_plain', 'question question.dot', 'answer key.section_line']);
    expect(rules('一、简答题(共1题)', '1.顾客说:“一、退款', '二、赔偿”你怎么回答?')).toEqual(['section_heading section.numbered_plain', 'question question.dot', 'continuation stem.continued']);
  });

  it('instructions before questions, labels before plain text, rubric criteria one per line until plain text', () => {
    expect(rules('一、简答题(共1题,每题5分)', '要求:独立作答。', '1.如何回访?', '评分标准:', '态度(2分)', '完整(3分)', '请说明回访时间。', '答案:当天回访。', '注意语气。')).toEqual([
      'section_heading section.numbered_plain',
      'instruction instruction.label',
      'question question.dot',
      'rubric label.rubric',
      'rubric rubric.criterion_line',
      'rubric rubric.criterion_line',
      'continuation stem.continued',
      'answer label.answer',
      'continuation answer.continued',
    ]);
  });
});
