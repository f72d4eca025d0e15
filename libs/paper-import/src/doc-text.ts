import { characterRuns, isEncrypted, mainTextLength, openWordFile, paragraphRuns, readCharacters, readPieces, runAt, sprms, type PropertyRun, type WordFile } from './doc-file';
import { type DocNumbering, listReference, readNumbering } from './doc-lists';
import { DocumentReadError } from './document-errors';
import { tableText } from './docx-text';
import { numbered } from './list-numbering';

/**
 * The text of a legacy Word 97-2003 document (.doc), read from its binary structures ([MS-DOC]):
 * the main text through the piece table, one line per paragraph, as the .docx reader gives it.
 * Word's automatic list numbering ("1." "A." "一、" "①" made by the list button) is not in the text:
 * it is re-created from the list tables (doc-lists.ts), or questions would merge and options vanish.
 * Table rows read as in a .docx (cells two spaces apart, a key table as "1.B  2.C"). Field codes and
 * text deleted by tracked changes are left out; field results are kept.
 */
export function readDoc(buffer: Buffer, filename: string): string {
  const file = openWordFile(buffer);
  if (isEncrypted(file)) throw new DocumentReadError('encrypted', filename);
  return documentLines(readParagraphs(file), readNumbering(file)).join('\n');
}

interface Paragraph {
  text: string;
  /** What ended it: a paragraph mark, or a cell mark (\x07: the end of a cell, or of a row). */
  mark: string;
  /** The paragraph's style (istd) and sprms: its FKP run's GrpPrlAndIstd, then its piece's sprms. */
  properties: Buffer;
}

const NO_PROPERTIES = Buffer.alloc(2);
const SPRM_C_F_R_MARK_DEL = 0x0800;

/** Text a tracked change deleted (sprmCFRMarkDel). */
const deletes = (grpprl: Buffer) => sprms(grpprl).some((s) => s.sprm === SPRM_C_F_R_MARK_DEL && s.operand[0] === 1);

/**
 * The paragraphs of the main text with their properties, in order: those of its run in the FKPs,
 * then those of the piece holding its mark.
 */
function readParagraphs(file: WordFile): Paragraph[] {
  const pieces = readPieces(file);
  const { text, fcs, pieces: pieceOf } = readCharacters(file, pieces, mainTextLength(file.word));
  const runs = paragraphRuns(file);
  const deleted = characterRuns(file).filter((run) => deletes(run.properties));
  const deletedPieces = new Set(pieces.filter((piece) => deletes(piece.sprms)));
  const fields = new Fields();
  const paragraphs: Paragraph[] = [];
  let current = '';
  for (let cp = 0; cp < text.length; cp++) {
    const char = text[cp];
    const piece = pieceOf[cp];
    if (runAt(deleted, fcs[cp]) || deletedPieces.has(piece)) continue;
    const run = runAt(runs, fcs[cp]);
    if (endsParagraph(char, run, fcs[cp] + (piece.compressed ? 1 : 2))) {
      const properties = run?.properties ?? NO_PROPERTIES;
      paragraphs.push({ text: current, mark: char, properties: piece.sprms.length ? Buffer.concat([properties, piece.sprms]) : properties });
      current = '';
    } else if (fields.visible(char)) current += shown(char);
  }
  if (current !== '') paragraphs.push({ text: current, mark: '\r', properties: NO_PROPERTIES });
  return paragraphs;
}

/** A paragraph or cell mark; a section break (\x0c) only where a paragraph run ends, else it is a page break. */
function endsParagraph(char: string, run: PropertyRun | undefined, next: number): boolean {
  return char === '\r' || char === '\x07' || (char === '\x0c' && run?.fcEnd === next);
}

/** Field codes (between \x13 and \x14) are hidden; results (between \x14 and \x15) show. Fields nest. */
class Fields {
  private readonly inCode: boolean[] = [];

  visible(char: string): boolean {
    if (char === '\x13') this.inCode.push(true);
    else if (char === '\x14' && this.inCode.length) this.inCode[this.inCode.length - 1] = false;
    else if (char === '\x15') this.inCode.pop();
    else return !this.inCode.includes(true);
    return false;
  }
}

/** Line breaks (\x0b), page and column breaks as new lines, a non-breaking hyphen as one; other control characters (pictures, notes' anchors, optional hyphens) add nothing. */
function shown(char: string): string {
  if (char === '\x0b' || char === '\x0c' || char === '\x0e') return '\n';
  if (char === '\x1e') return '\u2011';
  return char < ' ' && char !== '\t' ? '' : char;
}

const SPRM_P_F_IN_TABLE = 0x2416;
const SPRM_P_F_TTP = 0x2417;
const SPRM_P_ITAP = 0x6649;

/** What a paragraph's sprms say about tables: inside a cell, or the mark that ends a row (TTP). */
function tablePlace(grpprl: Buffer): { inTable: boolean; rowEnd: boolean } {
  let inTable = false;
  let rowEnd = false;
  for (const { sprm, operand } of sprms(grpprl)) {
    if (sprm === SPRM_P_F_IN_TABLE) inTable = operand[0] === 1;
    else if (sprm === SPRM_P_ITAP) inTable = operand.readInt32LE(0) > 0;
    else if (sprm === SPRM_P_F_TTP) rowEnd = operand[0] === 1;
  }
  return { inTable, rowEnd };
}

/** Paragraphs as lines, each with its list number; the paragraphs of a table as its rows (tableText). */
function documentLines(paragraphs: Paragraph[], numbering: DocNumbering): string[] {
  const lines: string[] = [];
  const table = new TableRows();
  for (const paragraph of paragraphs) {
    const grpprl = paragraph.properties.subarray(2);
    const { inTable, rowEnd } = tablePlace(grpprl);
    if (paragraph.mark === '\x07' && rowEnd) {
      table.endRow();
      continue;
    }
    const line = numbered(numbering.label(paragraph.properties.readUInt16LE(0), listReference(grpprl)), paragraph.text);
    if (paragraph.mark === '\x07') table.endCell(line);
    else if (inTable) table.add(line);
    else lines.push(...table.flush(), line);
  }
  lines.push(...table.flush());
  return lines;
}

/** The table being read: a cell's paragraphs joined by a space (as in a .docx), cells into rows. */
class TableRows {
  private rows: string[][] = [];
  private row: string[] = [];
  private cell: string[] = [];

  add(line: string): void {
    this.cell.push(line);
  }

  endCell(line: string): void {
    this.cell.push(line);
    this.row.push(this.cell.join(' ').trim());
    this.cell = [];
  }

  endRow(): void {
    if (this.cell.length) this.endCell('');
    this.rows.push(this.row);
    this.row = [];
  }

  /** The table's lines, once a paragraph outside it (or the end of the text) is reached. */
  flush(): string[] {
    if (this.row.length || this.cell.length) this.endRow();
    const lines = tableText(this.rows);
    this.rows = [];
    return lines;
  }
}
