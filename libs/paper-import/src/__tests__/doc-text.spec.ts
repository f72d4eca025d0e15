import { readDoc } from '../doc-text';
import { doc, type DocOptions, IN_TABLE, NFC, type ParagraphSpec, plfLfo, plfLst, ROW_END } from './doc-builders';

// .doc files built byte by byte (doc-builders.ts) to pin down how the reader turns the main text into lines.

const read = (paragraphs: ParagraphSpec[], options?: DocOptions) => readDoc(doc(paragraphs, options), 'built.doc');

describe('.doc text', () => {
  it('reads one line per paragraph', () => {
    expect(read([{ text: '客服专员测试\r' }, { text: '考试时间:30分钟\r' }])).toBe('客服专员测试\n考试时间:30分钟');
  });

  it('shows field results and leaves out field codes, nested or without a result', () => {
    const link = 'See \x13 HYPERLINK "https://example.com" \x14the \x13 REF a \x14site\x15\x15 now\x13 PAGE \x15.\r';
    expect(read([{ text: link }])).toBe('See the site now.');
  });

  it('leaves out text a tracked change deleted', () => {
    expect(read([{ text: '答案:B\r' }, { text: '答案:C\r' }], { deleted: [0, 5] })).toBe('答案:C');
    expect(read([{ text: '答案:BC\r' }], { deleted: [3, 4] })).toBe('答案:C');
  });

  it('reads Windows-1252 text of compressed pieces', () => {
    expect(read([{ text: 'Say “hello”\r' }], { compressed: true })).toBe('Say “hello”');
  });

  it('breaks lines at line and page breaks; a section break ends its paragraph', () => {
    expect(read([{ text: 'one\x0btwo\x0cthree\r' }, { text: 'Part 1\x0c' }, { text: 'Part 2\r' }])).toBe('one\ntwo\nthree\nPart 1\nPart 2');
  });

  it('drops pictures, note anchors and optional hyphens', () => {
    expect(read([{ text: 'Logo\x01 note\x02 hy\x1fphen\r' }])).toBe('Logo note hyphen');
  });

  it('numbers list paragraphs, and the paragraphs a fast save put in a list through their piece (a Prc)', () => {
    const lists = { lists: plfLst([{ lsid: 5, levels: [{ nfc: NFC.upperLetter, text: '%1.' }] }]), lfo: plfLfo([{ lsid: 5 }]) };
    const ilfo1 = [0x0b, 0x46, 1, 0];
    expect(read([{ text: '倾听\r', sprms: ilfo1 }, { text: '争辩\r', sprms: ilfo1 }, { text: '答案:A\r' }], { lists })).toBe('A.倾听\nB.争辩\n答案:A');
    expect(read([{ text: 'Listen\r' }, { text: 'Argue\r' }], { lists, prm: ilfo1 })).toBe('A. Listen\nB. Argue');
  });

  it('leaves out a piece a fast save marked deleted (a Prm0)', () => {
    const deletedPrm0 = (0x41 << 1) | (1 << 8);
    expect(read([{ text: '答案:B\r' }], { prm: deletedPrm0 })).toBe('');
    expect(read([{ text: '答案:B\r' }], { prm: 0x41 << 1 })).toBe('答案:B');
  });

  it('reads a table row by row, the paragraphs of a cell joined, a key table as one key line', () => {
    const cell = (text: string) => ({ text: `${text}\x07`, sprms: IN_TABLE });
    const paragraphs = [
      { text: 'A.倾听\r', sprms: IN_TABLE },
      cell('并确认'),
      cell('B.争辩'),
      { text: '\x07', sprms: ROW_END },
      cell('题号'),
      cell('1'),
      cell('2'),
      { text: '\x07', sprms: ROW_END },
      cell('答案'),
      cell('B'),
      cell('C'),
      { text: '\x07', sprms: ROW_END },
      { text: '解析:略\r' },
    ];
    expect(read(paragraphs)).toBe('A.倾听 并确认  B.争辩\n1.B  2.C\n解析:略');
  });
});
