import { execFile } from 'node:child_process';

/**
 * The text of each page of a PDF, as pdf.js extracts it (the font's ToUnicode map, so Chinese
 * comes back as characters). pdf.js is ESM-only, which Jest's CommonJS runtime cannot load, so it
 * runs in a child Node process that reads the PDF from stdin.
 */
const READER = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), disableFontFace: true, useSystemFonts: false }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const content = await (await pdf.getPage(n)).getTextContent();
  pages.push(content.items.map((item) => item.str ?? '').join(''));
}
process.stdout.write(JSON.stringify(pages));
`;

export function pdfText(pdf: Uint8Array): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', READER], { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf.js could not read the PDF: ${stderr || error.message}`, { cause: error }));
      else resolve(JSON.parse(stdout) as string[]);
    });
    child.stdin?.end(Buffer.from(pdf));
  });
}
