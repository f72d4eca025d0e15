import { dirname, join } from 'node:path';
import { tableText } from './docx-text';
import { DocumentReadError } from './document-errors';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<PdfJs> | null = null;

/** pdf.js, loaded once per thread with its "worker" in this same thread (Node has no pdf.js web worker). */
function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    // The worker module puts its message handler on globalThis, where pdf.js looks before starting a worker.
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loaded;
}

/** Character maps for fonts that name a CJK encoding (UniGB-UCS2-H …) instead of embedding a ToUnicode map. */
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

/** A text item of pdf.js, reduced to what line building needs (PDF units, origin bottom-left). */
export interface PdfRun {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size: the em the gaps are measured in. */
  size: number;
}

interface Line {
  runs: PdfRun[];
  y: number;
  size: number;
}

/**
 * The text of a PDF with a text layer, one line per printed line in reading order: items grouped
 * by baseline, sorted left to right, with a space where the gap is a space and two where it is a
 * column gap (table cells, options side by side). A paragraph wrapped at the right margin becomes
 * one line again. Page headers and footers stay as lines: the reader drops them as boilerplate.
 * A PDF of images with (almost) no text, a page number at most, is a scan (no_text_layer).
 */
export async function readPdf(buffer: Buffer, filename: string): Promise<string> {
  const { getDocument, OPS } = await pdfjs();
  const task = getDocument({
    data: new Uint8Array(buffer),
    cMapUrl: join(PDFJS_DIR, 'cmaps/'),
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts/'),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      // pdf.js does not export the class; a password needed (or a wrong one) is named so.
      if ((error as Error | null)?.name === 'PasswordException') throw new DocumentReadError('encrypted', filename, { cause: error });
      throw error;
    });
    const pages: string[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const runs: PdfRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        runs.push({ text: item.str, x, y, width: item.width, size: Math.hypot(c, d) || Math.hypot(a, b) || item.height || 1 });
      }
      const [left, , right] = page.view;
      pages.push(pageLines(runs, right - left));
      page.cleanup();
    }
    // A scan may carry a stamped page number or a scanner's name, never the paper's text.
    const characters = pages.flat().join('').replace(/\s/g, '').length;
    if (characters < SCAN_CHARACTERS_PER_PAGE * pdf.numPages && (await hasImages(pdf, OPS))) throw new DocumentReadError('no_text_layer', filename);
    return pages.flat().join('\n');
  } finally {
    await task.destroy();
  }
}

/** Fewer characters than this per page, beside images, is a scan: a page of a paper holds hundreds. */
const SCAN_CHARACTERS_PER_PAGE = 10;

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** Whether the first pages paint images: a PDF of scans, as opposed to an empty one. */
async function hasImages(pdf: PdfDocument, ops: PdfJs['OPS']): Promise<boolean> {
  const imageOps = new Set<number>([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageMaskXObject, ops.paintImageXObjectRepeat]);
  for (let n = 1; n <= Math.min(pdf.numPages, 3); n++) {
    const list = await (await pdf.getPage(n)).getOperatorList();
    if (list.fnArray.some((fn) => imageOps.has(fn))) return true;
  }
  return false;
}

/** A gap of this many ems or more between two runs of a line separates columns. */
const COLUMN_GAP_EM = 3;
/** A gap of this many ems or more is a space (CJK text has none; Latin words are often separate runs). */
const SPACE_GAP_EM = 0.2;

/** The lines of one page (`width` wide), top to bottom, each as text; rows of table cells read as tables do in Word files. */
export function pageLines(runs: PdfRun[], width: number): string[] {
  const lines = groupLines(runs);
  const cells = joinWrapped(lines, width).map(lineCells);
  const out: string[] = [];
  for (let i = 0; i < cells.length; ) {
    if (cells[i].length < 2) {
      out.push(cells[i++].join(''));
      continue;
    }
    const rows: string[][] = [];
    for (; i < cells.length && cells[i].length >= 2; i++) rows.push(cells[i]);
    out.push(...tableText(rows));
  }
  return out.filter((line) => line.trim() !== '');
}

