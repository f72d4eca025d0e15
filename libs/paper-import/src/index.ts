export type { DroppedLine, ImportedPaper, ImportedQuestion, ImportedSection, ImportWarning, ReadPaper, WarningCode } from './types';
export { importPaper } from './import-paper';
export { DocumentReadError, extractDocumentText, UnsupportedDocumentError } from './document-text';
export type { DocumentProblem } from './document-text';
export { linesToDocx, paperToDocx } from './paper-docx';
export { questionBankColumns } from './bank-columns';
export type { BankQuestion, QuestionBankColumn, QuestionBankError } from './bank-columns';
export { buildQuestionBankTemplate, MAX_QUESTION_BANK_ROWS, readQuestionBank, TooManyRowsError } from './spreadsheet';
export type { QuestionBankFormat } from './spreadsheet';
