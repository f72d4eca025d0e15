/**
 * A cell for a CSV that people open in Excel or WPS: text starting with = + - @ (or a tab or
 * carriage return) would be run as a formula (`=HYPERLINK(...)`, `=cmd|...`), so it is prefixed
 * with an apostrophe and shown as text (OWASP "CSV injection"). Other text is left alone. Every
 * CSV and XLSX the platform writes (invitations, question bank, analytics) goes through it: .xlsx
 * cells are text cells, but one edited in Excel would become a formula without the prefix.
 */
export function spreadsheetSafeCell(value: string): string {
  return FORMULA_LEADING.test(value) ? `'${value}` : value;
}

/** The text of a cell written by spreadsheetSafeCell, so an exported file imports back unchanged. */
export function spreadsheetCellText(cell: string): string {
  return cell.startsWith("'") && FORMULA_LEADING.test(cell.slice(1)) ? cell.slice(1) : cell;
}

const FORMULA_LEADING = /^[=+\-@\t\r]/;
