import { isObjective, isQuestionType, type QuestionType } from './question';

describe('isObjective / isQuestionType', () => {
  it.each<[QuestionType, boolean]>([
    ['single_choice', true],
    ['multiple_choice', true],
    ['true_false', true],
    ['fill_blank', true],
    ['short_answer', false],
    ['essay', false],
  ])('%s -> %s', (type, expected) => {
    expect(isObjective(type)).toBe(expected);
    expect(isQuestionType(type)).toBe(true);
  });
  it('rejects unknown types', () => {
    expect(isQuestionType('scenario')).toBe(false);
    expect(isObjective('scenario' as QuestionType)).toBe(false);
  });
});
