import { docx } from '@assay/testing';
import { extractDocumentText, UnsupportedDocumentError } from '../document-text';

const TEXT = '一、單選題\n1.客服首先应该?';

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return bigEndian ? Buffer.from(le).swap16() : le;
}

describe('extractDocumentText', () => {
  it('reads the paragraphs of a .docx', async () => {
    const text = await extractDocumentText(await docx(['一、單選題', '1.客服首先应该?']), 'paper.DOCX');
    expect(text.split(/\n+/).filter(Boolean)).toEqual(['一、單選題', '1.客服首先应该?']);
  });

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'a.txt'],
    ['UTF-8 without BOM', Buffer.from(TEXT, 'utf8'), 'a.md'],
    ['UTF-16 LE', utf16(TEXT, false), 'a.txt'],
    ['UTF-16 BE', utf16(TEXT, true), 'a.txt'],
  ])('decodes %s text', async (_name, buffer, filename) => {
    expect(await extractDocumentText(buffer, filename)).toBe(TEXT);
  });

  it('decodes GB18030 when the bytes are not UTF-8', async () => {
    // "一、单选题" in GBK, which GB18030 includes.
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xb5, 0xa5, 0xd1, 0xa1, 0xcc, 0xe2]);
    expect(await extractDocumentText(gbk, 'paper.txt')).toBe('一、单选题');
  });

  it('refuses other file types with a clear error', async () => {
    await expect(extractDocumentText(Buffer.from('x'), 'paper.pdf')).rejects.toThrow(UnsupportedDocumentError);
    await expect(extractDocumentText(Buffer.from('x'), 'paper.pdf')).rejects.toThrow('不支持的文件类型 Unsupported document type: paper.pdf');
  });
});