/** Runs on the same baseline (within half a line) form a line; lines go top to bottom, runs left to right. */
function groupLines(runs: PdfRun[]): Line[] {
  const lines: Line[] = [];
  for (const run of [...runs].sort((p, q) => q.y - p.y || p.x - q.x)) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.y - run.y) <= 0.5 * Math.max(line.size, run.size)) {
      line.runs.push(run);
      line.size = Math.max(line.size, run.size);
    } else {
      lines.push({ runs: [run], y: run.y, size: run.size });
    }
  }
  for (const line of lines) line.runs.sort((p, q) => p.x - q.x);
  return lines;
}

/**
 * How wide a gap must be to be a space. Chinese has no spaces between words, and a PDF shows a small
 * gap between Chinese and Latin text (Word's and LibreOffice's autospacing) that is not typed.
 */
function spaceGap(before: string, after: string): number {
  return CJK.test(before) || CJK.test(after ?? '') ? 1 : SPACE_GAP_EM;
}

/** The cells of a line: its text split at column gaps. */
function lineCells(line: Line): string[] {
  const cells: string[] = [];
  let cell = '';
  let end = -Infinity;
  for (const run of line.runs) {
    const gap = run.x - end;
    const em = Math.max(run.size, 1);
    if (cell !== '' && gap >= COLUMN_GAP_EM * em) {
      cells.push(cell.trim());
      cell = '';
    } else if (cell !== '' && gap >= spaceGap(cell.slice(-1), run.text[0]) * em && !/\s$/.test(cell) && !/^\s/.test(run.text)) {
      cell += ' ';
    }
    cell += run.text;
    end = Math.max(end, run.x + run.width);
  }
  cells.push(cell.trim());
  return cells.filter((c) => c !== '');
}

// A line that starts a new item: a question or option number, or an answer/explanation label.
const STARTS_ITEM = /^[\s(（【[]*(?:\d{1,3}|[A-Ha-hＡ-Ｈ]|[一二三四五六七八九十]{1,3}|[①-⑳]|第\s*\d+\s*题|题目\s*\d+|Q\d+)\s*[.、．:：)）\]】]|^[\s【]*(?:答案|正确答案|正確答案|参考答案|參考答案|解析|分析|考察点|考察點|考点|考點|评分标准|評分標準|Answer|Key)/i;
// A line ending a sentence ends its paragraph as far as joining goes: a wrong join loses a line break, a missed one only keeps it.
const ENDS_SENTENCE = /[。！？!?；;：:]$/;
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * Word wraps a long paragraph at the right margin; a PDF keeps the printed lines. A line reaching the
 * right edge of the page's text (and most of the page's width), followed closely (no paragraph gap)
 * by a line that does not start an item of its own, is joined with it.
 */
function joinWrapped(lines: Line[], width: number): Line[] {
  if (lines.length === 0) return lines;
  const ends = lines.map((line) => Math.max(...line.runs.map((r) => r.x + r.width)));
  const right = Math.max(...ends);
  const left = Math.min(...lines.map((line) => line.runs[0].x));
  // On a page of short lines the longest one is not wrapped.
  const wide = (end: number) => end - left >= 0.6 * width;
  const out: Line[] = [];
  let previousEnd = -Infinity;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const last = out[out.length - 1];
    const text = line.runs.map((r) => r.text).join('').trim();
    const wraps =
      last !== undefined &&
      previousEnd >= right - 2 * last.size &&
      wide(previousEnd) &&
      !ENDS_SENTENCE.test(last.runs[last.runs.length - 1].text.trimEnd()) &&
      last.y - line.y <= 1.8 * Math.max(last.size, line.size) &&
      !STARTS_ITEM.test(text);
    if (wraps) {
      const lastText = last.runs[last.runs.length - 1].text;
      // Continue the line right after its end: CJK joins without a space, Latin words with one.
      const join = CJK.test(lastText.slice(-1)) || CJK.test(text[0] ?? '') ? 0 : SPACE_GAP_EM;
      const shift = previousEnd + join * last.size - line.runs[0].x;
      for (const run of line.runs) last.runs.push({ ...run, x: run.x + shift, y: last.y });
      previousEnd = ends[i] + shift;
    } else {
      out.push({ ...line, runs: [...line.runs] });
      previousEnd = ends[i];
    }
  }
  return out;
}
