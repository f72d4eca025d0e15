import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { spreadsheetSafeCell } from '@assay/contracts';

/** A table to download: one header row, then text cells. */
export interface SpreadsheetTable {
  format: 'csv' | 'xlsx';
  /** The XLSX sheet's name. */
  sheet: string;
  header: string[];
  rows: string[][];
}

/**
 * The bytes of a CSV (UTF-8 with a BOM, so Excel shows Chinese text) or XLSX download. Every cell
 * passes spreadsheetSafeCell: names and ids come from uploads and candidates' own input, and Excel
 * or WPS must never run them as formulas. A task for a worker thread (OffThread.spreadsheet):
 * writing 10,000 rows takes seconds of CPU.
 */
export async function writeSpreadsheet({ format, sheet, header, rows }: SpreadsheetTable): Promise<Uint8Array> {
  const safe = rows.map((row) => row.map(spreadsheetSafeCell));
  if (format === 'csv') return Buffer.from(`\uFEFF${stringify([header, ...safe])}`, 'utf8');
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.addRow(header);
  for (const row of safe) worksheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
