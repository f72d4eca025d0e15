import { ApiProperty } from '@nestjs/swagger';
import { ImportWarningResponse, InterchangePaperResponse, PaperResponse } from '@assay/papers';
import type { QuestionBankImportResult, SkippedRow } from '../question-bank-transfer.service';

/** What the reader understood, and the text it read: warnings' lines are lines of `source`. */
export class PaperPreviewResponse extends InterchangePaperResponse {
  @ApiProperty({
    description: "The text the reader read (a Word document's paragraphs, one a line): `warnings[].line` and `questions[].line` count its lines. Send it back, edited, as `text` to read it again.",
    example: '2026年在线客服岗位面试\n一、单选题(共1题,每题2分)\n1.……',
  })
  source!: string;
}

export class PaperImportResponse {
  @ApiProperty({ type: PaperResponse, description: 'The new draft: never published by an import.' })
  paper!: PaperResponse;

  @ApiProperty({ type: [ImportWarningResponse], description: "The reader's warnings, also kept as the paper's `importWarnings`." })
  warnings!: ImportWarningResponse[];
}

export class SkippedRowResponse implements SkippedRow {
  @ApiProperty({ description: 'Row as Excel shows it (header = row 1).', example: 7 })
  row!: number;

  @ApiProperty({ format: 'uuid', description: 'The bank question with the same type and stem.' })
  questionId!: string;

  @ApiProperty({ example: 'Already in the bank.' })
  message!: string;
}

export class QuestionBankRowErrorResponse {
  @ApiProperty({ description: 'Row as Excel shows it (header = row 1); the row was not imported.', example: 9 })
  row!: number;

  @ApiProperty({ description: 'The column key of the template.', example: 'answer_key' })
  column!: string;

  @ApiProperty({ example: 'The answer key C is not one of the options.' })
  message!: string;
}

export class QuestionBankImportResponse implements QuestionBankImportResult {
  @ApiProperty({ description: 'Bank questions created.', example: 48 })
  created!: number;

  @ApiProperty({ type: [SkippedRowResponse], description: 'Rows already in the bank, or repeating an earlier row of the file.' })
  skipped!: SkippedRowResponse[];

  @ApiProperty({ type: [QuestionBankRowErrorResponse] })
  errors!: QuestionBankRowErrorResponse[];

  @ApiProperty({ type: [String], description: 'Competency names that were not in the catalog and were added to it.' })
  competenciesCreated!: string[];
}
