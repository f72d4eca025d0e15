/**
 * Pure helpers of the console's paper screens (unit-tested in paper-issues.spec.ts): where a
 * validation issue or a problem's field belongs on the screen, and the lines of an imported document.
 */

/** Where an issue's `path` (docs/papers.md "Validation") points: the paper, a section, or a fixed question of a section. */
export type IssuePlace =
  | { on: 'paper'; field: string }
  | { on: 'section'; section: number; field: string }
  | { on: 'question'; section: number; question: number; field: string };

const SECTION_PATH = /^sections\[(\d+)\](?:\.questions\[(\d+)\])?\.?(.*)$/;

export function issuePlace(path: string): IssuePlace {
  const match = SECTION_PATH.exec(path);
  if (!match) return { on: 'paper', field: path };
  const section = Number(match[1]);
  if (match[2] !== undefined) return { on: 'question', section, question: Number(match[2]), field: match[3] };
  return { on: 'section', section, field: match[3] };
}

/** The issues placed on one section (`question` undefined) or on one of its questions. */
export function issuesAt<T extends { path: string }>(issues: readonly T[], section: number, question?: number): T[] {
  return issues.filter((issue) => {
    const place = issuePlace(issue.path);
    if (question === undefined) return place.on === 'section' && place.section === section;
    return place.on === 'question' && place.section === section && place.question === question;
  });
}

/** The issues about the paper as a whole (pass mark, total, no sections). */
export function paperIssues<T extends { path: string }>(issues: readonly T[]): T[] {
  return issues.filter((issue) => issuePlace(issue.path).on === 'paper');
}

/** A problem document's `errors[]` grouped by field, for showing each reason beside its input. */
export function reasonsByField(errors: readonly { field: string; reason: string }[] | undefined): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const { field, reason } of errors ?? []) byField.set(field, [...(byField.get(field) ?? []), reason]);
  return byField;
}

/** The lines of a document as the reader counts them (`line` 1 is index 0): the same split as libs/paper-import. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The text with line `line` (1-based) replaced; line breaks become the document's own (`\n`). */
export function replaceLine(text: string, line: number, replacement: string): string {
  const lines = linesOf(text);
  if (line < 1 || line > lines.length) return text;
  lines[line - 1] = replacement;
  return lines.join('\n');
}
