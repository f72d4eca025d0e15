import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ImportedPaper, ImportedQuestion, ImportedSection } from '../types';

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
export function boilerplateHits(paper: ImportedPaper & { dropped?: unknown }, markers: string[]): string[] {
  const { warnings: _warnings, dropped: _dropped, ...content } = paper;
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
