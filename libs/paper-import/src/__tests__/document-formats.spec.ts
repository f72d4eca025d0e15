import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pdf } from '@assay/testing';
import JSZip from 'jszip';
import { DocumentReadError, extractDocumentText } from '../document-text';
import { pageLines, type PdfRun } from '../pdf-text';
import { CORPUS_DIR } from './corpus';

const corpus = (file: string) => readFileSync(path.join(CORPUS_DIR, file));

async function problemOf(buffer: Buffer, filename: string): Promise<{ problem: string; message: string }> {
  const error = await extractDocumentText(buffer, filename).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentReadError);
  const { problem, message } = error as DocumentReadError;
  return { problem, message };
}

describe('PDF', () => {
  it('reads the text layer line by line', async () => {
    expect(await extractDocumentText(pdf({ lines: ['1. Which is first?', 'A. Listen'] }), 'quiz.pdf')).toBe('1. Which is first?\nA. Listen');
  });

  it('refuses a scanned PDF (an image, no text layer) with a message in Chinese and English saying what to do', async () => {
    const { problem, message } = await problemOf(pdf({ image: true }), '扫描试卷.pdf');
    expect(problem).toBe('no_text_layer');
    expect(message).toContain('扫描试卷.pdf 是扫描件或图片,没有可读取的文字层');
    expect(message).toContain('export the PDF from Word or WPS, upload the .docx, or paste the text');
  });

  it('takes images with no more than a stamped page number for a scan, and images beside real text for text', async () => {
    expect((await problemOf(pdf({ image: true, lines: ['- 1 -'] }), 'scan.pdf')).problem).toBe('no_text_layer');
    expect(await extractDocumentText(pdf({ image: true, lines: ['1. Which is first?', 'A. Listen'] }), 'logo.pdf')).toBe('1. Which is first?\nA. Listen');
  });

  it('gives no text, not a scan, for a blank PDF', async () => {
    expect(await extractDocumentText(pdf({}), 'blank.pdf')).toBe('');
  });

  it('refuses a password-protected PDF', async () => {
    const { problem, message } = await problemOf(pdf({ lines: ['secret'], encrypted: true }), 'locked.pdf');
    expect(problem).toBe('encrypted');
    expect(message).toContain('设有密码保护');
  });

  it.each([
    ['garbage after the header', Buffer.from('%PDF-1.7\n\x00\x01garbage without objects')],
    ['a cut-off file', corpus('word-warehouse-outline.pdf').subarray(0, 400)],
  ])('refuses a damaged PDF (%s) as unreadable', async (_name, buffer) => {
    expect((await problemOf(buffer, 'broken.pdf')).problem).toBe('unreadable');
  });
});

describe('PDF lines', () => {
  const run = (text: string, x: number, y: number, size = 10): PdfRun => ({ text, x, y, width: text.length * size, size });

  it('orders items by baseline (within half a line) and then left to right', () => {
    expect(pageLines([run('第二行', 10, 80), run('B', 20, 100.5), run('A', 10, 100)], 600)).toEqual(['AB', '第二行']);
  });

  it('puts a space between Latin words, none for autospacing beside Chinese, and two at a column gap', () => {
    expect(pageLines([run('Answer:', 0, 100), run('B', 73, 100), run('共', 0, 80), run('2', 12, 80), run('题', 24, 80), run('A.倾听', 0, 60), run('B.争辩', 200, 60)], 600)).toEqual([
      'Answer: B',
      '共2题',
      'A.倾听  B.争辩',
    ]);
  });

  it('joins a paragraph wrapped at the right margin, but not before a new item or after a full stop', () => {
    const wrapped = [run('1.'.padEnd(50, '长'), 0, 100), run('题干的下一行', 0, 88), run('A.选项', 0, 76)];
    expect(pageLines(wrapped, 600)).toEqual([`${'1.'.padEnd(50, '长')}题干的下一行`, 'A.选项']);
    const items = [run('1.'.padEnd(50, '长'), 0, 100), run('A.选项', 0, 88)];
    expect(pageLines(items, 600)).toEqual(['1.'.padEnd(50, '长'), 'A.选项']);
    const sentence = [run(`${'长'.repeat(49)}。`, 0, 100), run('另一段', 0, 88)];
    expect(pageLines(sentence, 600)).toEqual([`${'长'.repeat(49)}。`, '另一段']);
  });

  it('reads a key table of numbers over answers as one key line', () => {
    const table = [run('题号', 0, 100), run('1', 100, 100), run('2', 200, 100), run('答案', 0, 85), run('B', 100, 85), run('√', 200, 85)];
    expect(pageLines(table, 600)).toEqual(['1.B  2.√']);
  });
});

