import type { QuestionType } from '@assay/contracts';
import { validateAnswerKey } from './validate';

const OPTIONS = ['A', 'B', 'C', 'D'];
const codes = (errors: { code: string }[]) => errors.map((e) => e.code);

describe('validateAnswerKey', () => {
  it.each<[QuestionType, unknown]>([
    ['single_choice', 'B'],
    ['multiple_choice', ['A', 'C']],
    ['true_false', true],
    ['true_false', false],
    ['fill_blank', [['北京', '北京市'], ['42']]],
    ['short_answer', null],
    ['essay', undefined],
  ])('accepts a valid %s key %j', (type, key) => {
    expect(validateAnswerKey(type, key, OPTIONS)).toEqual([]);
  });

  it('reports a single-choice key outside the options with the options listed', () => {
    expect(validateAnswerKey('single_choice', 'E', OPTIONS)).toEqual([
      { path: 'answerKey', code: 'ANSWER_KEY_NOT_IN_OPTIONS', message: 'Answer "E" is not one of the options (A, B, C, D).' },
    ]);
  });

  it.each<[QuestionType, unknown, string]>([
    ['single_choice', null, 'ANSWER_KEY_REQUIRED'],
    ['single_choice', ['B'], 'ANSWER_KEY_WRONG_TYPE'],
    ['single_choice', ' ', 'ANSWER_KEY_EMPTY'],
    ['multiple_choice', undefined, 'ANSWER_KEY_REQUIRED'],
    ['multiple_choice', 'AC', 'ANSWER_KEY_WRONG_TYPE'],
    ['multiple_choice', [], 'ANSWER_KEY_EMPTY'],
    ['true_false', 'true', 'ANSWER_KEY_WRONG_TYPE'],
    ['true_false', null, 'ANSWER_KEY_REQUIRED'],
    ['fill_blank', [], 'ANSWER_KEY_EMPTY'],
    ['fill_blank', '北京', 'ANSWER_KEY_WRONG_TYPE'],
    ['short_answer', '参考答案', 'ANSWER_KEY_NOT_ALLOWED'],
    ['essay', 'x', 'ANSWER_KEY_NOT_ALLOWED'],
  ])('%s key %j -> %s', (type, key, code) => {
    expect(codes(validateAnswerKey(type, key, OPTIONS))).toEqual([code]);
  });

  it('reports every bad multiple-choice entry with its index', () => {
    const errors = validateAnswerKey('multiple_choice', ['A', 'E', 'A', 3, ''], OPTIONS);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['answerKey[1]', 'ANSWER_KEY_NOT_IN_OPTIONS'],
      ['answerKey[2]', 'ANSWER_KEY_DUPLICATE'],
      ['answerKey[3]', 'ANSWER_KEY_WRONG_TYPE'],
      ['answerKey[4]', 'ANSWER_KEY_WRONG_TYPE'],
    ]);
  });

  it('reports blanks without a usable accepted answer, checked after normalisation', () => {
    const errors = validateAnswerKey('fill_blank', [['北京'], [], ['', ' 　', '。'], ['x', 2]], OPTIONS);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['answerKey[1]', 'BLANK_NO_ACCEPTED_ANSWER'],
      ['answerKey[2]', 'BLANK_NO_ACCEPTED_ANSWER'],
      ['answerKey[3]', 'ANSWER_KEY_WRONG_TYPE'],
    ]);
    expect(errors[0]?.message).toBe('Blank 2 needs at least one non-empty accepted answer.');
  });

  it('reports an unknown type', () => {
    expect(codes(validateAnswerKey('scenario' as QuestionType, 'x', OPTIONS))).toEqual(['UNKNOWN_QUESTION_TYPE']);
  });

  it('ignores options for true_false and fill_blank', () => {
    expect(validateAnswerKey('true_false', true, [])).toEqual([]);
    expect(validateAnswerKey('fill_blank', [['a']], [])).toEqual([]);
  });
});
