import { extname } from 'node:path';
import { readDocx } from './docx-text';

/** The file type cannot be read as a paper; the message is shown to the user as is. */
export class UnsupportedDocumentError extends Error {
  constructor(readonly filename: string) {
    super(`不支持的文件类型 Unsupported document type: ${filename} (支持 supported: .docx, .txt, .md)`);
    this.name = 'UnsupportedDocumentError';
  }
}

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

export async function extractDocumentText(buffer: Buffer, filename: string): Promise<string> {
  switch (extname(filename).toLowerCase()) {
    case '.docx':
      return readDocx(buffer);
    case '.txt':
    case '.md':
      return decodeText(buffer);
    default:
      throw new UnsupportedDocumentError(filename);
  }
}
