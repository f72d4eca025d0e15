import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@assay/core';
import { extractDocumentText, importPaper, UnsupportedDocumentError, type ReadPaper } from '@assay/paper-import';
import type { UploadedFile } from '@assay/core';

/** Where the paper text comes from: an uploaded document or pasted text. */
export type PaperSource = { kind: 'file'; file: UploadedFile } | { kind: 'text'; text: string };

/** Reads exam documents (.docx, .txt, .md, pasted text) into the interchange format, with warnings. */
@Injectable()
export class PaperDocumentsService {
  private readonly logger = new Logger(PaperDocumentsService.name);

  /** What the reader understood, saving nothing. */
  async read(source: PaperSource): Promise<ReadPaper> {
    return (await this.preview(source)).paper;
  }

  /**
   * What the reader understood and the text it read (a Word document's paragraphs, one a line), so
   * a screen can show each warning on its line and the author can fix the text and read it again.
   */
  async preview(source: PaperSource): Promise<{ paper: ReadPaper; text: string }> {
    const text = await this.textOf(source);
    const paper = importPaper(text);
    this.logger.log(
      { source: source.kind, questions: paper.sections.reduce((n, s) => n + s.questions.length, 0), warnings: paper.warnings.length },
      'Paper document read',
    );
    return { paper, text };
  }

  private async textOf(source: PaperSource): Promise<string> {
    if (source.kind === 'text') {
      if (source.text.trim() === '') throw emptyInput('text', 'The pasted text is empty.');
      return source.text;
    }
    const { file } = source;
    let text: string;
    try {
      text = await extractDocumentText(file.buffer, file.filename);
    } catch (error) {
      if (error instanceof UnsupportedDocumentError) {
        throw new DomainError('invalid', 'import.unsupported_file', error.message, [{ field: 'file', reason: 'must be a .docx, .txt or .md file' }], { cause: error });
      }
      throw new DomainError(
        'invalid',
        'import.unreadable_file',
        `The document ${file.filename} could not be read; open it in Word or WPS and save it again as .docx.`,
        [{ field: 'file', reason: 'not a readable document' }],
        { cause: error },
      );
    }
    if (text.trim() === '') throw emptyInput('file', `The document ${file.filename} contains no text.`);
    return text;
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
    throw DomainError.invalid('import.missing_input', 'Send the paper as a multipart file (.docx, .txt, .md) or as JSON { "text": ... }.', [
      { field: 'file', reason: 'a file or text is required' },
      { field: 'text', reason: 'a file or text is required' },
    ]);
  }
  return { kind: 'text', text };
}
