import JSZip from 'jszip';
import { DomainError } from '../problem/domain-error';
import { assertZipInflatesWithin } from './zip-limits';

const zip = async (files: Record<string, string | Buffer>) => {
  const archive = new JSZip();
  for (const [name, content] of Object.entries(files)) archive.file(name, content);
  return archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
};

const refusal = (archive: Buffer) => {
  try {
    assertZipInflatesWithin(archive);
    return null;
  } catch (error) {
    return error instanceof DomainError ? { kind: error.kind, code: error.code, fields: error.fields.map((f) => f.field) } : error;
  }
};

describe('zip limits, read from the central directory before anything is inflated', () => {
  it('refuses a bomb: about 100 KB expanding to 40 MB', async () => {
    const bomb = await zip({ 'word/document.xml': Buffer.alloc(40 * 1000 * 1000, 0x61) });
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(bomb)).toEqual({ kind: 'too_large', code: 'upload.expands_too_much', fields: ['file'] });
  });

  it('refuses a compressible archive over the ratio even under the total', async () => {
    expect(refusal(await zip({ a: Buffer.alloc(6 * 1024 * 1024, 0x20) }))).toMatchObject({ code: 'upload.expands_too_much' });
  });

  it('passes an ordinary document, and leaves what is not a zip to its parser', async () => {
    expect(refusal(await zip({ 'word/document.xml': '<w:document>一、单选题</w:document>'.repeat(2000), '[Content_Types].xml': '<Types/>' }))).toBeNull();
    expect(refusal(Buffer.from('name,email\n'))).toBeNull();
    expect(refusal(Buffer.alloc(0))).toBeNull();
  });
});
