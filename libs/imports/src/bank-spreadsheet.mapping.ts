import type { Question } from '@assay/bank';
import type { BankQuestion } from '@assay/paper-import';

/** Header row = row 1, so the n-th question (0-based) is on row n + 2. */
const FIRST_DATA_ROW = 2;

/** A bank question as one spreadsheet row: catalog links become names. */
export function toSpreadsheetQuestion(question: Question, index: number): BankQuestion {
  return {
    type: question.type,
    kind: question.kind,
    stem: question.stem,
    options: question.options.map(({ key, text }) => ({ key, text })),
    answerKey: question.answerKey,
    referenceAnswer: question.referenceAnswer,
    explanation: question.explanation,
    competencies: question.competencies.map((c) => c.name),
    rubric: question.rubric,
    points: question.points,
    line: index + FIRST_DATA_ROW,
    difficulty: question.difficulty,
    tags: question.tags,
  };
}

/** The CreateQuestionDto body of a spreadsheet row, before its competency names are resolved to ids. */
export function toQuestionBody(question: BankQuestion): Record<string, unknown> {
  return {
    type: question.type,
    ...(question.kind !== null ? { kind: question.kind } : {}),
    stem: question.stem,
    options: question.options.map(({ key, text }) => ({ key, text })),
    answerKey: question.answerKey,
    referenceAnswer: question.referenceAnswer,
    explanation: question.explanation,
    rubric: question.rubric,
    ...(question.difficulty !== null ? { difficulty: question.difficulty } : {}),
    tags: question.tags,
    ...(question.points !== null ? { points: question.points } : {}),
  };
}

const OPTION_LETTERS = 'ABCDEFGH';

/** The spreadsheet column a bank field problem (`answerKey[1]`, `options[2].text`, `rubric[0].points`) belongs to. */
export function columnOfField(field: string): string {
  const option = /^options\[(\d+)\]/.exec(field);
  if (option) {
    const letter = OPTION_LETTERS[Number(option[1])];
    return letter ? `option_${letter.toLowerCase()}` : 'options';
  }
  const root = field.replace(/[[.].*$/, '');
  switch (root) {
    case 'options':
      return 'option_a';
    case 'answerKey':
      return 'answer';
    case 'referenceAnswer':
      return 'reference_answer';
    case 'competencyIds':
      return 'competencies';
    default:
      return root;
  }
}
