import type { paths } from '../../../api/schema';
import { staffApi } from '../../staff-api';
import { call } from '../problems';
import { saveFile } from '../ui';

export type BankFilters = NonNullable<paths['/api/v1/questions']['get']['parameters']['query']>;
export type SheetFormat = 'xlsx' | 'csv';

/** Downloads the bank's questions matching the filters (every one, no paging) as a spreadsheet. */
export async function exportBank(filters: Omit<BankFilters, 'page' | 'pageSize'>, format: SheetFormat): Promise<void> {
  const blob = await call(staffApi.GET('/api/v1/imports/question-bank/export', { params: { query: { ...filters, format } }, parseAs: 'blob' }));
  saveFile(blob as Blob, `question-bank.${format}`);
}

/** Downloads the empty template (header row, one example row; the xlsx explains each column). */
export async function downloadTemplate(format: SheetFormat): Promise<void> {
  const blob = await call(staffApi.GET('/api/v1/imports/question-bank/template', { params: { query: { format } }, parseAs: 'blob' }));
  saveFile(blob as Blob, `question-bank-template.${format}`);
}

/** Uploads a filled-in template: one question per valid row, errors per row (docs/imports.md). */
export function importBank(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  // The schema types the binary part as a string; the request sends the browser's FormData as is.
  return call(staffApi.POST('/api/v1/imports/question-bank', { body: {}, bodySerializer: () => form }));
}
