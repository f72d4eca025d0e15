/**
 * The candidate report as a PDF (docs/analytics.md, "The candidate report as a PDF"): what the
 * printable page shows, drawn with pdfkit. A task for a worker thread (OffThread.download): loading
 * the CJK font and subsetting it is about a second of CPU that must not hold the API's event loop.
 * Plain data in, the PDF's bytes out.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ReportLocale } from '@assay/contracts';
import type { CandidateRow, Reliability, ScoreSummary } from '../build-report';
import { REPORT_TEXT, type ReportText } from './report-text';

export interface CandidateReportPdf {
  locale: ReportLocale;
  /** IANA zone the dates are written in (the company's, MAIL_TIME_ZONE). */
  timeZone: string;
  computedAt: string;
  title: string;
  jobRole: string;
  /** The paper version's number, when known. */
  version: number | null;
  scores: Pick<ScoreSummary, 'unit' | 'max' | 'histogram' | 'passMark'>;
  reliability: Pick<Reliability, 'normGroupSize' | 'tooSmallToRelyOn'>;
  cohortCompetencies: { competency: string; mean: number | null }[];
  candidate: CandidateRow;
  passed: boolean | null;
  submittedAt: string | null;
  /** Each flag's question as "number. stem", its similarity 0-1 and the other script's grader code. */
  similarityFlags: { question: string; similarity: number; otherCode: string }[];
  /** Per question with flags: how many other candidates answered it near-identically, and how many the table shows. */
  similarityCounts: { question: string; others: number; shown: number }[];
}

/**
 * Noto Sans SC (SIL Open Font License 1.1): Simplified and Traditional Chinese and Latin in one
 * font. pdfkit embeds only the glyphs a document uses, so a report is tens of kilobytes. Read once
 * per thread.
 */
const FONT_DIR = '@expo-google-fonts/noto-sans-sc';
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve(`${FONT_DIR}/400Regular/NotoSansSC_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${FONT_DIR}/700Bold/NotoSansSC_700Bold.ttf`)),
  };
  return fonts;
}

const COLOURS = { text: '#1f2933', muted: '#595959', rule: '#d9d9d9', bars: '#4a7bd0', candidate: '#d46b08', cohort: '#8c8c8c', pass: '#237804' };
const MARGIN = 48;
type Doc = PDFKit.PDFDocument;

