import CFB from 'cfb';

/**
 * The structures of a Word 97-2003 binary document ([MS-DOC]) that the .doc reader needs: the FIB,
 * the piece table (character positions to bytes), the paragraph and character property runs (FKPs)
 * and their property modifiers (sprms). The compound file is opened with SheetJS cfb.
 */
export interface WordFile {
  /** The WordDocument stream: the FIB, the text and the FKP pages. */
  word: Buffer;
  /** The table stream the FIB names (0Table or 1Table): piece table, list tables, stylesheet. */
  table: Buffer;
}

/** FibRgFcLcb97 pairs by index (fc, lcb): offsets and sizes of structures in the table stream. */
export const FC_LCB = { stshf: 1, plcfBteChpx: 12, plcfBtePapx: 13, clx: 33, plfLst: 73, plfLfo: 74 } as const;

export function openWordFile(buffer: Buffer): WordFile {
  const container = CFB.read(buffer, { type: 'buffer' });
  const word = stream(container, 'WordDocument');
  if (word.readUInt16LE(0) !== 0xa5ec) throw new Error('not a Word 97-2003 document');
  const fWhichTblStm = (word.readUInt16LE(0x0a) & 0x0200) !== 0;
  return { word, table: stream(container, fWhichTblStm ? '1Table' : '0Table') };
}

/** fEncrypted: the document is password-protected (encrypted or XOR-obfuscated), its text unreadable. */
export function isEncrypted(file: WordFile): boolean {
  return (file.word.readUInt16LE(0x0a) & 0x0100) !== 0;
}

function stream(container: CFB.CFB$Container, name: string): Buffer {
  const entry = CFB.find(container, name);
  if (!entry?.content) throw new Error(`${name} stream missing`);
  return Buffer.from(entry.content as Uint8Array);
}

/** Where fibRgFcLcb starts: after FibBase (32 bytes), fibRgW (csw shorts) and fibRgLw (cslw longs). */
function fcLcbStart(word: Buffer): number {
  const csw = word.readUInt16LE(32);
  const cslw = word.readUInt16LE(34 + csw * 2);
  return 34 + csw * 2 + 2 + cslw * 4 + 2;
}

/** The fc and lcb of a FibRgFcLcb97 pair; lcb 0 when the FIB is too short to hold it. */
export function fcLcb(word: Buffer, index: number): { fc: number; lcb: number } {
  const start = fcLcbStart(word);
  const pairs = word.readUInt16LE(start - 2);
  if (index >= pairs) return { fc: 0, lcb: 0 };
  return { fc: word.readUInt32LE(start + index * 8), lcb: word.readUInt32LE(start + index * 8 + 4) };
}

/** ccpText of FibRgLw97: the number of characters of the main document (before footnotes, headers…). */
export function mainTextLength(word: Buffer): number {
  const csw = word.readUInt16LE(32);
  return word.readInt32LE(34 + csw * 2 + 2 + 3 * 4);
}

/** A run of text in the WordDocument stream: characters [cpStart, cpEnd) at byte fc, 1 or 2 bytes each. */
export interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
  /**
   * The sprms the piece's Prm applies to its text, after those of the FKPs: where Word's fast saves
   * (Word 97-2002) put property changes, a list applied to existing paragraphs among them.
   */
  sprms: Buffer;
}

