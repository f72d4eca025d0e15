import CFB from 'cfb';
import { FC_LCB, type WordFile } from '../doc-file';
import type { ListReference } from '../doc-lists';

/**
 * Word 97-2003 structures ([MS-DOC]) built byte by byte for the .doc reader's tests: list tables
 * (PlfLst, LVL, PlfLfo), a stylesheet (STSH), and whole .doc files (FIB, piece table, paragraph and
 * character FKPs in a compound file).
 */

export const NFC = { decimal: 0x00, upperRoman: 0x01, lowerRoman: 0x02, upperLetter: 0x03, lowerLetter: 0x04, circled: 0x12, bullet: 0x17, ideographTraditional: 0x1e, chineseCounting: 0x25 };

export interface LevelSpec {
  nfc: number;
  /** The level text with %1-%9 where Word puts a placeholder character holding the level index. */
  text: string;
  start?: number;
}

/** An LVL: LVLF (iStartAt, nfc, rgbxchNums, no grpprls), then the xst. */
export function lvl({ nfc, text, start = 1 }: LevelSpec): Buffer {
  const chars: number[] = [];
  const placeholders: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%' && /\d/.test(text[i + 1])) {
      chars.push(Number(text[++i]) - 1);
      placeholders.push(chars.length);
    } else chars.push(text.charCodeAt(i));
  }
  const lvlf = Buffer.alloc(28);
  lvlf.writeInt32LE(start, 0);
  lvlf[4] = nfc;
  placeholders.forEach((position, i) => (lvlf[6 + i] = position));
  const xst = Buffer.alloc(2 + chars.length * 2);
  xst.writeUInt16LE(chars.length, 0);
  chars.forEach((c, i) => xst.writeUInt16LE(c, 2 + i * 2));
  return Buffer.concat([lvlf, xst]);
}

/** PlfLst (cLst, LSTFs) and the LVLs after it: one level makes a simple list, more fill 9 levels. */
export function plfLst(lists: { lsid: number; levels: LevelSpec[] }[]): { lst: Buffer; lvls: Buffer } {
  const lst = Buffer.alloc(2 + lists.length * 28);
  lst.writeInt16LE(lists.length, 0);
  const lvls: Buffer[] = [];
  lists.forEach((list, i) => {
    lst.writeInt32LE(list.lsid, 2 + i * 28);
    const simple = list.levels.length === 1;
    lst[2 + i * 28 + 26] = simple ? 1 : 0;
    const nine = simple ? list.levels : Array.from({ length: 9 }, (_, l) => list.levels[l] ?? { nfc: NFC.decimal, text: `%${l + 1}.` });
    lvls.push(...nine.map(lvl));
  });
  return { lst, lvls: Buffer.concat(lvls) };
}

export interface OverrideSpec {
  ilvl: number;
  startAt?: number;
  level?: LevelSpec;
}

/** PlfLfo: lfoMac, the LFOs (lsid, clfolvl), then each LFOData (cp, LFOLVLs with their LVL when formatting). */
export function plfLfo(lfos: { lsid: number; overrides?: OverrideSpec[] }[]): Buffer {
  const head = Buffer.alloc(4 + lfos.length * 16);
  head.writeUInt32LE(lfos.length, 0);
  const data: Buffer[] = [];
  lfos.forEach((lfo, i) => {
    head.writeInt32LE(lfo.lsid, 4 + i * 16);
    head[4 + i * 16 + 12] = lfo.overrides?.length ?? 0;
    data.push(Buffer.alloc(4, 0xff));
    for (const override of lfo.overrides ?? []) {
      const lfolvl = Buffer.alloc(8);
      lfolvl.writeInt32LE(override.startAt ?? 0, 0);
      lfolvl.writeUInt32LE(override.ilvl | (override.startAt !== undefined ? 0x10 : 0) | (override.level ? 0x20 : 0), 4);
      data.push(lfolvl, ...(override.level ? [lvl(override.level)] : []));
    }
  });
  return Buffer.concat([head, ...data]);
}

/** The sprms of a list reference: sprmPIlfo, sprmPIlvl. */
export const listSprms = ({ ilfo, ilvl }: ListReference) =>
  Buffer.concat([
    ...(ilfo !== undefined ? [Buffer.from([0x0b, 0x46, ilfo & 0xff, (ilfo >> 8) & 0xff])] : []),
    ...(ilvl !== undefined ? [Buffer.from([0x0a, 0x26, ilvl])] : []),
  ]);

