import JSZip from 'jszip';
import { extractDocumentText, UnsupportedDocumentError } from '../document-text';

const TEXT = '一、單選題\n1.客服首先应该?';

async function docx(paragraphs: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

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
