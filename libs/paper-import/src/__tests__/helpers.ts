import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTrueFalseAnswer } from '../answers';
import { importPaper } from '../import-paper';
import { parseLabel } from '../labels';
import { splitLines } from '../normalise';
import type { SourceLine } from '../normalise';
import { parseOptions } from '../questions';
import type { ImportedPaper, ImportedQuestion, ImportedSection, ReadPaper } from '../types';

/** The shared samples live beside the repository (CI clones ../shared next to it); they are never copied in. */
export function readSample(name: string): string {
  return readFileSync(path.resolve(__dirname, '../../../../../shared/samples/papers', name), 'utf8');
}

/** Every string anywhere in the paper, with the path it was found at. */
export function allStrings(value: unknown, at = '$'): { at: string; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => allStrings(v, `${at}.${k}`));
  return [];
}

/** Paths of string fields of the paper's content (not the warnings, nor the dropped lines) containing any of the markers. */
export function boilerplateHits(paper: ImportedPaper & { dropped?: unknown; readings?: unknown }, markers: string[]): string[] {
  const { warnings: _warnings, dropped: _dropped, readings: _readings, ...content } = paper;
  return allStrings(content)
    .filter(({ text }) => markers.some((m) => text.includes(m)))
    .map(({ at, text }) => `${at}: ${text}`);
}

export function codesAt(paper: ImportedPaper): string[] {
  return paper.warnings.map((w) => `${w.line}:${w.code}`);
}

export function answers(section: ImportedSection): Record<number, unknown> {
  return Object.fromEntries(section.questions.map((q, i) => [i + 1, q.answerKey]));
}

export function optionKeys(q: ImportedQuestion): string {
  return q.options.map((o) => o.key).join('');
}

/** How an author may have written a key: true/false keys in any of the words the reader accepts. */
function answerWords(key: unknown): string[] {
  if (key === true) return ['√', '✓', '对', '對', '正确', '正確', '是', 'T'];
  if (key === false) return ['×', '✗', '错', '錯', '错误', '錯誤', '否', 'F'];
  // Choice and fill-in keys are strings of the paper already.
  return [];
}

/** "A.正确 B.错误": options that only spell out true and false, so their letters are a way to write a true/false key. */
function trueFalseLetters(lines: SourceLine[]): Set<string> {
  const options = lines.flatMap((line) => parseOptions(line.raw, line.norm) ?? []);
  return new Set(options.filter((o) => parseTrueFalseAnswer(o.text)?.rest === '').map((o) => o.key));
}

/** "答案:A" where A is such an option: the line is in the question's true/false key. */
function isLetterKey(line: SourceLine, letters: Set<string>): boolean {
  const label = parseLabel(line.norm);
  return label !== null && letters.has(line.norm.slice(label.textStart).trim());
}

/**
 * Where a source line went: into the paper (some field's text is in the line, or the line's text is
 * in a field), into the header's numbers, into the dropped lines or into a warning on that line.
 */
export function unaccountedLines(text: string, paper: ReadPaper): string[] {
  const { warnings, dropped, readings, ...content } = paper;
  const fields = allStrings(content)
    .map(({ text: t }) => t)
    .concat(content.sections.flatMap((s) => s.questions.flatMap((q) => answerWords(q.answerKey))))
    .flatMap((t) => t.split('\n'))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const header = [paper.durationMinutes, paper.totalPoints].filter((n) => n !== null).map(String);
  const questionLines = content.sections.flatMap((s) => s.questions.map((q) => q.line));
  // A line read as the duration or total is in the header's numbers ("1 hour" is 60 minutes).
  const headerFields = readings.filter((r) => r.kind === 'header_field').map((r) => r.line);
  const marked = new Set([...warnings.map((w) => w.line), ...dropped.map((d) => d.line), ...questionLines, ...headerFields]);
  const lines = splitLines(text);
  const letters = trueFalseLetters(lines);
  return lines
    .filter((line) => line.raw !== '' && !marked.has(line.no) && !isLetterKey(line, letters))
    // Keys are stored normalised ("Ａ" -> "A"), so the normalised line is compared too.
    .filter((line) => !fields.some((f) => line.raw.includes(f) || f.includes(line.raw) || line.norm.includes(f)) && !header.some((n) => line.raw.includes(n)))
    .map((line) => `${line.no}: ${line.raw}`);
}

/** importPaper, checking that every line of the text is accounted for. */
export function importAccounted(text: string): ReadPaper {
  const paper = importPaper(text);
  expect(unaccountedLines(text, paper)).toEqual([]);
  return paper;
}
