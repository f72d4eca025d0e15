import { addAnswer, applyLabel, questionFromLine, startQuestion } from '../assemble';
import { emptyNotes } from '../drafts';
import { parseLabel } from '../labels';
import type { Label } from '../labels';
import { splitLines } from '../normalise';
import { parseQuestionStart } from '../questions';
import { newReader } from '../reader-state';

const line = (text: string) => splitLines(text)[0];

function question(text: string) {
  const l = line(text);
  const start = parseQuestionStart(l.norm);
  return questionFromLine(l, start, start?.textStart ?? 0);
}

describe('assemble: a question line', () => {
  it('takes the number, style and stem, and whether it asks', () => {
    expect(question('3、如何回访?').question).toMatchObject({ number: 3, style: 'dot', stem: ['如何回访?'], asks: true, line: 1 });
    expect(question('(2)岗位职责').question).toMatchObject({ number: 2, style: 'paren', stem: ['岗位职责'], asks: false });
  });

  it('takes a stated type, options run on after the stem, and a bracketed answer out of the stem', () => {
    const { question: q, inline } = question('1.单选题:顾客要求退款时应当( B )A.立即退款B.先核实订单');
    expect(inline).toBe(true);
    expect(q.hint).toEqual({ type: 'single_choice', kind: null });
    expect(q.stem).toEqual(['顾客要求退款时应当( )']);
    expect(q.answer).toEqual({ line: 1, lines: ['B'] });
    expect(q.options.map((o) => o.key)).toEqual(['A', 'B']);
  });

  it('takes points at the start or end of the stem, not in the middle, and competencies at its end', () => {
    expect(question('1.(5分)如何回访?').question).toMatchObject({ points: 5, stem: ['如何回访?'] });
    expect(question('1.请介绍你自己。(考察点:表达能力、逻辑)').question).toMatchObject({ stem: ['请介绍你自己。'], competencies: ['表达能力', '逻辑'] });
    expect(question('1.扣(5分)的情形有哪些?').question).toMatchObject({ points: null, stem: ['扣(5分)的情形有哪些?'] });
  });

  it('opens the question in the open section, or in an untitled one, and sends plain lines to its stem or options', () => {
    const r = newReader([]);
    startQuestion(r, line('1.如何回访?'), parseQuestionStart('1.如何回访?'), 2);
    expect(r.doc.sections.map((s) => [s.heading, s.questions.length])).toEqual([[null, 1]]);
    expect(r.st.field).toBe('stem');
    startQuestion(r, line('2.先做什么? A.倾听 B.争辩'), parseQuestionStart('2.先做什么? A.倾听 B.争辩'), 2);
    expect(r.doc.sections[0].questions.length).toBe(2);
    expect(r.st.field).toBe('options');
  });
});

describe('assemble: labels', () => {
  const label = (text: string) => parseLabel(line(text).norm) as Label;

  it('splits an inline explanation off an answer, and the next plain line goes to the explanation', () => {
    const r = newReader([]);
    const notes = emptyNotes();
    addAnswer(r, notes, line('答案:B 解析:先核实。'), 3);
    expect([notes.answer?.lines, notes.explanation?.lines, r.st.field]).toEqual([['B'], ['先核实。'], 'explanation']);
  });

  it('adds competencies, and rubric criteria with the field to go back to and the items without points', () => {
    const r = newReader([]);
    const notes = emptyNotes();
    r.st.field = 'answer';
    applyLabel(r, notes, label('考察点:沟通、应变'), line('考察点:沟通、应变'));
    expect([notes.competencies, r.st.field]).toEqual([['沟通', '应变'], 'none']);
    r.st.field = 'answer';
    applyLabel(r, notes, label('评分标准:态度(3分)、完整'), line('评分标准:态度(3分)、完整'));
    expect(notes.rubric).toEqual([{ criterion: '态度', points: 3 }]);
    expect([r.st.field, r.st.fieldBeforeRubric, notes.rubricLine]).toEqual(['rubric', 'answer', 1]);
    expect(r.doc.unreadableRubric).toEqual([{ line: 1, text: '完整' }]);
  });
});