/** The piece table: the Pcdt of the Clx, after the Prcs (the grpprls Prms point to). */
export function readPieces(file: WordFile): Piece[] {
  const { fc, lcb } = fcLcb(file.word, FC_LCB.clx);
  const clx = file.table.subarray(fc, fc + lcb);
  const prcs: Buffer[] = [];
  let at = 0;
  while (clx[at] === 0x01) {
    const size = clx.readUInt16LE(at + 1);
    prcs.push(clx.subarray(at + 3, at + 3 + size));
    at += 3 + size;
  }
  if (clx[at] !== 0x02) throw new Error('piece table missing');
  const size = clx.readUInt32LE(at + 1);
  const plc = clx.subarray(at + 5, at + 5 + size);
  const count = (size - 4) / 12;
  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const pcd = (count + 1) * 4 + i * 8;
    const raw = plc.readUInt32LE(pcd + 2);
    const compressed = (raw & 0x40000000) !== 0;
    const fc = raw & 0x3fffffff;
    const sprms = prmSprms(plc.readUInt16LE(pcd + 6), prcs);
    pieces.push({ cpStart: plc.readUInt32LE(i * 4), cpEnd: plc.readUInt32LE(i * 4 + 4), fc: compressed ? fc / 2 : fc, compressed, sprms });
  }
  return pieces;
}

/** The Prm0 sprms (by isprm, [MS-DOC] Prm0) the reader uses: list level, table cell and row marks, deletion. */
const PRM0_SPRMS: Record<number, number> = { 0x0c: 0x260a, 0x18: 0x2416, 0x19: 0x2417, 0x41: 0x0800 };

/** A Prm: fComplex, then the index of a Prc's grpprl (Prm1), or one sprm (isprm) and its 1-byte operand (Prm0). */
function prmSprms(prm: number, prcs: Buffer[]): Buffer {
  if (prm & 1) return prcs[prm >> 1] ?? Buffer.alloc(0);
  const sprm = PRM0_SPRMS[(prm >> 1) & 0x7f];
  return sprm ? Buffer.from([sprm & 0xff, sprm >> 8, prm >> 8]) : Buffer.alloc(0);
}

// Windows-1252 where it differs from Latin-1 (0x80-0x9F): Node's TextDecoder('windows-1252') gives C1 control characters there.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Compressed text: one byte a character, Windows-1252. */
function windows1252(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/** The characters of the main text, and for each its byte offset (fc) in the WordDocument stream and its piece. */
export interface Characters {
  text: string;
  fcs: number[];
  pieces: Piece[];
}

/**
 * The characters [0, length) one per character position: property runs are found by their fc, and
 * a piece gives their width and its own sprms. Compressed pieces are Windows-1252.
 */
export function readCharacters(file: WordFile, pieces: Piece[], length: number): Characters {
  let text = '';
  const fcs: number[] = [];
  const of: Piece[] = [];
  for (const piece of pieces) {
    const end = Math.min(piece.cpEnd, length);
    if (piece.cpStart >= end) continue;
    const count = end - piece.cpStart;
    const width = piece.compressed ? 1 : 2;
    const bytes = file.word.subarray(piece.fc, piece.fc + count * width);
    if (bytes.length !== count * width) throw new Error('piece outside the WordDocument stream');
    text += piece.compressed ? windows1252(bytes) : bytes.toString('utf16le');
    for (let i = 0; i < count; i++) {
      fcs.push(piece.fc + i * width);
      of.push(piece);
    }
  }
  return { text, fcs, pieces: of };
}

/** A property run of an FKP: bytes [fcStart, fcEnd) of the WordDocument stream share these properties. */
export interface PropertyRun {
  fcStart: number;
  fcEnd: number;
  /** Paragraph runs: the style (istd) then the sprms (GrpPrlAndIstd); character runs: the sprms. */
  properties: Buffer;
}

/** The FKP pages a PlcBtePapx or PlcBteChpx points to (page numbers in its data part). */
function fkpPages(file: WordFile, index: number): Buffer[] {
  const { fc, lcb } = fcLcb(file.word, index);
  if (lcb < 4) return [];
  const plc = file.table.subarray(fc, fc + lcb);
  const count = (lcb - 4) / 8;
  const pages: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const pn = plc.readUInt32LE((count + 1) * 4 + i * 4) & 0x3fffff;
    const page = file.word.subarray(pn * 512, pn * 512 + 512);
    if (page.length !== 512) throw new Error('FKP page outside the WordDocument stream');
    pages.push(page);
  }
  return pages;
}

