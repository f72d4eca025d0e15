import { extname } from 'node:path';
import { readDoc } from './doc-text';
import { DocumentReadError, UnsupportedDocumentError } from './document-errors';
import { readDocx } from './docx-text';
import { readPdf } from './pdf-text';

export { DocumentReadError, UnsupportedDocumentError } from './document-errors';
export type { DocumentProblem } from './document-errors';

/**
 * Text files from Chinese users come as UTF-8 (with or without BOM), UTF-16 from Notepad's
 * "Unicode" option, or GBK/GB18030 from older Windows tools.
 */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

type Format = 'docx' | 'doc' | 'pdf';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// A password-protected .docx is an OLE container holding the encrypted package under this stream name.
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * What the bytes are, whatever the name says: .doc files saved as .docx and the other way round are
 * common, and Word opens both. Null when they are none of the three.
 */
function sniff(buffer: Buffer): Format | 'encrypted' | null {
  if (buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04) return 'docx';
  if (buffer.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (buffer.subarray(0, 8).equals(OLE)) return buffer.includes(ENCRYPTED_PACKAGE) ? 'encrypted' : 'doc';
  return null;
}

const BINARY: Record<string, Format> = { '.docx': 'docx', '.doc': 'doc', '.pdf': 'pdf' };

/**
 * The text of a document, one line per paragraph (Word) or printed line (PDF). Throws
 * UnsupportedDocumentError for other file types and DocumentReadError for a scanned PDF, a
 * password-protected or a damaged file; both messages are for the user.
 */
export async function extractDocumentText(buffer: Buffer, filename: string): Promise<string> {
  const extension = extname(filename).toLowerCase();
  if (extension === '.txt' || extension === '.md') return decodeText(buffer);
  const named = BINARY[extension];
  if (!named) throw new UnsupportedDocumentError(filename);
  const format = sniff(buffer) ?? named;
  if (format === 'encrypted') throw new DocumentReadError('encrypted', filename);
  try {
    if (format === 'pdf') return await readPdf(buffer, filename);
    return format === 'doc' ? readDoc(buffer, filename) : await readDocx(buffer);
  } catch (error) {
    if (error instanceof DocumentReadError) throw error;
    throw new DocumentReadError('unreadable', filename, { cause: error });
  }
}
