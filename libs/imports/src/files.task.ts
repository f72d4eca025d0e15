import {
  buildQuestionBankTemplate,
  DocumentReadError,
  extractDocumentText,
  importPaper,
  paperToDocx,
  readQuestionBank,
  TooManyRowsError,
  UnsupportedDocumentError,
  type BankQuestion,
  type DocumentProblem,
  type ImportedPaper,
  type QuestionBankError,
  type QuestionBankFormat,
  type ReadPaper,
} from '@assay/paper-import';

/**
 * Reading uploads and writing the bank export, as tasks for worker threads (OffThread): a document
 * or a spreadsheet of thousands of rows takes seconds of CPU. Expected failures are values (an
 * Error's class does not cross threads); the services turn them into problem documents.
 */

export type PaperReading =
  | { ok: true; paper: ReadPaper; text: string }
  | { ok: false; problem: 'unsupported' | DocumentProblem; message: string }
  | { ok: false; problem: 'empty' };

/** An uploaded document (bytes and name) or pasted text -> the draft paper, its warnings and the text read. */
export async function readPaperTask(input: { file: { bytes: Uint8Array; filename: string } } | { text: string }): Promise<PaperReading> {
  let text: string;
  if ('text' in input) {
    text = input.text;
  } else {
    try {
      text = await extractDocumentText(Buffer.from(input.file.bytes), input.file.filename);
    } catch (error) {
      if (error instanceof UnsupportedDocumentError) return { ok: false, problem: 'unsupported', message: error.message };
      if (error instanceof DocumentReadError) return { ok: false, problem: error.problem, message: error.message };
      throw error;
    }
  }
  if (text.trim() === '') return { ok: false, problem: 'empty' };
  return { ok: true, paper: importPaper(text), text };
}

export type BankReading =
  | { ok: true; questions: BankQuestion[]; errors: QuestionBankError[] }
  | { ok: false; problem: 'unreadable' }
  | { ok: false; problem: 'too_many_rows'; message: string };

export async function readQuestionBankTask(input: { bytes: Uint8Array; format: QuestionBankFormat }): Promise<BankReading> {
  try {
    return { ok: true, ...(await readQuestionBank(Buffer.from(input.bytes), input.format)) };
  } catch (error) {
    if (error instanceof TooManyRowsError) return { ok: false, problem: 'too_many_rows', message: error.message };
    return { ok: false, problem: 'unreadable' };
  }
}

/** The bank export in the template's columns (4,500 questions as XLSX: 1.4 s of CPU). */
export function writeQuestionBankTask(input: { format: QuestionBankFormat; questions: Parameters<typeof buildQuestionBankTemplate>[1] }): Promise<Buffer> {
  return buildQuestionBankTemplate(input.format, input.questions);
}

/** A paper as a Word document, in the layout the reader understands. */
export function writePaperDocxTask(paper: ImportedPaper): Promise<Buffer> {
  return paperToDocx(paper);
}
