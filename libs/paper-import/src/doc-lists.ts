import { FC_LCB, fcLcb, sprms, type WordFile } from './doc-file';
import { ListCounters, type ListLevel } from './list-numbering';

/**
 * Word 97-2003's automatic list numbering ([MS-DOC], "Determining List Formatting"): a
 * paragraph names a list format override (LFO, sprmPIlfo, 1-based) and a level (sprmPIlvl), itself
 * or through its paragraph style; the LFO names a list (LSTF, by lsid) whose levels (LVL) give the
 * number format, the start and the level text, and may override a level's start or whole format.
 */

const SPRM_P_ILVL = 0x260a;
const SPRM_P_ILFO = 0x460b;

/** MSONFC number formats by value ([MS-OSHARED] 2.2.1.3), by the OOXML names list-numbering formats. */
const NUMBER_FORMATS: Record<number, string> = {
  0x00: 'decimal',
  0x01: 'upperRoman',
  0x02: 'lowerRoman',
  0x03: 'upperLetter',
  0x04: 'lowerLetter',
  0x0e: 'decimalFullWidth',
  0x12: 'decimalEnclosedCircle',
  0x13: 'decimalFullWidth2',
  0x17: 'bullet',
  0x1c: 'decimalEnclosedCircleChinese',
  0x1e: 'ideographTraditional',
  0x21: 'taiwaneseCounting',
  0x23: 'taiwaneseCountingThousand',
  0x25: 'chineseCounting',
  0x26: 'chineseLegalSimplified',
  0x27: 'chineseCountingThousand',
  0xff: 'none',
};

/** A paragraph's (or a paragraph style's) place in a list; unset fields come from its style. */
export interface ListReference {
  ilfo?: number;
  ilvl?: number;
}

/** The list sprms among a paragraph's or a style's sprms. */
export function listReference(grpprl: Buffer): ListReference {
  const reference: ListReference = {};
  for (const { sprm, operand } of sprms(grpprl)) {
    if (sprm === SPRM_P_ILFO) reference.ilfo = operand.readInt16LE(0);
    else if (sprm === SPRM_P_ILVL) reference.ilvl = operand[0];
  }
  return reference;
}

/**
 * An LVL: LVLF (28 bytes), grpprlPapx, grpprlChpx, then the level text (xst). In the xst, the
 * characters at the 1-based positions rgbxchNums lists are placeholders holding a level index (0-8):
 * they become %1-%9.
 */
function readLevel(table: Buffer, at: number): { level: ListLevel; end: number } {
  const start = table.readInt32LE(at);
  const format = NUMBER_FORMATS[table[at + 4]] ?? 'decimal';
  const placeholders = new Set(table.subarray(at + 6, at + 15).filter((position) => position !== 0));
  const xst = at + 28 + table[at + 25] + table[at + 24];
  const length = table.readUInt16LE(xst);
  const chars = table.subarray(xst + 2, xst + 2 + length * 2);
  if (chars.length !== length * 2) throw new Error('list level text outside the table stream');
  let text = '';
  for (let i = 0; i < length; i++) {
    const char = chars.readUInt16LE(i * 2);
    if (!placeholders.has(i + 1)) text += String.fromCharCode(char);
    else if (char <= 8) text += `%${char + 1}`;
    else throw new Error(`list level placeholder for level ${char}`);
  }
  return { level: { start, format, text }, end: xst + 2 + length * 2 };
}

/** PlfLst: cLst LSTFs (28 bytes: lsid, …, fSimpleList), then their LVLs (1 if simple, else 9) right after it. */
function readListDefinitions(table: Buffer, fc: number, lcb: number): Map<number, ListLevel[]> {
  const lists = new Map<number, ListLevel[]>();
  if (lcb === 0) return lists;
  const count = table.readInt16LE(fc);
  if (count < 0 || 2 + count * 28 > lcb) throw new Error('list table size');
  let at = fc + lcb;
  for (let i = 0; i < count; i++) {
    const lstf = fc + 2 + i * 28;
    const levels: ListLevel[] = [];
    for (let l = (table[lstf + 26] & 1) === 1 ? 1 : 9; l > 0; l--) {
      const { level, end } = readLevel(table, at);
      levels.push(level);
      at = end;
    }
    lists.set(table.readInt32LE(lstf), levels);
  }
  return lists;
}

/**
 * PlfLfo: lfoMac LFOs (16 bytes: lsid, …, clfolvl), then one LFOData each (cp, then clfolvl LFOLVLs:
 * iStartAt, iLvl/fStartAt/fFormatting, and an LVL when fFormatting). The levels each LFO numbers with.
 */
