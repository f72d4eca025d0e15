import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { DomainError, OffThread } from '@assay/core';
import type { ReadPaper } from '@assay/paper-import';
import type { UploadedFile } from '@assay/core';
import type { PaperReading } from './files.task';

/** Where the paper text comes from: an uploaded document or pasted text. */
export type PaperSource = { kind: 'file'; file: UploadedFile } | { kind: 'text'; text: string };

const READ_PAPER = { module: join(__dirname, 'files.task'), fn: 'readPaperTask' };

/** Reads exam documents (.docx, .doc, text-based .pdf, .txt, .md, pasted text) into the interchange format, with warnings. */
@Injectable()
export class PaperDocumentsService {
  private readonly logger = new Logger(PaperDocumentsService.name);

  constructor(private readonly offThread: OffThread) {}

  /** What the reader understood, saving nothing. */
  async read(source: PaperSource): Promise<ReadPaper> {
    return (await this.preview(source)).paper;
  }

  /**
   * What the reader understood and the text it read (a Word document's paragraphs, one a line), so
   * a screen can show each warning on its line and the author can fix the text and read it again.
   * Read in a worker thread, within its time and memory limits.
   */
  async preview(source: PaperSource): Promise<{ paper: ReadPaper; text: string }> {
    const input = source.kind === 'text' ? { text: source.text } : { file: { bytes: source.file.buffer, filename: source.file.filename } };
    const reading = await this.offThread.parseUpload<PaperReading>(READ_PAPER, input, source.kind);
    if (!reading.ok) throw readingProblem(reading, source);
    const { paper, text } = reading;
    this.logger.log(
      { source: source.kind, questions: paper.sections.reduce((n, s) => n + s.questions.length, 0), warnings: paper.warnings.length },
      'Paper document read',
    );
    return { paper, text };
  }
}

const FILE_TYPES = 'a .docx, .doc, text-based .pdf, .txt or .md file';

function readingProblem(reading: Exclude<PaperReading, { ok: true }>, source: PaperSource): DomainError {
  switch (reading.problem) {
    case 'unsupported':
      return DomainError.invalid('import.unsupported_file', reading.message, [{ field: 'file', reason: `must be ${FILE_TYPES}` }]);
    case 'unreadable':
      return DomainError.invalid('import.unreadable_file', reading.message, [{ field: 'file', reason: 'not a readable document' }]);
    case 'encrypted':
      return DomainError.invalid('import.encrypted_file', reading.message, [{ field: 'file', reason: 'password-protected' }]);
    case 'no_text_layer':
      return DomainError.invalid('import.scanned_pdf', reading.message, [{ field: 'file', reason: 'a scanned PDF without a text layer' }]);
    case 'empty': {
      if (source.kind === 'text') return emptyInput('text', 'The pasted text is empty.');
      return emptyInput('file', `The document ${source.file.filename} contains no text.`);
    }
  }
}

function emptyInput(field: 'text' | 'file', message: string): DomainError {
  return DomainError.invalid('import.empty', message, [{ field, reason: 'contains no text' }]);
}

/** Two ways in, one at a time: a multipart `file`, or `text` (JSON body or form field). */
export function paperSource(file: UploadedFile | null, text: string | undefined): PaperSource {
  if (file && text !== undefined) {
    throw DomainError.invalid('import.file_or_text', 'Send either a file or text, not both.', [{ field: 'text', reason: 'not allowed together with file' }]);
  }
  if (file) return { kind: 'file', file };
  if (text === undefined) {
    throw DomainError.invalid('import.missing_input', 'Send the paper as a multipart file (.docx, .doc, .pdf, .txt, .md) or as JSON { "text": ... }.', [
      { field: 'file', reason: 'a file or text is required' },
      { field: 'text', reason: 'a file or text is required' },
    ]);
  }
  return { kind: 'text', text };
}
