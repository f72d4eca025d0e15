import type { Texts } from '../i18n';
import type { QuestionType } from './console-api';

/** The question types as staff read them. */
export const QUESTION_TYPE_TEXT: Texts<Record<QuestionType, string>> = {
  'zh-CN': { single_choice: '单选题', multiple_choice: '多选题', true_false: '判断题', fill_blank: '填空题', short_answer: '简答题', essay: '论述/情景题' },
  en: { single_choice: 'Single choice', multiple_choice: 'Multiple choice', true_false: 'True/false', fill_blank: 'Fill in', short_answer: 'Short answer', essay: 'Essay/scenario' },
};

export const isOpenType = (type: QuestionType) => type === 'short_answer' || type === 'essay';

/** An answer key in one line: `B`, `B, C`, `✓`/`✗`, blanks as `30 / 三十 | 95%`. */
export function formatAnswerKey(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (typeof key === 'boolean') return key ? '✓' : '✗';
  if (typeof key === 'string') return key;
  if (Array.isArray(key)) return key.map((part: unknown) => (Array.isArray(part) ? part.join(' / ') : String(part))).join(key.some(Array.isArray) ? ' | ' : ', ');
  return String(key);
}
