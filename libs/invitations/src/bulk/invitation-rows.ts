import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { flattenValidationErrors } from '@assay/core';
import { CandidateInputDto } from '../dto/invitation.dto';

export const MAX_INVITATION_ROWS = 10_000;

/** Lines read at most (blank rows between candidates are allowed): a longer file is refused before the rest is parsed. */
const MAX_GRID_ROWS = 2 * MAX_INVITATION_ROWS + 1;
const TOO_LONG = `The file has more than ${MAX_GRID_ROWS} rows; at most ${MAX_INVITATION_ROWS} candidates can be invited at once. Split it into several files.`;

export interface InvitationRow {
  /** The row number as the user sees it in Excel (header = 1). */
  row: number;
  name: string;
  email: string;
  phone: string | null;
  externalId: string | null;
  extraTimePercent: number | null;
}

export interface RowError {
  row: number;
  field: string;
  reason: string;
}

export type RowFormat = 'csv' | 'xlsx';

/** Accepted header spellings, English and Chinese, for each column. */
const HEADERS: Record<keyof Omit<InvitationRow, 'row'>, string[]> = {
  name: ['name', 'full name', '姓名', '名字', '候选人'],
  email: ['email', 'e-mail', 'mail', '邮箱', '电子邮箱', '邮件'],
  phone: ['phone', 'mobile', '手机', '手机号', '电话'],
  externalId: ['external_id', 'externalid', 'ats id', 'ats_id', '外部编号', '候选人编号'],
  extraTimePercent: ['extra_time_percent', 'extra time %', 'extra_time', '额外时间', '延时百分比'],
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class RowsFileError extends Error {
  constructor(
    message: string,
    readonly field = 'file',
  ) {
    super(message);
    this.name = 'RowsFileError';
  }
}

async function readGrid(buffer: Buffer, format: RowFormat): Promise<string[][]> {
  if (format === 'csv') {
    try {
      const grid = parse(buffer, { bom: true, skip_empty_lines: false, relax_column_count: true, trim: true, to: MAX_GRID_ROWS + 1 }) as string[][];
      if (grid.length > MAX_GRID_ROWS) throw new RowsFileError(TOO_LONG);
      return grid;
    } catch (error) {
      if (error instanceof RowsFileError) throw error;
      // csv-parse names the line of an unclosed quote or a stray one: worth passing on.
      throw new RowsFileError(`The file is not a readable CSV: ${(error as Error).message}`);
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new RowsFileError('The file is not a readable .xlsx workbook; save it again from Excel or upload a CSV.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RowsFileError('The workbook has no sheet.');
  if (sheet.actualRowCount > MAX_GRID_ROWS) throw new RowsFileError(TOO_LONG);
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = (row.values as unknown[]).slice(1);
    grid[number - 1] = values.map((v) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'object' && 'richText' in (v as object)) return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('').trim();
      if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text).trim();
      if (typeof v === 'object' && 'result' in (v as object)) return String((v as { result: unknown }).result ?? '').trim();
      return String(v).trim();
    });
  });
  return Array.from(grid, (r) => r ?? []);
}

/**
 * Reads candidate rows from an uploaded CSV or XLSX: every row validated, each problem reported
 * with its row number and column, duplicates inside the file caught. Pure: no database.
 */
export async function readInvitationRows(buffer: Buffer, format: RowFormat): Promise<{ rows: InvitationRow[]; errors: RowError[] }> {
  const grid = await readGrid(buffer, format);
  const header = (grid[0] ?? []).map((h) => h.toLowerCase().trim());
  const column = Object.fromEntries(
    Object.entries(HEADERS).map(([key, names]) => [key, header.findIndex((h) => names.includes(h))]),
  ) as Record<keyof typeof HEADERS, number>;
  if (column.email < 0 || column.name < 0) {
    throw new RowsFileError('The first row must name the columns; "name" (姓名) and "email" (邮箱) are required.');
  }
  const body = grid.slice(1);
  const filled = body.filter((cells) => cells.some((c) => c !== '')).length;
  if (filled > MAX_INVITATION_ROWS) {
    throw new RowsFileError(`The file has ${filled} rows; at most ${MAX_INVITATION_ROWS} can be invited at once. Split it into several files.`);
  }
  const rows: InvitationRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfEmail = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c === '')) return;
    const cell = (key: keyof typeof HEADERS) => (column[key] >= 0 ? (cells[column[key]] ?? '').trim() : '');
    const rowErrors: RowError[] = [];
    const name = cell('name');
    const email = cell('email').toLowerCase();
    if (!name) rowErrors.push({ row, field: 'name', reason: 'name is empty' });
    else if (name.length > 200) rowErrors.push({ row, field: 'name', reason: 'name is longer than 200 characters' });
    if (!email) rowErrors.push({ row, field: 'email', reason: 'email is empty' });
    else if (!EMAIL.test(email) || email.length > 320) rowErrors.push({ row, field: 'email', reason: `"${cell('email')}" is not an email address` });
    else if (firstRowOfEmail.has(email)) rowErrors.push({ row, field: 'email', reason: `same email as row ${firstRowOfEmail.get(email)}` });
    let extraTimePercent: number | null = null;
    const extra = cell('extraTimePercent').replace(/%$/, '');
    if (extra) {
      extraTimePercent = Number(extra);
      if (!Number.isInteger(extraTimePercent) || extraTimePercent < 0 || extraTimePercent > 200) {
        rowErrors.push({ row, field: 'extra_time_percent', reason: 'extra time must be a whole percentage from 0 to 200' });
      }
    }
    const candidate = { name, email, phone: cell('phone') || null, externalId: cell('externalId') || null };
    if (rowErrors.length === 0) rowErrors.push(...candidateProblems(row, candidate));
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      return;
    }
    firstRowOfEmail.set(email, row);
    rows.push({ row, ...candidate, extraTimePercent });
  });
  return { rows, errors };
}

const COLUMN_OF_FIELD: Record<string, string> = { externalId: 'external_id' };

/**
 * A row's candidate under the same rules as a single invitation's JSON body (CandidateInputDto:
 * lengths, email form), so the file route cannot store what the JSON route refuses (a 5 MiB phone number was accepted here once).
 */
function candidateProblems(row: number, candidate: { name: string; email: string; phone: string | null; externalId: string | null }): RowError[] {
  const given = Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== null));
  const problems = flattenValidationErrors(validateSync(plainToInstance(CandidateInputDto, given), { validationError: { target: false, value: false } }));
  return problems.map((p) => ({ row, field: COLUMN_OF_FIELD[p.field] ?? p.field, reason: p.reason }));
}

export type InvitationRowsReading = { ok: true; rows: InvitationRow[]; errors: RowError[] } | { ok: false; message: string; field: string };

/**
 * readInvitationRows as a task for a worker thread (OffThread): a 10,000-row file takes seconds of
 * CPU. A file-level problem is a value, since an Error's class does not cross threads.
 */
export async function readInvitationRowsTask(input: { bytes: Uint8Array; format: RowFormat }): Promise<InvitationRowsReading> {
  try {
    return { ok: true, ...(await readInvitationRows(Buffer.from(input.bytes), input.format)) };
  } catch (error) {
    if (error instanceof RowsFileError) return { ok: false, message: error.message, field: error.field };
    throw error;
  }
}