/** STSH with paragraph styles (stk 1): Stshi (cstd, cbSTDBaseInFile 10), each STD with a one-letter name and its paragraph sprms. */
export function stsh(styles: { base?: number; list: ListReference }[]): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(4, 0);
  head.writeUInt16LE(styles.length, 2);
  head.writeUInt16LE(10, 4);
  const stds = styles.map((style) => {
    const stdf = Buffer.alloc(10);
    stdf.writeUInt16LE(1 | ((style.base ?? 0x0fff) << 4), 2);
    const name = Buffer.from([1, 0, 0x53, 0, 0, 0]);
    const sprms = listSprms(style.list);
    const upx = Buffer.alloc(4);
    upx.writeUInt16LE(2 + sprms.length, 0);
    const std = Buffer.concat([stdf, name, upx, sprms, Buffer.alloc(sprms.length % 2)]);
    const size = Buffer.alloc(2);
    size.writeUInt16LE(std.length, 0);
    return Buffer.concat([size, std]);
  });
  return Buffer.concat([head, ...stds]);
}

export interface ParagraphSpec {
  /** The paragraph's characters, control characters included, ending with its mark (\r or \x07). */
  text: string;
  /** Paragraph sprms (after the istd). */
  sprms?: number[];
}

export const IN_TABLE = [0x16, 0x24, 1];
export const ROW_END = [0x16, 0x24, 1, 0x17, 0x24, 1];
const TEXT_FC = 1024;
const PAPX_PAGE = 4;
const CHPX_PAGE = 5;

/** A PapxFkp: one run per paragraph, each with its istd (0) and sprms. */
function papxPage(limits: number[], sprms: number[][]): Buffer {
  const page = Buffer.alloc(512);
  const crun = sprms.length;
  limits.forEach((fc, i) => page.writeUInt32LE(fc, i * 4));
  let free = 510;
  sprms.forEach((grpprl, i) => {
    const papx = Buffer.from([0, (2 + grpprl.length + 1) >> 1, 0, 0, ...grpprl]);
    free = (free - papx.length) & ~1;
    papx.copy(page, free);
    page[(crun + 1) * 4 + i * 13] = free >> 1;
  });
  page[511] = crun;
  return page;
}

/** A ChpxFkp: runs with the given character sprms (none where empty). */
function chpxPage(limits: number[], sprms: number[][]): Buffer {
  const page = Buffer.alloc(512);
  const crun = sprms.length;
  limits.forEach((fc, i) => page.writeUInt32LE(fc, i * 4));
  let free = 510;
  sprms.forEach((grpprl, i) => {
    if (!grpprl.length) return;
    free = (free - grpprl.length - 1) & ~1;
    Buffer.from([grpprl.length, ...grpprl]).copy(page, free);
    page[(crun + 1) * 4 + i] = free >> 1;
  });
  page[511] = crun;
  return page;
}

/** A PlcBte: the fc range [first, last] on one FKP page. */
function plcBte(first: number, last: number, page: number): Buffer {
  const plc = Buffer.alloc(12);
  plc.writeUInt32LE(first, 0);
  plc.writeUInt32LE(last, 4);
  plc.writeUInt32LE(page, 8);
  return plc;
}

export interface DocOptions {
  /** Text in Windows-1252, one byte a character. */
  compressed?: boolean;
  /** Characters [from, to) deleted by a tracked change. */
  deleted?: [number, number];
  /** The piece's Prm: a Prm0 value, or the sprms of a Prc its Prm1 points to. */
  prm?: number | number[];
  /** List tables (PlfLst with its LVLs, PlfLfo). */
  lists?: { lists: ReturnType<typeof plfLst>; lfo: Buffer };
}

/**
 * A .doc (a compound file) of these paragraphs in one piece at TEXT_FC, with one paragraph FKP and
 * one character FKP.
 */
