/**
 * How fast the paper reader turns a long document into a draft: the three sample papers of
 * ../shared/samples/papers repeated until the text is at least 20 printed pages, imported many
 * times. Baseline in the same run: only normalising the text and splitting it into lines, the
 * least any reader must do. Then the same text as a Word document whose section, question and
 * option numbers are Word's automatic numbering, read from its bytes (unzip, XML, list numbering,
 * reader), beside the bare unzip and XML parse; and that document printed to PDF by LibreOffice
 * (`soffice` must be installed; the PDF rows are skipped without it), read from its bytes (pdf.js,
 * lines, reader), beside pdf.js's text extraction alone. No database, no server.
 *
 *   node -r @swc-node/register bench/paper-import.ts [--pages 20] [--runs 200] [--file-runs 30]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { extractDocumentText, importPaper } from '@assay/paper-import';
import { docx, type DocxBlock } from '@assay/testing';
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

/** The text as HR types it in Word: "一、" sections, "1." questions and "A." options become automatic numbering. */
function wordBlocks(lines: string[]): DocxBlock[] {
  return lines.map((line): DocxBlock => {
    const section = /^[一二三四五六七八九十]+、\s*(.+)$/.exec(line);
    if (section) return { text: section[1], list: 1, level: 0 };
    const question = /^\d{1,2}[.、]\s*(.+)$/.exec(line);
    if (question) return { text: question[1], list: 1, level: 1 };
    const choice = /^[A-H][.、]\s*(.+)$/.exec(line);
    return choice ? { text: choice[1], list: 1, level: 2 } : line;
  });
}

const OUTLINE = { id: 1, levels: [{ format: 'chineseCounting', text: '%1、' }, { format: 'decimal', text: '%2.' }, { format: 'upperLetter', text: '%3.' }] };

/** The Word document printed to PDF by LibreOffice, or null when it is not installed. */
function printToPdf(word: Buffer): Buffer | null {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-pdf-'));
  try {
    writeFileSync(join(dir, 'paper.docx'), word);
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'paper.docx')], { stdio: 'ignore' });
    return readFileSync(join(dir, 'paper.pdf'));
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdf.js alone: every page's text items, nothing made of them. */
async function pdfjsText(bytes: Buffer): Promise<number> {
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 });
  const document = await task.promise;
  for (let n = 1; n <= document.numPages; n++) await (await document.getPage(n)).getTextContent();
  await task.destroy();
  return document.numPages;
}

async function main(): Promise<void> {
  const pages = Number(option('pages', '20'));
  const runs = Number(option('runs', '200'));
  const fileRuns = Number(option('file-runs', '30'));
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
  const word = await docx(wordBlocks(text.split('\n')), [OUTLINE]);
  const wordPaper = importPaper(await extractDocumentText(word, 'paper.docx'));
  const wordQuestions = wordPaper.sections.reduce((n, s) => n + s.questions.length, 0);
  const fromWord = await measure(fileRuns, async () => importPaper(await extractDocumentText(word, 'paper.docx')));
  const bareWord = await measure(fileRuns, async () => {
    const xml = await (await JSZip.loadAsync(word)).file('word/document.xml')?.async('string');
    return new DOMParser().parseFromString(xml ?? '', 'text/xml');
  });
  const printed = printToPdf(word);
  const pdfPages = printed ? await pdfjsText(printed) : 0;
  const fromPdf = printed ? await measure(fileRuns, async () => importPaper(await extractDocumentText(printed, 'paper.pdf'))) : null;
  const barePdf = printed ? await measure(fileRuns, () => pdfjsText(printed)) : null;

  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model} x${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`document: ${lines} lines (${Math.round(lines / LINES_PER_PAGE)} pages), ${text.length} characters, ${questions} questions, ${result.warnings.length} warnings`);
  console.log('| work | median ms | p95 ms | max ms |');
  console.log('|---|---:|---:|---:|');
  console.log(`| importPaper (whole reader) | ${reader.median} | ${reader.p95} | ${reader.max} |`);
  console.log(`| baseline: normalise + split lines | ${baseline.median} | ${baseline.p95} | ${baseline.max} |`);
  console.log(`| .docx with automatic numbering (${word.length} bytes, ${wordQuestions} questions): extract + importPaper | ${fromWord.median} | ${fromWord.p95} | ${fromWord.max} |`);
  console.log(`| baseline: .docx unzip + XML parse | ${bareWord.median} | ${bareWord.p95} | ${bareWord.max} |`);
  if (fromPdf && barePdf && printed) {
    console.log(`| PDF of ${pdfPages} pages (${printed.length} bytes): extract + importPaper | ${fromPdf.median} | ${fromPdf.p95} | ${fromPdf.max} |`);
    console.log(`| baseline: pdf.js text items of every page | ${barePdf.median} | ${barePdf.p95} | ${barePdf.max} |`);
  } else {
    console.log('(no PDF rows: LibreOffice `soffice` is not installed)');
  }
}

void main();
