export type {
  AnswerKey,
  ImportedOption,
  ImportedPaper,
  ImportedQuestion,
  ImportedSection,
  ImportWarning,
  OpenKind,
  QuestionType,
  RubricCriterion,
  WarningCode,
} from './types';
export { importPaper } from './import-paper';
export { extractDocumentText, UnsupportedDocumentError } from './document-text';
