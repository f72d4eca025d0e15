/**
 * Writes the binary documents of the paper-import corpus (libs/paper-import/corpus): each document of
 * corpus-documents.ts as .docx (real automatic numbering and tables), and through LibreOffice, from
 * that same .docx, as .pdf and as .doc (Word 97 list tables, which the .doc reader reads). A
 * developer's tool, kept with the tests because it builds the .docx with the test helper: the files
 * are committed, so tests and CI never need LibreOffice.
 *
 *   apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk  (or libreoffice-writer)
 *   npm run corpus:files
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docx } from '@assay/testing';
import { CORPUS_DOCUMENTS } from './corpus-documents';

const CORPUS = join(__dirname, '..', '..', 'corpus');

/** LibreOffice converts a batch of files into `outdir`, with its own profile so a running office is not disturbed. */
function convert(format: 'pdf' | 'doc', files: string[], profile: string): void {
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', CORPUS, ...files], { stdio: 'inherit' });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'corpus-'));
  try {
    const word: string[] = [];
    for (const document of CORPUS_DOCUMENTS) {
      const file = join(CORPUS, `${document.name}.docx`);
      writeFileSync(file, await docx(document.blocks, document.lists));
      word.push(file);
    }
    const profile = join(work, 'profile');
    convert('pdf', word, profile);
    convert('doc', word, profile);
    console.log(`${CORPUS_DOCUMENTS.length} documents written as .docx, .pdf and .doc to ${CORPUS}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
