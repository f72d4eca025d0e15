import type { QuestionType } from '@assay/contracts';

/** Whether a saved value counts as an answer (the navigator's "answered"); `null` clears an answer. */
export function isAnswered(type: QuestionType, answer: unknown): boolean {
  switch (type) {
    case 'single_choice':
      return typeof answer === 'string' && answer !== '';
    case 'multiple_choice':
      return Array.isArray(answer) && answer.length > 0;
    case 'true_false':
      return typeof answer === 'boolean';
    case 'fill_blank':
      return Array.isArray(answer) && answer.some((blank) => typeof blank === 'string' && blank.trim() !== '');
    case 'short_answer':
    case 'essay':
      return typeof answer === 'object' && answer !== null && typeof (answer as { text?: unknown }).text === 'string' && (answer as { text: string }).text.trim() !== '';
  }
}

export interface NumberedQuestion {
  id: string;
  type: QuestionType;
  /** 1-based, across sections, as the candidate sees it. */
  number: number;
}

/** What the submit confirmation lists: the numbers of unanswered and of flagged questions. */
export function submitChecklist(
  questions: readonly NumberedQuestion[],
  answers: ReadonlyMap<string, unknown>,
  flagged: ReadonlySet<string>,
): { unanswered: number[]; flagged: number[] } {
  return {
    unanswered: questions.filter((q) => !isAnswered(q.type, answers.get(q.id))).map((q) => q.number),
    flagged: questions.filter((q) => flagged.has(q.id)).map((q) => q.number),
  };
}
