/**
 * How fast the paper reader turns a long document into a draft: the three sample papers of
 * ../shared/samples/papers repeated until the text is at least 20 printed pages, imported many
 * times. Baseline in the same run: only normalising the text and splitting it into lines, the
 * least any reader must do. Then the same text as a Word document, one paragraph per line, read from
 * its bytes: unzip, XML, list numbering, reader. No database, no server.
 *
 *   node -r @swc-node/register bench/paper-import.ts [--pages 20] [--runs 200]
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractDocumentText, importPaper, linesToDocx } from '@assay/paper-import';
import { option } from './support';

/** A printed A4 page of a Chinese exam holds about 40 lines of about 30 characters. */
const LINES_PER_PAGE = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(runs: number, work: () => unknown): Promise<{ median: number; p95: number; max: number }> {
  for (let i = 0; i < 10; i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { median: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times[times.length - 1]) };
}

async function main(): Promise<void> {
  const pages = Number(option('pages', '20'));
  const runs = Number(option('runs', '200'));
  const dir = join(__dirname, '..', '..', 'shared', 'samples', 'papers');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const parts: string[] = [];
  while (parts.join('\n').split('\n').length < pages * LINES_PER_PAGE) parts.push(...samples);
  const text = parts.join('\n');
  const lines = text.split('\n').length;

  const result = importPaper(text);
  const questions = result.sections.reduce((n, s) => n + s.questions.length, 0);
  const reader = await measure(runs, () => importPaper(text));
  const baseline = await measure(runs, () => text.normalize('NFKC').split(/\r?\n/).map((l) => l.trim()));
  const word = await linesToDocx(text.split('\n'));
  const wordLines = (await extractDocumentText(word, 'paper.docx')).split('\n').length;
  const docx = await measure(runs, async () => importPaper(await extractDocumentText(word, 'paper.docx')));

  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model} x${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`document: ${lines} lines (${Math.round(lines / LINES_PER_PAGE)} pages), ${text.length} characters, ${questions} questions, ${result.warnings.length} warnings`);
  console.log('| work | median ms | p95 ms | max ms |');
  console.log('|---|---:|---:|---:|');
  console.log(`| importPaper (whole reader) | ${reader.median} | ${reader.p95} | ${reader.max} |`);
  console.log(`| baseline: normalise + split lines | ${baseline.median} | ${baseline.p95} | ${baseline.max} |`);
  console.log(`| .docx of ${Math.round(wordLines / LINES_PER_PAGE)} pages (${word.length} bytes): extract + importPaper | ${docx.median} | ${docx.p95} | ${docx.max} |`);
}

void main();
