export * from './imports.module';
export { PaperDocumentsService, paperSource, type PaperSource } from './paper-documents.service';
export { PaperImportsService, UNASSIGNED_ROLE_NAME, type PaperImportResult } from './paper-imports.service';
export { QuestionBankTransferService, type QuestionBankImportResult, type SkippedRow, type SpreadsheetFile } from './question-bank-transfer.service';
export { QUESTION_BANK_FORMATS, type SpreadsheetFormat } from './dto/imports.dto';
