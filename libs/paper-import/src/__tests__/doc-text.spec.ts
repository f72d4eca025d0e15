import CFB from 'cfb';
import { readDoc } from '../doc-text';

// Word 97-2003 documents built byte by byte ([MS-DOC]: FIB, piece table, paragraph and character
// FKPs in a compound file) to pin down how the .doc reader turns the main text into lines.

interface ParagraphSpec {
  /** The paragraph's characters, control characters included, ending with its mark (\r or \x07). */
  text: string;
  /** Paragraph sprms (after the istd). */
  sprms?: number[];
}

const IN_TABLE = [0x16, 0x24, 1];
const ROW_END = [0x16, 0x24, 1, 0x17, 0x24, 1];
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

/**
 * A .doc of these paragraphs in one piece at TEXT_FC (UTF-16, or Windows-1252 when compressed),
 * the characters [from, to) marked deleted by a tracked change.
 */
function doc(paragraphs: ParagraphSpec[], options: { compressed?: boolean; deleted?: [number, number] } = {}): Buffer {
  const text = paragraphs.map((p) => p.text).join('');
  const width = options.compressed ? 1 : 2;
  const bytes = options.compressed ? Buffer.from([...text].map((c) => ({ '“': 0x93, '”': 0x94 })[c] ?? c.charCodeAt(0))) : Buffer.from(text, 'utf16le');
  const end = TEXT_FC + text.length * width;
  let at = 0;
  const limits = [TEXT_FC, ...paragraphs.map((p) => TEXT_FC + (at += p.text.length) * width)];
  const [from, to] = (options.deleted ?? [0, 0]).map((cp) => TEXT_FC + cp * width);
  const word = Buffer.alloc(512 * (CHPX_PAGE + 1));
  word.writeUInt16LE(0xa5ec, 0);
  word.writeUInt16LE(0x0200, 0x0a);
  word.writeUInt16LE(14, 32);
  word.writeUInt16LE(22, 62);
  word.writeInt32LE(text.length, 76);
  word.writeUInt16LE(93, 152);
  bytes.copy(word, TEXT_FC);
  papxPage(limits, paragraphs.map((p) => p.sprms ?? [])).copy(word, PAPX_PAGE * 512);
  chpxPage(options.deleted ? [TEXT_FC, from, to, end] : [TEXT_FC, end], options.deleted ? [[], [0x00, 0x08, 1], []] : [[]]).copy(word, CHPX_PAGE * 512);
  const pcd = Buffer.alloc(8);
  pcd.writeUInt32LE(options.compressed ? (TEXT_FC * 2) | 0x40000000 : TEXT_FC, 2);
  const plcPcd = Buffer.concat([Buffer.from(new Uint32Array([0, text.length]).buffer), pcd]);
  const clx = Buffer.concat([Buffer.from([0x02]), Buffer.from(new Uint32Array([plcPcd.length]).buffer), plcPcd]);
  const table = Buffer.concat([clx, plcBte(TEXT_FC, end, PAPX_PAGE), plcBte(TEXT_FC, end, CHPX_PAGE)]);
  const point = (index: number, fc: number, lcb: number) => {
    word.writeUInt32LE(fc, 154 + index * 8);
    word.writeUInt32LE(lcb, 154 + index * 8 + 4);
  };
  point(33, 0, clx.length);
  point(13, clx.length, 12);
  point(12, clx.length + 12, 12);
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, 'WordDocument', word);
  CFB.utils.cfb_add(container, '1Table', table);
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

const read = (paragraphs: ParagraphSpec[], options?: Parameters<typeof doc>[1]) => readDoc(doc(paragraphs, options), 'built.doc');

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