export function doc(paragraphs: ParagraphSpec[], options: DocOptions = {}): Buffer {
  const text = paragraphs.map((p) => p.text).join('');
  const width = options.compressed ? 1 : 2;
  const bytes = options.compressed ? Buffer.from([...text].map((c) => ({ '“': 0x93, '”': 0x94 })[c] ?? c.charCodeAt(0))) : Buffer.from(text, 'utf16le');
  const end = TEXT_FC + text.length * width;
  let at = 0;
  const limits = [TEXT_FC, ...paragraphs.map((p) => TEXT_FC + (at += p.text.length) * width)];
  const [from, to] = (options.deleted ?? [0, 0]).map((cp) => TEXT_FC + cp * width);
  const word = fib(512 * (CHPX_PAGE + 1));
  word.writeUInt16LE(0x0200, 0x0a);
  word.writeInt32LE(text.length, 76);
  bytes.copy(word, TEXT_FC);
  papxPage(limits, paragraphs.map((p) => p.sprms ?? [])).copy(word, PAPX_PAGE * 512);
  chpxPage(options.deleted ? [TEXT_FC, from, to, end] : [TEXT_FC, end], options.deleted ? [[], [0x00, 0x08, 1], []] : [[]]).copy(word, CHPX_PAGE * 512);
  const table = tableStream(word, [
    [FC_LCB.clx, clx(text.length, options)],
    [FC_LCB.plcfBtePapx, plcBte(TEXT_FC, end, PAPX_PAGE)],
    [FC_LCB.plcfBteChpx, plcBte(TEXT_FC, end, CHPX_PAGE)],
    ...listParts(options.lists?.lists, options.lists?.lfo),
  ]);
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, 'WordDocument', word);
  CFB.utils.cfb_add(container, '1Table', table);
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** The Clx: a Prc when the piece's Prm points to one, then the piece table of one piece. */
function clx(length: number, options: DocOptions): Buffer {
  const prc = Array.isArray(options.prm) ? Buffer.from([0x01, options.prm.length, 0, ...options.prm]) : Buffer.alloc(0);
  const pcd = Buffer.alloc(8);
  pcd.writeUInt32LE(options.compressed ? (TEXT_FC * 2) | 0x40000000 : TEXT_FC, 2);
  pcd.writeUInt16LE(Array.isArray(options.prm) ? 1 : (options.prm ?? 0), 6);
  const plcPcd = Buffer.concat([Buffer.from(new Uint32Array([0, length]).buffer), pcd]);
  return Buffer.concat([prc, Buffer.from([0x02]), Buffer.from(new Uint32Array([plcPcd.length]).buffer), plcPcd]);
}

/** A WordDocument stream of `size` bytes starting with a FIB (csw 14, cslw 22, 93 fc/lcb pairs, all empty). */
function fib(size: number): Buffer {
  const word = Buffer.alloc(size);
  word.writeUInt16LE(0xa5ec, 0);
  word.writeUInt16LE(14, 32);
  word.writeUInt16LE(22, 62);
  word.writeUInt16LE(93, 152);
  return word;
}

/** A table stream of these structures one after the other, each pointed at by its FIB pair: [pair, bytes, lcb if not its length]. */
function tableStream(word: Buffer, parts: [number, Buffer, number?][]): Buffer {
  let fc = 0;
  for (const [index, bytes, lcb = bytes.length] of parts) {
    word.writeUInt32LE(fc, 154 + index * 8);
    word.writeUInt32LE(lcb, 154 + index * 8 + 4);
    fc += bytes.length;
  }
  return Buffer.concat(parts.map(([, bytes]) => bytes));
}

// The LVLs follow the PlfLst but are not counted in lcbPlfLst.
const listParts = (lists?: ReturnType<typeof plfLst>, lfo?: Buffer): [number, Buffer, number?][] => [
  ...(lists ? [[FC_LCB.plfLst, Buffer.concat([lists.lst, lists.lvls]), lists.lst.length] as [number, Buffer, number]] : []),
  ...(lfo ? [[FC_LCB.plfLfo, lfo] as [number, Buffer]] : []),
];

/**
 * A WordDocument stream holding only a FIB that points at the given structures, laid one after the
 * other in the table stream in the order given (the last one ends the stream: a structure cut short
 * there cannot read into the next).
 */
export function wordFile(parts: { lists?: ReturnType<typeof plfLst>; lfo?: Buffer; styles?: Buffer }): WordFile {
  const word = fib(154 + 93 * 8);
  const placed = Object.keys(parts).flatMap((key): [number, Buffer, number?][] => {
    if (key === 'styles' && parts.styles) return [[FC_LCB.stshf, parts.styles]];
    if (key === 'lists') return listParts(parts.lists);
    return key === 'lfo' ? listParts(undefined, parts.lfo) : [];
  });
  return { word, table: tableStream(word, placed) };
}
