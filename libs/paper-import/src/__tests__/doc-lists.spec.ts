import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FC_LCB, type WordFile } from '../doc-file';
import { type DocNumbering, type ListReference, readNumbering } from '../doc-lists';
import { extractDocumentText } from '../document-text';
import { CORPUS_DIR } from './corpus';
import { type LevelSpec, NFC, plfLfo, plfLst, stsh, wordFile } from './doc-builders';

// Word 97-2003 list tables built byte by byte (doc-builders.ts), read back as the numbers Word
// shows before list paragraphs.

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
