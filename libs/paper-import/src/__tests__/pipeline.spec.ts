import { attachAnswerKeys } from '../attach-keys';
import { stripBoilerplate } from '../boilerplate';
import { parseHeader } from '../header';
import { importPaper } from '../import-paper';
import { splitLines } from '../normalise';
import { looksStructural, parseLines } from '../parser';

const lines = (...text: string[]) => splitLines(text.join('\n'));

describe('stage: normalise', () => {
  it('keeps the author text and a same-length normalised copy with Simplified keywords', () => {
    const [line] = lines('  一、單選題（共２題）  ');
    expect(line).toEqual({ no: 1, raw: '一、單選題（共２題）', norm: '一、单选题(共2题)' });
  });
});

describe('stage: boilerplate', () => {
  it('names the rule that took each site line, and drops captions repeated on every page', () => {
    const clean = stripBoilerplate(
      lines('客服笔试.docx', '客服笔试', '一、简答题(共1题,每题5分)', '内部资料 请勿外传', '1.如何回访?', '内部资料 请勿外传', '答案:当天回访。', '内部资料 请勿外传', '相关文档', '客服培训题库'),
      looksStructural,
    );
    expect(clean.dropped.map(({ line, rule }) => `${line.no} ${rule}`)).toEqual([
      '1 site.file_name',
      '4 page.repeated_header_footer',
      '6 page.repeated_header_footer',
      '8 page.repeated_header_footer',
      '9 site.trailer',
      '10 site.after_trailer',
    ]);
    expect(clean.lines.map((l) => l.no)).toEqual([2, 3, 5, 7]);
  });
});

describe('stage: classify and assemble', () => {
  it('reads every line with its kind and the rule that decided it', () => {
    const doc = parseLines(
      lines('测验', '一、单选题(共1题,每题2分)', '要求:选一项。', '1.先做什么?( )', 'A.倾听 B.争辩', '答案:A', '分析:先倾听。', '参考答案', '一、单选题', '1.A'),
    );
    expect(doc.readings.map((r) => `${r.line} ${r.kind} ${r.rule}`)).toEqual([
      '1 header preamble',
      '2 section_heading section.numbered_plain',
      '3 instruction instruction.label',
      '4 question question.dot',
      '5 option option.several',
      '6 answer label.answer',
      '7 explanation label.explanation',
      '8 answer_key_heading key.heading',
      '9 answer_key_heading key.section_heading',
      '10 answer key.entry',
    ]);
    expect(doc.sections[0].questions[0]).toMatchObject({ number: 1, stem: ['先做什么?( )'], answer: { lines: ['A'] } });
    expect(doc.entries.map((e) => [e.number, e.answer?.lines])).toEqual([[1, ['A']]]);
  });

  it('reads the header lines as title and header fields', () => {
    const header = parseHeader(lines('客服笔试', '考试时间:30分钟', '本卷仅限内部使用'));
    expect(header.readings.map((r) => `${r.kind} ${r.rule}`)).toEqual(['title header.first_title_like_line', 'header_field header.duration', 'unplaced header.other']);
  });
});

describe('stage: attach answer keys', () => {
  it('puts key entries on their questions and warns about an entry without a question', () => {
    const doc = parseLines(lines('测验', '一、单选题(共1题,每题2分)', '1.先做什么?( )', 'A.倾听 B.争辩', '参考答案', '1.A', '2.B'));
    const warnings = attachAnswerKeys(doc.sections, doc.entries);
    expect(doc.sections[0].questions[0].answer?.lines).toEqual(['A']);
    expect(warnings.map((w) => `${w.line}:${w.code}`)).toEqual(['7:answer_without_question']);
  });
});

describe('the whole pipeline', () => {
  it('gives boilerplate and header lines their readings too, one per non-blank line', () => {
    const read = importPaper(['第1页 共2页', '测验', '', '一、简答题(共1题,每题5分)', '1.如何回访?', '答案:当天回访。'].join('\n'));
    expect(read.readings.map((r) => `${r.line} ${r.kind}`)).toEqual(['1 boilerplate', '2 title', '4 section_heading', '5 question', '6 answer']);
  });
});
