import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocumentText } from '../document-text';
import { importPaper } from '../import-paper';
import { CORPUS_DIR, corpusFiles, projectFilePaper } from './corpus';
import { unaccountedLines } from './helpers';

// Every Word and PDF document of the corpus (written by tools/corpus-files.ts) reads as its expected
// paper, and every line of the text read from it is accounted for. Documents with a knownGap are
// expected to differ until the gap is closed (then the test fails and the knownGap goes).
const FILES = corpusFiles(['.docx', '.doc', '.pdf']);

async function read(file: string) {
  const text = await extractDocumentText(readFileSync(path.join(CORPUS_DIR, file)), file);
  return { text, paper: importPaper(text) };
}

describe('corpus documents: .docx, .doc and .pdf', () => {
  it('has at least 8 documents, each as .docx, .doc and .pdf', () => {
    const names = (ext: string) => FILES.filter(([f]) => f.endsWith(ext)).map(([f]) => path.basename(f, ext));
    expect(names('.docx').length).toBeGreaterThanOrEqual(8);
    expect(names('.doc')).toEqual(names('.docx'));
    expect(names('.pdf')).toEqual(names('.docx'));
  });

  it.each(FILES)('accounts for every line of %s', async (file) => {
    const { text, paper } = await read(file);
    expect(unaccountedLines(text, paper)).toEqual([]);
  });

  describe.each(FILES.filter(([, expected]) => !expected.knownGap))('%s', (file, expected) => {
    it('reads as its expected paper', async () => {
      expect(projectFilePaper((await read(file)).paper)).toEqual(expected.paper);
    });
  });

  // A loop rather than describe.each: the list of gaps is empty whenever every gap is closed.
  it('still differs from its expected paper for each document with a knownGap', async () => {
    for (const [file, expected] of FILES.filter(([, e]) => e.knownGap)) {
      expect(projectFilePaper((await read(file)).paper)).not.toEqual(expected.paper);
    }
  });
});
