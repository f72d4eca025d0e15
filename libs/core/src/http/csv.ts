/**
 * A cell for a CSV that people open in Excel or WPS: text starting with = + - @ (or a tab or
 * carriage return) would be run as a formula (`=HYPERLINK(...)`, `=cmd|...`), so it is prefixed
 * with an apostrophe and shown as text (OWASP "CSV injection"). Other text is left alone.
 */
export function spreadsheetSafeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
