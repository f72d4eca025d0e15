import ExcelJS from 'exceljs';
import { questionBankColumns } from '../bank-columns';
import { importPaper } from '../import-paper';
import { buildQuestionBankTemplate, readQuestionBank } from '../spreadsheet';
import type { ImportedQuestion } from '../types';
import { readSample } from './helpers';

const header = questionBankColumns.map((c) => c.key);

function csv(...rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'), 'utf8');
}

function row(values: Record<string, string>): string[] {
  return header.map((k) => values[k] ?? '');
}

const withoutLine = ({ line: _line, ...rest }: ImportedQuestion) => rest;

describe('question-bank spreadsheet', () => {
  const sampleQuestions = [
    ...importPaper(readSample('cs-manager-interview-2026.txt')).sections.flatMap((s) => s.questions),
    ...importPaper(readSample('online-cs-interview-2026.txt')).sections.flatMap((s) => s.questions),
  ];
  const extra = importPaper(
    ['测验', '一、填空题(共1题,每题4分)', '1.要做到____和____。', '参考答案:倾听/聆听;共情', '二、判断题(共1题,每题2分)', '1.可以争吵。', '参考答案:错误'].join('\n'),
  ).sections.flatMap((s) => s.questions);
  // A bank question must be complete: the samples' objective questions whose key was cut off are left out.
  const questions = [...sampleQuestions, ...extra].filter((q) => q.answerKey !== null || q.kind !== null);

  it.each(['xlsx', 'csv'] as const)('round-trips imported questions through %s', async (format) => {
    const buffer = await buildQuestionBankTemplate(format, questions);
    const read = await readQuestionBank(buffer, format);
    expect(read.errors).toEqual([]);
    expect(read.questions.map(withoutLine)).toEqual(questions.map((q) => ({ ...withoutLine(q), difficulty: null, tags: [] })));
    expect(read.questions.map((q) => q.line)).toEqual(questions.map((_, i) => i + 2));
  });

  /** The cells of the exported row as a spreadsheet program sees them. */
  async function exportedCells(buffer: Buffer, format: 'csv' | 'xlsx'): Promise<string[]> {
    if (format === 'csv') return ((await import('csv-parse/sync')).parse(buffer.toString('utf8').replace(/^\uFEFF/, '')) as string[][])[1];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return (workbook.worksheets[0].getRow(2).values as unknown[]).slice(1).map((v) => String(v ?? ''));
  }

  it.each(['csv', 'xlsx'] as const)('escapes formula-leading cells in the %s export, and reads them back as written', async (format) => {
    const hostile = { ...questions[0], stem: '=HYPERLINK("http://evil.example","点我")', explanation: '+SUM(1)', referenceAnswer: '@x' };
    const buffer = await buildQuestionBankTemplate(format, [hostile]);
    const cells = await exportedCells(buffer, format);
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(["'=HYPERLINK(\"http://evil.example\",\"点我\")", "'+SUM(1)", "'@x"]));
    const read = await readQuestionBank(buffer, format);
    expect(read.questions[0]).toMatchObject({ stem: hostile.stem, explanation: '+SUM(1)', referenceAnswer: '@x' });
  });

  it.each(['xlsx', 'csv'] as const)('writes a %s template with the header and one valid example row', async (format) => {
    const read = await readQuestionBank(await buildQuestionBankTemplate(format), format);
    expect(read.errors).toEqual([]);
    expect(read.questions).toHaveLength(1);
    expect(read.questions[0]).toMatchObject({ type: 'single_choice', answerKey: 'B', difficulty: 2, tags: ['售后'], line: 2 });
  });

  it('writes the column keys as the xlsx header and a sheet explaining them', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildQuestionBankTemplate('xlsx')) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['题库', '填写说明']);
    expect((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(header);
    expect(workbook.worksheets[1].rowCount).toBe(questionBankColumns.length + 1);
  });

  it('accepts Chinese headers and Chinese type names', async () => {
    const text = ['题型,题干,选项A,选项B,答案,分值,难度,标签,考察点,评分标准,参考答案', '多选题,哪些是好习惯?,倾听,共情,AB,3,2,售后、投诉,沟通技巧、同理心,,', '情景题,客户辱骂时怎么办?,,,,10,,,,冷静:5;解决:5,先冷静。'].join('\n');
    const read = await readQuestionBank(Buffer.from(text, 'utf8'), 'csv');
    expect(read.errors).toEqual([]);
    expect(read.questions.map((q) => [q.type, q.kind, q.answerKey, q.points, q.difficulty, q.tags, q.competencies])).toEqual([
      ['multiple_choice', null, ['A', 'B'], 3, 2, ['售后', '投诉'], ['沟通技巧', '同理心']],
      ['essay', 'scenario', null, 10, null, [], []],
    ]);
    expect(read.questions[1].rubric).toEqual([{ criterion: '冷静', points: 5 }, { criterion: '解决', points: 5 }]);
  });

  it('reports each bad cell with the row number Excel shows and leaves the row out', async () => {
    const buffer = csv(
      header,
      row({ type: 'single_choice', stem: '好的一行?', option_a: '是', option_b: '否', answer: 'A' }),
      row({ type: '连线题', stem: '题型不对' }),
      row({ type: 'single_choice', stem: '答案不在选项中', option_a: '是', option_b: '否', answer: 'C' }),
      [''],
      row({ type: 'multiple_choice', stem: '选项不连续', option_a: '一', option_c: '三', answer: 'A,C' }),
      row({ type: 'true_false', stem: '判断', answer: '也许' }),
      row({ type: 'essay', stem: '', difficulty: '9', points: '-1', rubric: '逻辑清晰' }),
    );
    const read = await readQuestionBank(buffer, 'csv');
    expect(read.questions.map((q) => q.stem)).toEqual(['好的一行?']);
    expect(read.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'type'],
      [4, 'answer'],
      [6, 'option_c'],
      [6, 'answer'],
      [7, 'answer'],
      [8, 'stem'],
      [8, 'rubric'],
      [8, 'points'],
      [8, 'difficulty'],
    ]);
    expect(read.errors[0].message).toBe('无法识别的题型“连线题”');
  });

  it('reports a missing required column and unknown columns on row 1', async () => {
    const read = await readQuestionBank(csv(['题干', '备注'], ['甲?', 'x']), 'csv');
    expect(read.questions).toEqual([]);
    expect(read.errors).toEqual([
      { row: 1, column: '备注', message: '无法识别的列“备注”,已忽略' },
      { row: 1, column: 'type', message: '缺少必需的列“type”' },
    ]);
  });
});