function readOverrides(table: Buffer, fc: number, lcb: number, lists: Map<number, ListLevel[]>): (ListLevel[] | undefined)[] {
  if (lcb === 0) return [];
  const count = table.readUInt32LE(fc);
  if (4 + count * 16 > lcb) throw new Error('list override table size');
  let at = fc + 4 + count * 16;
  const overrides: (ListLevel[] | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const lfo = fc + 4 + i * 16;
    const levels = lists.get(table.readInt32LE(lfo))?.map((level) => ({ ...level }));
    at += 4;
    for (let o = table[lfo + 12]; o > 0; o--) {
      const startAt = table.readInt32LE(at);
      const flags = table.readUInt32LE(at + 4);
      at += 8;
      const ilvl = flags & 0xf;
      if (flags & 0x20) {
        const { level, end } = readLevel(table, at);
        if (levels?.[ilvl]) levels[ilvl] = level;
        at = end;
      }
      if (flags & 0x10 && levels?.[ilvl]) levels[ilvl].start = startAt;
    }
    overrides.push(levels);
  }
  return overrides;
}

/**
 * The list a paragraph style carries, through the styles it is based on. STSH: cbStshi, Stshi
 * (cstd, cbSTDBaseInFile, …), then per style cbStd and its STD: Stdf (stk, istdBase), the name
 * (Xstz), and for a paragraph style (stk 1) first its paragraph properties (cbUpx, istd, sprms).
 */
function readStyleLists(table: Buffer, fc: number, lcb: number): Map<number, ListReference> {
  const own = new Map<number, { base: number; reference: ListReference }>();
  if (lcb === 0) return new Map();
  const stsh = table.subarray(fc, fc + lcb);
  const cbStshi = stsh.readUInt16LE(0);
  const styles = stsh.readUInt16LE(2);
  const stdf = stsh.readUInt16LE(4);
  for (let istd = 0, at = 2 + cbStshi; istd < styles; istd++) {
    const size = stsh.readUInt16LE(at);
    const std = stsh.subarray(at + 2, at + 2 + size);
    at += 2 + size;
    if (size === 0 || (std.readUInt16LE(2) & 0xf) !== 1) continue;
    const upx = stdf + 2 + std.readUInt16LE(stdf) * 2 + 2;
    const papx = std.subarray(upx + 4, upx + 2 + std.readUInt16LE(upx));
    own.set(istd, { base: std.readUInt16LE(2) >> 4, reference: listReference(papx) });
  }
  const resolve = (istd: number, depth: number): ListReference => {
    const style = own.get(istd);
    // A style chain longer than Word allows is a loop in a damaged file.
    if (!style || depth > 10) return {};
    const base = resolve(style.base, depth + 1);
    return { ilfo: style.reference.ilfo ?? base.ilfo, ilvl: style.reference.ilvl ?? base.ilvl };
  };
  return new Map([...own.keys()].map((istd) => [istd, resolve(istd, 0)]));
}

/** The lists of a document and their counters: the number each list paragraph shows, in order. */
export class DocNumbering {
  private readonly counters = new ListCounters();

  constructor(
    private readonly overrides: (ListLevel[] | undefined)[] = [],
    private readonly styles = new Map<number, ListReference>(),
  ) {}

  /** The number before a paragraph of style istd with its own list reference ("3.", "(二)"), or ''. */
  label(istd: number, own: ListReference): string {
    const style = this.styles.get(istd);
    const ilfo = own.ilfo ?? style?.ilfo ?? 0;
    // ilfo 0 takes a paragraph out of its style's list; negative values are Word's "no list" markers.
    const levels = ilfo > 0 ? this.overrides[ilfo - 1] : undefined;
    if (!levels) return '';
    const ilvl = levels.length === 1 ? 0 : (own.ilvl ?? style?.ilvl ?? 0);
    return this.counters.next(String(ilfo), levels, ilvl);
  }
}

/**
 * The document's list tables and the lists of its styles. A damaged part gives no numbers (the text
 * reads as it did before lists were read) rather than a failed import.
 */
export function readNumbering(file: WordFile): DocNumbering {
  const lists = fcLcb(file.word, FC_LCB.plfLst);
  const overrides = fcLcb(file.word, FC_LCB.plfLfo);
  const styles = fcLcb(file.word, FC_LCB.stshf);
  return new DocNumbering(
    orElse(() => readOverrides(file.table, overrides.fc, overrides.lcb, readListDefinitions(file.table, lists.fc, lists.lcb)), []),
    orElse(() => readStyleLists(file.table, styles.fc, styles.lcb), new Map()),
  );
}

function orElse<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