export function writeCandidateReportPdf(input: CandidateReportPdf): Promise<Uint8Array> {
  const text = REPORT_TEXT[input.locale];
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${input.candidate.name} · ${text.report}`, Subject: `${input.jobRole} · ${input.title}`, Creator: 'Assay' },
    lang: input.locale,
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, input, text);
  scoreBlock(doc, input, text);
  competencyBlock(doc, input, text);
  sectionBlock(doc, input, text);
  similarityBlock(doc, input, text);
  doc.moveDown(1);
  doc.font('regular').fontSize(8).fillColor(COLOURS.muted).text(text.staffOnly(date(input.computedAt, input)));
  doc.end();
  return done;
}

function header(doc: Doc, input: CandidateReportPdf, text: ReportText): void {
  const { candidate } = input;
  doc.font('bold').fontSize(18).fillColor(COLOURS.text).text(candidate.name);
  doc.font('regular').fontSize(10).fillColor(COLOURS.muted).text(candidate.email);
  doc.moveDown(0.3);
  const paper = input.version === null ? input.title : `${input.title} (${text.version(input.version)})`;
  doc.fillColor(COLOURS.text).fontSize(11).text(`${text.report} · ${input.jobRole} · ${paper}`);
  const when = input.submittedAt ? `${text.submitted}: ${date(input.submittedAt, input)} · ` : '';
  doc.fontSize(10).fillColor(COLOURS.muted).text(`${when}${text.status}: ${text.statuses[candidate.status] ?? candidate.status}`);
  rule(doc);
}

function scoreBlock(doc: Doc, input: CandidateReportPdf, text: ReportText): void {
  const { candidate, scores, reliability } = input;
  heading(doc, text.scores);
  if (!candidate.final) note(doc, text.notFinal);
  const value = scores.unit === 'points' ? candidate.points : candidate.percent;
  const band = candidate.band ? `${score(candidate.band.low, scores.unit)} – ${score(candidate.band.high, scores.unit)}` : '–';
  keyValues(doc, [
    [text.score, `${num(candidate.points)} / ${num(candidate.maxPoints)}`],
    [text.percent, candidate.percent === null ? '–' : `${num(candidate.percent)}%`],
    [text.result, input.passed === null ? text.noPassMark : input.passed ? text.pass : text.fail],
    [text.band, band],
    [text.percentile, text.percentileOf(num(candidate.percentile, 0), reliability.normGroupSize)],
    [text.rank, candidate.rank === null ? '–' : String(candidate.rank)],
    [text.minutes, num(candidate.minutes)],
    [text.integrity, String(candidate.integrityEvents)],
  ]);
  // Half the band is this candidate's SEM: in a role each paper has its own (the role's is blank).
  if (candidate.band) note(doc, text.bandReading(num((candidate.band.high - candidate.band.low) / 2)));
  if (reliability.tooSmallToRelyOn) note(doc, text.tooSmall);
  if (scores.histogram.length > 0) histogram(doc, scores, value, text);
}

function competencyBlock(doc: Doc, input: CandidateReportPdf, text: ReportText): void {
  const names = input.cohortCompetencies.map((c) => c.competency);
  // The heading, its reading and the chart on one page.
  room(doc, names.length >= 3 ? 330 : 60 + 30 * names.length);
  heading(doc, text.competencies);
  if (names.length === 0) {
    note(doc, text.noCompetencies);
    return;
  }
  const own = names.map((n) => input.candidate.competencies.find((c) => c.competency === n));
  const cohort = input.cohortCompetencies.map((c) => c.mean ?? 0);
  note(doc, text.competenciesReading);
  // A radar needs three axes to be a shape; with fewer, bars side by side say the same.
  if (names.length >= 3) radar(doc, names, own.map((c) => c?.score ?? 0), cohort, text);
  else competencyBars(doc, names, own.map((c) => c?.score ?? 0), cohort, text);
  table(
    doc,
    [text.competency, text.candidate, text.cohort, text.rank],
    names.map((name, i) => [name, num(own[i]?.score), num(input.cohortCompetencies[i].mean), own[i]?.rank == null ? '–' : String(own[i]?.rank)]),
    [0.46, 0.18, 0.18, 0.18],
  );
}

function sectionBlock(doc: Doc, input: CandidateReportPdf, text: ReportText): void {
  if (input.candidate.sections.length === 0) return;
  heading(doc, text.sections);
  table(
    doc,
    [text.section, text.points],
    input.candidate.sections.map((s) => [s.title, `${num(s.points)} / ${num(s.maxPoints)}`]),
    [0.7, 0.3],
  );
}

function similarityBlock(doc: Doc, input: CandidateReportPdf, text: ReportText): void {
  heading(doc, text.similarity);
  if (input.similarityFlags.length === 0) {
    note(doc, text.noSimilarity);
    return;
  }
  note(doc, text.similarityReading);
  for (const count of input.similarityCounts) if (count.others > count.shown) note(doc, text.similarCount(count.question, count.others, count.shown));
  table(
    doc,
    [text.question, text.similar, text.other],
    input.similarityFlags.map((f) => [f.question, `${num(f.similarity * 100, 0)}%`, f.otherCode]),
    [0.6, 0.15, 0.25],
  );
}

// --- drawing helpers -------------------------------------------------------------------------

function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

/** Starts a new page when `height` points do not fit below the cursor. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function rule(doc: Doc): void {
  doc.moveDown(0.5);
  doc.moveTo(MARGIN, doc.y).lineTo(doc.page.width - MARGIN, doc.y).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
  doc.moveDown(0.5);
}

function heading(doc: Doc, title: string): void {
  room(doc, 60);
  doc.moveDown(0.6);
  doc.font('bold').fontSize(13).fillColor(COLOURS.text).text(title, MARGIN);
  doc.moveDown(0.3);
}

function note(doc: Doc, line: string): void {
  doc.font('regular').fontSize(9).fillColor(COLOURS.muted).text(line, MARGIN, undefined, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function keyValues(doc: Doc, rows: [string, string][]): void {
  const labelWidth = 130;
  doc.font('regular').fontSize(10);
  for (const [label, value] of rows) {
    room(doc, 16);
    const y = doc.y;
    doc.fillColor(COLOURS.muted).text(label, MARGIN, y, { width: labelWidth });
    doc.fillColor(COLOURS.text).text(value, MARGIN + labelWidth, y, { width: contentWidth(doc) - labelWidth });
    doc.x = MARGIN;
  }
  doc.moveDown(0.3);
}

/** A plain table: a bold header row, then rows; `widths` are shares of the content width. */
function table(doc: Doc, head: string[], rows: string[][], widths: number[]): void {
  const width = contentWidth(doc);
  const line = (cells: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(9);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] * width - 6 }));
    const height = Math.max(...heights) + 4;
    room(doc, height);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.fillColor(font === 'bold' ? COLOURS.muted : COLOURS.text).text(cell, x, y + 2, { width: widths[i] * width - 6 });
      x += widths[i] * width;
    });
    doc.moveTo(MARGIN, y + height).lineTo(MARGIN + width, y + height).lineWidth(0.5).strokeColor(COLOURS.rule).stroke();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  line(head, 'bold');
  for (const row of rows) line(row, 'regular');
  doc.moveDown(0.5);
}

/** The cohort's score histogram with the pass mark and this candidate's score as lines. */
function histogram(doc: Doc, scores: CandidateReportPdf['scores'], value: number | null, text: ReportText): void {
  const height = 130;
  room(doc, height + 40);
  const top = doc.y + 14;
  const left = MARGIN + 28;
  const width = contentWidth(doc) - 40;
  const most = Math.max(1, ...scores.histogram.map((b) => b.count));
  const x = (v: number) => left + (Math.min(Math.max(v, 0), scores.max) / (scores.max || 1)) * width;
  const y = (count: number) => top + height - (count / most) * height;
  doc.font('regular').fontSize(8).fillColor(COLOURS.muted).text(text.people, MARGIN, top - 12);
  for (const bin of scores.histogram) {
    if (bin.count === 0) continue;
    const from = x(bin.from);
    doc.rect(from + 0.5, y(bin.count), Math.max(1, x(bin.to) - from - 1), y(0) - y(bin.count)).fill(COLOURS.bars);
  }
  doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.5).strokeColor(COLOURS.muted).stroke();
  doc.fillColor(COLOURS.muted).text(String(most), MARGIN, y(most) - 4, { width: 24, align: 'right' });
  doc.text('0', MARGIN, y(0) - 4, { width: 24, align: 'right' });
  doc.text(score(0, scores.unit), left - 10, top + height + 3, { width: 20, align: 'center' });
  doc.text(score(scores.max, scores.unit), left + width - 20, top + height + 3, { width: 40, align: 'center' });
  const marker = (at: number, colour: string, label: string, row: number) => {
    doc.moveTo(x(at), top).lineTo(x(at), top + height).lineWidth(2).strokeColor(colour).stroke();
    // Right of the line, or left of it near the right edge, so the label stays on the page.
    const labelWidth = doc.widthOfString(label);
    const labelX = x(at) + 3 + labelWidth > left + width ? x(at) - 3 - labelWidth : x(at) + 3;
    doc.fillColor(colour).text(label, labelX, top + row * 11, { lineBreak: false });
  };
  if (scores.passMark !== null) marker(scores.passMark, COLOURS.pass, `${text.passMark} ${score(scores.passMark, scores.unit)}`, 0);
  if (value !== null) marker(value, COLOURS.candidate, `${text.candidate} ${score(value, scores.unit)}`, 1);
  doc.x = MARGIN;
  doc.y = top + height + 16;
  note(doc, text.histogramReading);
}

/** Candidate (solid, filled) against the cohort mean (dashed) on 0-100 axes, one per competency. */
function radar(doc: Doc, names: string[], own: number[], cohort: number[], text: ReportText): void {
  const size = 220;
  room(doc, size + 40);
  const radius = 80;
  const cx = MARGIN + contentWidth(doc) / 2;
  const cy = doc.y + size / 2;
  const point = (i: number, value: number, r = radius): [number, number] => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / names.length;
    return [cx + Math.cos(angle) * r * (value / 100), cy + Math.sin(angle) * r * (value / 100)];
  };
  const polygon = (values: number[]) => {
    values.forEach((v, i) => (i === 0 ? doc.moveTo(...point(i, v)) : doc.lineTo(...point(i, v))));
    doc.closePath();
  };
  doc.lineWidth(0.5).strokeColor(COLOURS.rule);
  for (const ring of [25, 50, 75, 100]) {
    polygon(names.map(() => ring));
    doc.stroke();
  }
  doc.font('regular').fontSize(9).fillColor(COLOURS.text);
  names.forEach((name, i) => {
    doc.moveTo(cx, cy).lineTo(...point(i, 100)).strokeColor(COLOURS.rule).stroke();
    const [lx, ly] = point(i, 100, radius + 14);
    const labelWidth = 110;
    const align = Math.abs(lx - cx) < 4 ? 'center' : lx < cx ? 'right' : 'left';
    const left = align === 'center' ? lx - labelWidth / 2 : align === 'right' ? lx - labelWidth : lx;
    doc.fillColor(COLOURS.text).text(name, left, ly - 5, { width: labelWidth, align, lineBreak: false });
  });
  polygon(cohort);
  doc.dash(3, { space: 3 }).lineWidth(1).strokeColor(COLOURS.cohort).stroke().undash();
  polygon(own);
  doc.fillOpacity(0.15).fillColor(COLOURS.candidate).fill().fillOpacity(1);
  polygon(own);
  doc.lineWidth(2).strokeColor(COLOURS.candidate).stroke();
  doc.x = MARGIN;
  doc.y = cy + size / 2;
  legend(doc, text);
}

/** With fewer than three competencies: candidate and cohort as bars on 0-100. */
function competencyBars(doc: Doc, names: string[], own: number[], cohort: number[], text: ReportText): void {
  const labelWidth = 120;
  const width = contentWidth(doc) - labelWidth - 40;
  doc.font('regular').fontSize(9);
  names.forEach((name, i) => {
    room(doc, 30);
    const y = doc.y;
    doc.fillColor(COLOURS.text).text(name, MARGIN, y + 4, { width: labelWidth - 6 });
    doc.rect(MARGIN + labelWidth, y, (width * own[i]) / 100, 9).fill(COLOURS.candidate);
    doc.rect(MARGIN + labelWidth, y + 11, (width * cohort[i]) / 100, 9).fill(COLOURS.cohort);
    doc.fillColor(COLOURS.muted).text(num(own[i]), MARGIN + labelWidth + (width * own[i]) / 100 + 4, y, { lineBreak: false });
    doc.x = MARGIN;
    doc.y = y + 28;
  });
  legend(doc, text);
}

function legend(doc: Doc, text: ReportText): void {
  const y = doc.y;
  doc.rect(MARGIN, y + 2, 10, 6).fill(COLOURS.candidate);
  doc.font('regular').fontSize(9).fillColor(COLOURS.text).text(text.candidate, MARGIN + 14, y, { lineBreak: false });
  doc.rect(MARGIN + 110, y + 2, 10, 6).fill(COLOURS.cohort);
  doc.fillColor(COLOURS.text).text(text.cohort, MARGIN + 124, y, { lineBreak: false });
  doc.x = MARGIN;
  doc.y = y + 18;
}

// --- numbers and dates as the page writes them ------------------------------------------------

function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

function score(value: number, unit: 'points' | 'percent'): string {
  return unit === 'percent' ? `${num(value)}%` : num(value);
}

function date(iso: string, input: CandidateReportPdf): string {
  return new Date(iso).toLocaleString(input.locale === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: input.timeZone });
}
