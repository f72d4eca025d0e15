import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { ListCounters, type ListLevel, numbered } from './list-numbering';

// Element and Node are the DOM types @xmldom/xmldom declares its documents with.

/**
 * The text of a Word document as its author sees it. Word's automatic list numbering ("1." and "A."
 * made by the list button) is not in the text runs: it is re-created here from word/numbering.xml,
 * or questions would merge and options vanish. Tables come out one row per line, cells separated by
 * two spaces (how options laid out in a table read as text); a table of question numbers over a row
 * of answers becomes one key line ("1.B  2.C").
 */
export async function readDocx(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const part = async (name: string) => {
    const file = zip.file(name);
    return file ? parseXml(await file.async('string'), name) : null;
  };
  const document = await part('word/document.xml');
  if (!document) throw new Error('word/document.xml missing');
  const numbering = new Numbering(await part('word/numbering.xml'), await part('word/styles.xml'));
  const body = children(document, 'body')[0];
  return body ? blockLines(body, numbering).join('\n') : '';
}

/**
 * A part of the package as a DOM, or an Error when its XML is malformed. Word writes well-formed XML,
 * so any complaint of the parser (even one it calls a warning and recovers from) means a damaged
 * file: it becomes the "damaged document" message, where xmldom would otherwise print to the console
 * and read on.
 */
function parseXml(xml: string, name: string): Element {
  const problems: string[] = [];
  const report = (message: string) => problems.push(message);
  const parsed = new DOMParser({ errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(xml, 'text/xml');
  if (problems.length > 0 || !parsed.documentElement) throw new Error(`${name} is not well-formed XML: ${problems[0] ?? 'no root element'}`);
  return parsed.documentElement;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function children(el: Element, name: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === W && (n as Element).localName === name) out.push(n as Element);
  }
  return out;
}

function child(el: Element | undefined, name: string): Element | undefined {
  return el ? children(el, name)[0] : undefined;
}

function val(el: Element | undefined): string | null {
  return el?.getAttributeNS(W, 'val') || null;
}

/** Paragraphs and tables of a body or a table cell, in order. */
function blockLines(container: Element, numbering: Numbering): string[] {
  const lines: string[] = [];
  for (let n = container.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1 || (n as Element).namespaceURI !== W) continue;
    const el = n as Element;
    if (el.localName === 'p') lines.push(numbered(numbering.label(el), paragraphText(el)));
    else if (el.localName === 'tbl') lines.push(...tableLines(el, numbering));
    else if (el.localName === 'sdt') lines.push(...blockLines(child(el, 'sdtContent') ?? el, numbering));
  }
  return lines;
}

/** Text runs, tabs and breaks of a paragraph (also inside hyperlinks, insertions and content controls). */
function paragraphText(p: Element): string {
  let text = '';
  const walk = (el: Element) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const c = n as Element;
      if (c.namespaceURI !== W) continue;
      if (c.localName === 't') text += c.textContent ?? '';
      else if (c.localName === 'tab') text += '\t';
      else if (c.localName === 'br' || c.localName === 'cr') text += '\n';
      else if (c.localName !== 'pPr' && c.localName !== 'rPr' && c.localName !== 'del') walk(c);
    }
  };
  walk(p);
  return text;
}

const NUMBER_CELL = /^\s*(?:第\s*)?(\d{1,3})\s*题?\s*[.、]?\s*$/;

function tableLines(tbl: Element, numbering: Numbering): string[] {
  return tableText(children(tbl, 'tr').map((tr) => children(tr, 'tc').map((tc) => blockLines(tc, numbering).join(' ').trim())));
}

/**
 * A table's rows as lines (also for .doc and PDF tables): cells separated by two spaces, and a row of
 * question numbers over a row of answers as one key line ("1.B  2.C").
 */
export function tableText(rows: string[][]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const numbers = rows[i].map((cell) => NUMBER_CELL.exec(cell));
    const next = rows[i + 1];
    // "题号 | 1 | 2 | 3" over "答案 | B | C | A": a header cell may lead both rows, and then one number is enough.
    const from = numbers[0] ? 0 : 1;
    const keyed = next !== undefined && numbers.length - from >= 2 - from && numbers.slice(from).every(Boolean) && next.length === rows[i].length;
    if (keyed) {
      lines.push(numbers.slice(from).map((m, j) => `${m?.[1]}.${next[from + j]}`).join('  '));
      i++;
      continue;
    }
    lines.push(rows[i].filter((cell) => cell !== '').join('  '));
  }
  return lines;
}

/** Word's list definitions (numbering.xml, and the lists paragraph styles carry) and their counters. */
class Numbering {
  private readonly levels = new Map<string, ListLevel[]>();
  private readonly styleNum = new Map<string, { numId: string; ilvl: number }>();
  private readonly counters = new ListCounters();

  constructor(numbering: Element | null, styles: Element | null) {
    if (numbering) this.readDefinitions(numbering);
    for (const style of styles ? children(styles, 'style') : []) {
      const numPr = child(child(style, 'pPr'), 'numPr');
      const numId = val(child(numPr, 'numId'));
      const id = style.getAttributeNS(W, 'styleId');
      if (numId && id) this.styleNum.set(id, { numId, ilvl: Number(val(child(numPr, 'ilvl')) ?? 0) });
    }
  }

  private readDefinitions(numbering: Element) {
    const abstract = new Map<string, ListLevel[]>();
    for (const a of children(numbering, 'abstractNum')) {
      abstract.set(
        a.getAttributeNS(W, 'abstractNumId') ?? '',
        children(a, 'lvl').map((lvl) => ({
          start: Number(val(child(lvl, 'start')) ?? 1),
          format: val(child(lvl, 'numFmt')) ?? 'decimal',
          text: val(child(lvl, 'lvlText')) ?? '',
        })),
      );
    }
    for (const num of children(numbering, 'num')) {
      const levels = (abstract.get(val(child(num, 'abstractNumId')) ?? '') ?? []).map((l) => ({ ...l }));
      for (const override of children(num, 'lvlOverride')) {
        const start = val(child(override, 'startOverride'));
        const level = levels[Number(override.getAttributeNS(W, 'ilvl') ?? 0)];
        if (start && level) level.start = Number(start);
      }
      this.levels.set(num.getAttributeNS(W, 'numId') ?? '', levels);
    }
  }

  /** The number Word shows before the paragraph ("3.", "(二)", "C、"), or ''. Counters run per numId. */
  label(p: Element): string {
    const pPr = child(p, 'pPr');
    const numPr = child(pPr, 'numPr');
    const styled = this.styleNum.get(val(child(pPr, 'pStyle')) ?? '');
    const numId = val(child(numPr, 'numId')) ?? styled?.numId;
    const ilvl = Number(val(child(numPr, 'ilvl')) ?? styled?.ilvl ?? 0);
    const levels = numId ? this.levels.get(numId) : undefined;
    return numId && levels ? this.counters.next(numId, levels, ilvl) : '';
  }
}
