import { readFileSync } from 'node:fs';
import { importPaper } from '../import-paper';
import { splitLines } from '../normalise';
import { loadCorpus, projectPaper } from './corpus';
import { readSample, unaccountedLines } from './helpers';

const SAMPLES = ['cs-manager-interview-2026.txt', 'online-cs-interview-2026.txt', 'ecommerce-cs-question-bank.txt'];
const texts = loadCorpus().filter((doc) => doc.ext === '.txt');

/** Every non-blank line has exactly one reading, in order. */
function readLines(text: string): number[] {
  return splitLines(text)
    .filter((line) => line.raw !== '')
    .map((line) => line.no);
}

describe('golden corpus (.txt)', () => {
  it('holds at least 20 documents in Simplified, Traditional and English', () => {
    expect(texts.length).toBeGreaterThanOrEqual(20);
    for (const script of ['-zh', '-tw', '-en']) expect(texts.filter((doc) => doc.name.endsWith(script)).length).toBeGreaterThanOrEqual(5);
  });

  it.each(texts.map((doc) => [doc.name, doc] as const))('%s reads as expected, without warnings, every line accounted for', (_name, doc) => {
    const text = readFileSync(doc.file, 'utf8');
    const read = importPaper(text);
    expect(projectPaper(read)).toEqual(doc.expected);
    expect(read.warnings).toEqual([]);
    expect(unaccountedLines(text, read)).toEqual([]);
    expect(read.readings.map((r) => r.line)).toEqual(readLines(text));
  });
});

describe('samples', () => {
  it.each(SAMPLES)('%s: every line accounted for and read once', (name) => {
    const text = readSample(name);
    const read = importPaper(text);
    expect(unaccountedLines(text, read)).toEqual([]);
    expect(read.readings.map((r) => r.line)).toEqual(readLines(text));
  });
});
