import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetCellText, spreadsheetSafeCell } from '@assay/contracts';
import ExcelJS from 'exceljs';
import { columnForHeader, questionBankColumns, questionToRow, rowToQuestion } from './bank-columns';
import type { BankQuestion, QuestionBankError } from './bank-columns';
import { decodeText } from './document-text';
import type { ImportedQuestion } from './types';

export type QuestionBankFormat = 'xlsx' | 'csv';

/** Rows of one upload (below the header): more is refused before the rest is read. */
export const MAX_QUESTION_BANK_ROWS = 5_000;

/** The file has more rows than one upload may; the message is shown to the user as is. */
export class TooManyRowsError extends Error {
  constructor() {
    super(`文件超过 ${MAX_QUESTION_BANK_ROWS} 行 The file has more than ${MAX_QUESTION_BANK_ROWS} rows; split it into several files.`);
    this.name = 'TooManyRowsError';
  }
}

const EXAMPLE: ImportedQuestion & Pick<BankQuestion, 'difficulty' | 'tags'> = {
  type: 'single_choice',
  kind: null,
  stem: '客户因物流延迟投诉时,最合适的第一步是?',
  options: [
    { key: 'A', text: '解释物流不归客服管' },
    { key: 'B', text: '致歉并查询物流进度' },
    { key: 'C', text: '建议客户耐心等待' },
  ],
  answerKey: 'B',
  referenceAnswer: null,
  explanation: '先共情并给出可核实的信息。',
  competencies: ['沟通技巧', '情绪管理'],
  rubric: [],
  points: 2,
  line: 2,
  difficulty: 2,
  tags: ['售后'],
};

type Row = ImportedQuestion & Partial<Pick<BankQuestion, 'difficulty' | 'tags'>>;

/** The header row and one example row, or the given questions (export). */
export async function buildQuestionBankTemplate(format: QuestionBankFormat, questions?: Row[]): Promise<Buffer> {
  const keys = questionBankColumns.map((c) => c.key);
  // Text starting like a formula is escaped in both formats (the import strips the escape again).
  const rows = (questions ?? [EXAMPLE]).map(questionToRow).map((row) => keys.map((k) => row[k]).map((cell) => (typeof cell === 'string' ? spreadsheetSafeCell(cell) : cell)));
  if (format === 'csv') {
    // The BOM makes Excel open the UTF-8 file with the Chinese text intact.
    return Buffer.from(`\uFEFF${stringify([keys, ...rows.map((row) => row.map((cell) => String(cell ?? '')))])}`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('题库');
  sheet.addRow(keys);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = keys[i] === 'stem' || keys[i] === 'reference_answer' ? 50 : 16;
  });
  const help = workbook.addWorksheet('填写说明');
  help.addRow(['列名', '中文名', '说明']);
  help.getRow(1).font = { bold: true };
  for (const c of questionBankColumns) help.addRow([c.key, c.label, c.description]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  return '';
}

/** Rows of cell texts, each with the row number Excel shows (header = 1). */
async function readRows(buffer: Buffer, format: QuestionBankFormat): Promise<{ row: number; cells: string[] }[]> {
  // The header, the allowed rows, and one more to tell that there are too many.
  const readLimit = MAX_QUESTION_BANK_ROWS + 2;
  if (format === 'csv') {
    const records = parse(decodeText(buffer), { relax_column_count: true, to: readLimit }) as string[][];
    if (records.length >= readLimit) throw new TooManyRowsError();
    return records.map((cells, i) => ({ row: i + 1, cells: cells.map(spreadsheetCellText) }));
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (sheet && sheet.actualRowCount >= readLimit) throw new TooManyRowsError();
  const rows: { row: number; cells: string[] }[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = spreadsheetCellText(cellText(cell.value));
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

/** Reads a filled-in question-bank template; rows with errors are reported and left out. */
export async function readQuestionBank(
  buffer: Buffer,
  format: QuestionBankFormat,
): Promise<{ questions: BankQuestion[]; errors: QuestionBankError[] }> {
  const rows = await readRows(buffer, format);
  const header = rows.find((r) => r.cells.some((c) => c.trim() !== ''));
  const errors: QuestionBankError[] = [];
  const questions: BankQuestion[] = [];
  if (!header) return { questions, errors: [{ row: 1, column: '', message: '表格为空,缺少表头' }] };

  const keys = header.cells.map((h) => (h.trim() === '' ? null : columnForHeader(h)));
  header.cells.forEach((h, i) => {
    if (h.trim() !== '' && keys[i] === null) errors.push({ row: header.row, column: h, message: `无法识别的列“${h}”,已忽略` });
  });
  for (const required of ['type', 'stem']) {
    if (!keys.includes(required)) errors.push({ row: header.row, column: required, message: `缺少必需的列“${required}”` });
  }
  if (!keys.includes('type') || !keys.includes('stem')) return { questions, errors };

  for (const { row, cells } of rows) {
    if (row <= header.row || cells.every((c) => c.trim() === '')) continue;
    const byKey: Record<string, string> = {};
    keys.forEach((k, i) => {
      if (k !== null) byKey[k] = cells[i] ?? '';
    });
    const result = rowToQuestion(byKey, row);
    errors.push(...result.errors);
    if (result.question) questions.push(result.question);
  }
  return { questions, errors };
}
