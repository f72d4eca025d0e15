/**
 * The input of `npm run stats`: a header row of question labels, then one row of marks per
 * attempt. Pure: the caller splits the CSV into cells; this checks them and names the exact cell
 * that is wrong, so a user can fix their file.
 */

export interface MarksTable {
  labels: string[];
  /** One row per attempt; an empty cell is null (not answered: counts as 0). */
  marks: (number | null)[][];
  maxMarks: number[];
}

export class MarksTableError extends Error {}

function parseNumber(cell: string, where: string): number | null {
  const text = cell.trim();
  if (text === '' || text === '-') return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new MarksTableError(`${where}: "${cell}" is not a number`);
  return value;
}

/** `--max 1,2,5`: one positive maximum per question; omitted, every question is worth 1. */
export function parseMaxMarks(text: string | undefined, questionCount: number): number[] {
  if (text === undefined) return new Array<number>(questionCount).fill(1);
  const values = text.split(',').map((cell, i) => parseNumber(cell, `--max value ${i + 1}`));
  if (values.length !== questionCount) {
    throw new MarksTableError(`--max gives ${values.length} maxima for ${questionCount} questions`);
  }
  return values.map((v, i) => {
    if (v === null || v <= 0) throw new MarksTableError(`--max value ${i + 1} must be a positive number`);
    return v;
  });
}

export function parseMarksTable(rows: readonly (readonly string[])[], maxText?: string): MarksTable {
  const nonEmpty = rows.filter((row) => row.some((cell) => cell.trim() !== ''));
  if (nonEmpty.length === 0) throw new MarksTableError('the file is empty: expected a header row of question labels');
  const labels = nonEmpty[0].map((label) => label.trim());
  if (labels.some((label) => label === '')) throw new MarksTableError(`header: column ${labels.indexOf('') + 1} has no label`);
  const marks = nonEmpty.slice(1).map((row, r) => {
    const line = r + 2;
    if (row.length !== labels.length) {
      throw new MarksTableError(`row ${line}: ${row.length} cells for ${labels.length} questions`);
    }
    return row.map((cell, c) => parseNumber(cell, `row ${line}, column ${c + 1} (${labels[c]})`));
  });
  if (marks.length === 0) throw new MarksTableError('no attempts: expected one row of marks per attempt after the header');
  return { labels, marks, maxMarks: parseMaxMarks(maxText, labels.length) };
}
