import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FC_LCB, type WordFile } from '../doc-file';
import { type DocNumbering, type ListReference, readNumbering } from '../doc-lists';
import { extractDocumentText } from '../document-text';
import { CORPUS_DIR } from './corpus';

// Word 97-2003 list tables ([MS-DOC] PlfLst, LVL, PlfLfo, STSH) built byte by byte, read back as
// the numbers Word shows before list paragraphs.

const NFC = { decimal: 0x00, upperRoman: 0x01, lowerRoman: 0x02, upperLetter: 0x03, lowerLetter: 0x04, circled: 0x12, bullet: 0x17, ideographTraditional: 0x1e, chineseCounting: 0x25 };

interface LevelSpec {
  nfc: number;
  /** The level text with %1-%9 where Word puts a placeholder character holding the level index. */
  text: string;
  start?: number;
}

/** An LVL: LVLF (iStartAt, nfc, rgbxchNums, no grpprls), then the xst. */
function lvl({ nfc, text, start = 1 }: LevelSpec): Buffer {
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
function plfLst(lists: { lsid: number; levels: LevelSpec[] }[]): { lst: Buffer; lvls: Buffer } {
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

interface OverrideSpec {
  ilvl: number;
  startAt?: number;
  level?: LevelSpec;
}

/** PlfLfo: lfoMac, the LFOs (lsid, clfolvl), then each LFOData (cp, LFOLVLs with their LVL when formatting). */
function plfLfo(lfos: { lsid: number; overrides?: OverrideSpec[] }[]): Buffer {
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

const grpprl = ({ ilfo, ilvl }: ListReference) =>
  Buffer.concat([
    ...(ilfo !== undefined ? [Buffer.from([0x0b, 0x46, ilfo & 0xff, (ilfo >> 8) & 0xff])] : []),
    ...(ilvl !== undefined ? [Buffer.from([0x0a, 0x26, ilvl])] : []),
  ]);

/** STSH with paragraph styles (stk 1): Stshi (cstd, cbSTDBaseInFile 10), each STD with a one-letter name and its paragraph sprms. */
function stsh(styles: { base?: number; list: ListReference }[]): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt16LE(4, 0);
  head.writeUInt16LE(styles.length, 2);
  head.writeUInt16LE(10, 4);
  const stds = styles.map((style) => {
    const stdf = Buffer.alloc(10);
    stdf.writeUInt16LE(1 | ((style.base ?? 0x0fff) << 4), 2);
    const name = Buffer.from([1, 0, 0x53, 0, 0, 0]);
    const sprms = grpprl(style.list);
    const upx = Buffer.alloc(4);
    upx.writeUInt16LE(2 + sprms.length, 0);
    const std = Buffer.concat([stdf, name, upx, sprms, Buffer.alloc(sprms.length % 2)]);
    const size = Buffer.alloc(2);
    size.writeUInt16LE(std.length, 0);
    return Buffer.concat([size, std]);
  });
  return Buffer.concat([head, ...stds]);
}

/**
 * A WordDocument stream holding only a FIB (csw 14, cslw 22, 93 fc/lcb pairs) that points at the
 * given structures, laid one after the other in the table stream in the order given (the last one
 * ends the stream: a structure cut short there cannot read into the next).
 */
function wordFile(parts: { lists?: ReturnType<typeof plfLst>; lfo?: Buffer; styles?: Buffer }): WordFile {
  const word = Buffer.alloc(154 + 93 * 8);
  word.writeUInt16LE(0xa5ec, 0);
  word.writeUInt16LE(14, 32);
  word.writeUInt16LE(22, 62);
  word.writeUInt16LE(93, 152);
  const chunks: Buffer[] = [];
  let fc = 0;
  const place = (index: number, bytes: Buffer, lcb = bytes.length) => {
    word.writeUInt32LE(fc, 154 + index * 8);
    word.writeUInt32LE(lcb, 154 + index * 8 + 4);
    chunks.push(bytes);
    fc += bytes.length;
  };
  for (const key of Object.keys(parts)) {
    if (key === 'styles' && parts.styles) place(FC_LCB.stshf, parts.styles);
    // The LVLs follow the PlfLst but are not counted in lcbPlfLst.
    if (key === 'lists' && parts.lists) place(FC_LCB.plfLst, Buffer.concat([parts.lists.lst, parts.lists.lvls]), parts.lists.lst.length);
    if (key === 'lfo' && parts.lfo) place(FC_LCB.plfLfo, parts.lfo);
  }
  return { word, table: Buffer.concat(chunks) };
}

/** The labels of paragraphs given as [istd, own list reference], in order. */
const labels = (numbering: DocNumbering, paragraphs: [number, ListReference][]) => paragraphs.map(([istd, own]) => numbering.label(istd, own));

/** One simple list numbered by LFO 1; `count` paragraphs in it. */
function simpleList(level: LevelSpec, count: number): string[] {
  const numbering = readNumbering(wordFile({ lists: plfLst([{ lsid: 7, levels: [level] }]), lfo: plfLfo([{ lsid: 7 }]) }));
  return labels(numbering, Array.from({ length: count }, () => [0, { ilfo: 1 }]));
}

describe('.doc list tables', () => {
  it.each([
    [{ nfc: NFC.decimal, text: '%1.' }, ['1.', '2.', '3.']],
    [{ nfc: NFC.decimal, text: '第%1题' }, ['第1题', '第2题', '第3题']],
    [{ nfc: NFC.upperLetter, text: '%1、' }, ['A、', 'B、', 'C、']],
    [{ nfc: NFC.lowerLetter, text: '(%1)' }, ['(a)', '(b)', '(c)']],
    [{ nfc: NFC.upperRoman, text: '%1.' }, ['I.', 'II.', 'III.']],
    [{ nfc: NFC.lowerRoman, text: '%1)' }, ['i)', 'ii)', 'iii)']],
    [{ nfc: NFC.chineseCounting, text: '%1、' }, ['一、', '二、', '三、']],
    [{ nfc: NFC.ideographTraditional, text: '(%1)' }, ['(甲)', '(乙)', '(丙)']],
    [{ nfc: NFC.circled, text: '%1' }, ['①', '②', '③']],
    [{ nfc: NFC.bullet, text: '•' }, ['', '', '']],
  ])('numbers a list of format %j as %j', (level, expected) => {
    expect(simpleList(level, 3)).toEqual(expected);
  });

  it('starts at the level start', () => {
    expect(simpleList({ nfc: NFC.decimal, text: 'Q%1.', start: 5 }, 2)).toEqual(['Q5.', 'Q6.']);
  });

  it('numbers the levels of an outline list, restarts a level after a higher one, and shows higher levels in a level text', () => {
    const lists = plfLst([{ lsid: 1, levels: [{ nfc: NFC.chineseCounting, text: '%1、' }, { nfc: NFC.decimal, text: '%2.' }, { nfc: NFC.upperLetter, text: '%3.' }, { nfc: NFC.decimal, text: '%2.%4' }] }]);
    const numbering = readNumbering(wordFile({ lists, lfo: plfLfo([{ lsid: 1 }]) }));
    const at = (ilvl: number): [number, ListReference] => [0, { ilfo: 1, ilvl }];
    expect(labels(numbering, [at(0), at(1), at(2), at(2), at(1), at(2), at(3), at(0), at(1)])).toEqual(['一、', '1.', 'A.', 'B.', '2.', 'A.', '2.1', '二、', '1.']);
  });

  it('counts each list override (LFO) apart, with its own start-at or level format', () => {
    const lists = plfLst([{ lsid: 3, levels: [{ nfc: NFC.decimal, text: '%1.' }] }]);
    const lfo = plfLfo([{ lsid: 3 }, { lsid: 3, overrides: [{ ilvl: 0, startAt: 4 }] }, { lsid: 3, overrides: [{ ilvl: 0, level: { nfc: NFC.upperLetter, text: '(%1)' } }] }]);
    const numbering = readNumbering(wordFile({ lists, lfo }));
    expect(labels(numbering, [[0, { ilfo: 1 }], [0, { ilfo: 2 }], [0, { ilfo: 1 }], [0, { ilfo: 2 }], [0, { ilfo: 3 }]])).toEqual(['1.', '4.', '2.', '5.', '(A)']);
  });

  it('gives no number to a paragraph outside any list, or naming a list that does not exist', () => {
    const numbering = readNumbering(wordFile({ lists: plfLst([{ lsid: 1, levels: [{ nfc: NFC.decimal, text: '%1.' }] }]), lfo: plfLfo([{ lsid: 1 }, { lsid: 99 }]) }));
    expect(labels(numbering, [[0, {}], [0, { ilfo: 1 }], [0, { ilfo: 0 }], [0, { ilfo: 2 }], [0, { ilfo: 3 }], [0, { ilfo: -2047 }], [0, { ilfo: 1 }]])).toEqual(['', '1.', '', '', '', '', '2.']);
  });

  it('numbers the paragraphs of a style that carries a list, through the style it is based on, unless the paragraph leaves the list', () => {
    const lists = plfLst([{ lsid: 1, levels: [{ nfc: NFC.chineseCounting, text: '%1、' }, { nfc: NFC.decimal, text: '%2.' }] }]);
    // Style 1 ("Section") carries list 1 at level 0; style 2 ("Question") is based on it at level 1.
    const styles = stsh([{ list: {} }, { list: { ilfo: 1, ilvl: 0 } }, { base: 1, list: { ilvl: 1 } }]);
    const numbering = readNumbering(wordFile({ lists, lfo: plfLfo([{ lsid: 1 }]), styles }));
    expect(labels(numbering, [[1, {}], [2, {}], [2, {}], [0, {}], [2, { ilfo: 0 }], [1, {}], [2, {}]])).toEqual(['一、', '1.', '2.', '', '', '二、', '1.']);
  });

  describe('damaged tables give no numbers instead of failing', () => {
    const good = plfLst([{ lsid: 1, levels: [{ nfc: NFC.decimal, text: '%1.' }] }]);
    const first = (file: WordFile) => readNumbering(file).label(0, { ilfo: 1 });

    it('reads the well-formed tables these are made from', () => {
      expect(first(wordFile({ lists: good, lfo: plfLfo([{ lsid: 1 }]) }))).toBe('1.');
    });

    it.each([
      ['a list table cut short', () => wordFile({ lfo: plfLfo([{ lsid: 1 }]), lists: { lst: good.lst, lvls: good.lvls.subarray(0, 20) } })],
      ['more lists than the table holds', () => wordFile({ lists: { lst: Buffer.from([50, 0]), lvls: good.lvls }, lfo: plfLfo([{ lsid: 1 }]) })],
      ['a placeholder for level 12', () => wordFile({ lists: { lst: good.lst, lvls: Buffer.from(good.lvls).fill(12, 30, 31) }, lfo: plfLfo([{ lsid: 1 }]) })],
      ['more overrides than the table holds', () => wordFile({ lists: good, lfo: Buffer.from([9, 9, 9, 0]) })],
      ['an override level cut short', () => wordFile({ lists: good, lfo: plfLfo([{ lsid: 1, overrides: [{ ilvl: 0, level: { nfc: 0, text: '%1.' } }] }]).subarray(0, 30) })],
    ])('%s', (_name, file) => {
      expect(first(file())).toBe('');
    });

    it('keeps the lists when only the stylesheet is damaged', () => {
      expect(first(wordFile({ lists: good, lfo: plfLfo([{ lsid: 1 }]), styles: Buffer.from([4, 0, 200, 0, 10, 0, 40, 0]) }))).toBe('1.');
    });
  });
});

describe('.doc files with automatic numbering', () => {
  const corpus = (file: string) => readFileSync(path.join(CORPUS_DIR, file));
  /** The FIB at the start of the WordDocument stream: wIdent 0xA5EC at a sector start. */
  const fibOffset = (doc: Buffer) => {
    for (let at = 512; at < doc.length; at += 512) if (doc.readUInt16LE(at) === 0xa5ec) return at;
    throw new Error('no FIB');
  };

  it('reads the numbers of every list paragraph, as the .docx of the same document', async () => {
    for (const name of ['word-warehouse-outline', 'word-logistics-circled', 'word-hotel-scenario', 'word-support-english']) {
      expect(await extractDocumentText(corpus(`${name}.doc`), `${name}.doc`)).toBe(await extractDocumentText(corpus(`${name}.docx`), `${name}.docx`));
    }
  });

  it('reads the text without numbers when the list table is damaged', async () => {
    const doc = Buffer.from(corpus('word-warehouse-outline.doc'));
    doc.writeUInt32LE(0x7fffffff, fibOffset(doc) + 154 + FC_LCB.plfLst * 8);
    const lines = (await extractDocumentText(doc, 'damaged-lists.doc')).split('\n');
    expect(lines.slice(2, 5)).toEqual(['单选题(共2题,每题3分)', '货物入库前首先要做什么?( )', '核对送货单与实物']);
  });

  it('refuses a password-protected .doc (fEncrypted) as encrypted', async () => {
    const doc = Buffer.from(corpus('word-warehouse-outline.doc'));
    const flags = fibOffset(doc) + 0x0a;
    doc.writeUInt16LE(doc.readUInt16LE(flags) | 0x0100, flags);
    await expect(extractDocumentText(doc, 'locked.doc')).rejects.toMatchObject({ problem: 'encrypted' });
  });
});