describe('legacy Word (.doc)', () => {
  it('reads paragraphs and tables, a key table as one key line', async () => {
    const lines = (await extractDocumentText(corpus('word-warehouse-outline.doc'), 'paper.doc')).split('\n');
    expect(lines.slice(0, 4)).toEqual(['仓库管理员上岗测试', '考试时间:40分钟  总分:16分', '一、单选题(共2题,每题3分)', '1.货物入库前首先要做什么?( )']);
    expect(lines).toContain('A.扫码复核  B.凭经验拣货');
    expect(lines).toContain('1.√  2.×  3.√');
  });

  it('reads a file by what it is, not by its name: a .doc named .docx and a .docx named .doc', async () => {
    const doc = corpus('word-cashier-traditional.doc');
    expect(await extractDocumentText(doc, 'renamed.docx')).toBe(await extractDocumentText(doc, 'paper.doc'));
    const docx = corpus('word-cashier-traditional.docx');
    expect(await extractDocumentText(docx, 'renamed.doc')).toBe(await extractDocumentText(docx, 'paper.docx'));
  });

  it('refuses a damaged .doc as unreadable and a password-protected Word file as encrypted', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await problemOf(Buffer.concat([ole, Buffer.alloc(600, 7)]), 'broken.doc')).problem).toBe('unreadable');
    expect((await problemOf(Buffer.from('not a Word file at all'), 'broken.doc')).problem).toBe('unreadable');
    // Word saves a .docx with a password as an OLE container holding the encrypted package.
    const locked = Buffer.concat([ole, Buffer.alloc(500), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(100)]);
    expect((await problemOf(locked, 'locked.docx')).problem).toBe('encrypted');
  });
});

describe('a .docx whose document.xml is malformed', () => {
  const spies = ['error', 'warn', 'log'].map((method) => jest.spyOn(console, method as 'error' | 'warn' | 'log'));
  afterAll(() => spies.forEach((spy) => spy.mockRestore()));

  it.each([
    ['an unclosed tag', (xml: string) => xml.replace('<w:body>', '<w:body')],
    ['a cut-off end', (xml: string) => xml.slice(0, Math.floor(xml.length / 2))],
    ['an attribute without quotes', (xml: string) => xml.replace(/w:val="([^"]*)"/, 'w:val=$1')],
  ])('is unreadable, with nothing printed, for %s', async (_damage, damage) => {
    const zip = await JSZip.loadAsync(corpus('word-warehouse-outline.docx'));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    zip.file('word/document.xml', damage(xml));
    const broken = await zip.generateAsync({ type: 'nodebuffer' });
    spies.forEach((spy) => spy.mockClear());
    expect((await problemOf(broken, 'broken.docx')).problem).toBe('unreadable');
    expect(spies.flatMap((spy) => spy.mock.calls)).toEqual([]);
  });
});

describe('damaged files of every format', () => {
  /** Deterministic bytes: the same damaged files on every run. */
  function damaged(base: Buffer, seed: number): Buffer[] {
    let state = seed;
    const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    return Array.from({ length: 24 }, (_, i) => {
      const bytes = Buffer.from(base);
      if (i % 2 === 0) return bytes.subarray(0, Math.floor(random() * bytes.length));
      for (let k = 0; k < 1 + i * 8; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      return bytes;
    });
  }

  it.each(['.docx', '.doc', '.pdf'])('give text or a DocumentReadError for %s, never another error', async (ext) => {
    const outcomes = new Set<string>();
    for (const bytes of damaged(corpus(`word-warehouse-outline${ext}`), ext.length)) {
      const outcome = await extractDocumentText(bytes, `damaged${ext}`).then(
        () => 'text',
        (error: unknown) => (error instanceof DocumentReadError ? error.problem : `${String(error)}`),
      );
      outcomes.add(outcome);
    }
    expect([...outcomes].filter((o) => o !== 'text' && o !== 'unreadable')).toEqual([]);
    expect(outcomes).toContain('unreadable');
  });
});