/** Paragraph property runs (PapxFkp): one run per paragraph, ending just after its paragraph mark. */
export function paragraphRuns(file: WordFile): PropertyRun[] {
  const runs: PropertyRun[] = [];
  for (const page of fkpPages(file, FC_LCB.plcfBtePapx)) {
    const crun = page[511];
    for (let i = 0; i < crun; i++) {
      const offset = page[(crun + 1) * 4 + i * 13] * 2;
      runs.push({ fcStart: page.readUInt32LE(i * 4), fcEnd: page.readUInt32LE(i * 4 + 4), properties: offset ? papxInFkp(page, offset) : Buffer.alloc(2) });
    }
  }
  return runs.sort((a, b) => a.fcStart - b.fcStart);
}

/** PapxInFkp: cb, then 2cb-1 bytes of istd and sprms; cb 0 means the next byte gives 2cb'. */
function papxInFkp(page: Buffer, offset: number): Buffer {
  const cb = page[offset];
  return cb ? page.subarray(offset + 1, offset + 2 * cb) : page.subarray(offset + 2, offset + 2 + 2 * page[offset + 1]);
}

/** Character property runs (ChpxFkp), for the text a tracked change deleted. */
export function characterRuns(file: WordFile): PropertyRun[] {
  const runs: PropertyRun[] = [];
  for (const page of fkpPages(file, FC_LCB.plcfBteChpx)) {
    const crun = page[511];
    for (let i = 0; i < crun; i++) {
      const offset = page[(crun + 1) * 4 + i] * 2;
      const properties = offset ? page.subarray(offset + 1, offset + 1 + page[offset]) : Buffer.alloc(0);
      runs.push({ fcStart: page.readUInt32LE(i * 4), fcEnd: page.readUInt32LE(i * 4 + 4), properties });
    }
  }
  return runs.sort((a, b) => a.fcStart - b.fcStart);
}

/** The run holding byte fc (runs sorted by fcStart), by binary search. */
export function runAt(runs: PropertyRun[], fc: number): PropertyRun | undefined {
  let low = 0;
  let high = runs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (fc < runs[mid].fcStart) high = mid - 1;
    else if (fc >= runs[mid].fcEnd) low = mid + 1;
    else return runs[mid];
  }
  return undefined;
}

/** A property modifier: the sprm (which property) and its operand. */
export interface Sprm {
  sprm: number;
  operand: Buffer;
}

const SPRM_T_DEF_TABLE = 0xd608;
const SPRM_P_CHG_TABS = 0xc615;

/** The operand's size from the sprm's spra bits; two sprms are longer than their size byte says. */
function operandSize(grpprl: Buffer, sprm: number, at: number): number {
  // Reads past the end give 0: the caller drops an operand that does not fit.
  const byte = (i: number) => grpprl[i] ?? 0;
  if (sprm === SPRM_T_DEF_TABLE) return byte(at) + byte(at + 1) * 256 + 1;
  if (sprm === SPRM_P_CHG_TABS && byte(at) === 255) {
    const deleted = byte(at + 1);
    return 3 + deleted * 4 + byte(at + 2 + deleted * 4) * 3;
  }
  return [1, 1, 2, 4, 2, 2, 1 + byte(at), 3][sprm >> 13];
}

/** The sprms of a grpprl in order; a truncated last one is left out. */
export function sprms(grpprl: Buffer): Sprm[] {
  const out: Sprm[] = [];
  for (let at = 0; at + 2 < grpprl.length; ) {
    const sprm = grpprl.readUInt16LE(at);
    const size = operandSize(grpprl, sprm, at + 2);
    if (at + 2 + size > grpprl.length) break;
    out.push({ sprm, operand: grpprl.subarray(at + 2, at + 2 + size) });
    at += 2 + size;
  }
  return out;
}
