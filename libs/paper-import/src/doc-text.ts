import WordExtractor from 'word-extractor';
import { tableText } from './docx-text';

/**
 * The text of a legacy Word 97-2003 document (.doc), read by word-extractor: paragraphs one a line,
 * table rows as in a .docx (cells two spaces apart, a key table as "1.B  2.C"). Curly quotes and
 * dashes stay as written. Word's automatic list numbering is not re-created for .doc (the binary
 * list tables are not read): numbers typed in the text are kept, automatic ones are missing.
 */
export async function readDoc(buffer: Buffer): Promise<string> {
  const document = await new WordExtractor().extract(buffer);
  // The typings lack getBody's options; filterUnicode: false keeps “ ” ‘ ’ — instead of ASCII look-alikes.
  const body = (document as unknown as { getBody(options: { filterUnicode: boolean }): string }).getBody({ filterUnicode: false });
  return linesWithTables(body.replace(/\n$/, '').split('\n')).join('\n');
}

/** word-extractor ends every table cell with a tab, so a table row is a line ending in one. */
function linesWithTables(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!lines[i].endsWith('\t')) {
      out.push(lines[i++]);
      continue;
    }
    const rows: string[][] = [];
    for (; i < lines.length && lines[i].endsWith('\t'); i++) rows.push(lines[i].slice(0, -1).split('\t').map((cell) => cell.trim()));
    out.push(...tableText(rows));
  }
  return out;
}
