import { formatAnswerKey, isOpenType } from './question-text';

describe('question text', () => {
  it('writes every kind of answer key on one line', () => {
    expect(formatAnswerKey('B')).toBe('B');
    expect(formatAnswerKey(['B', 'C'])).toBe('B, C');
    expect(formatAnswerKey(true)).toBe('✓');
    expect(formatAnswerKey(false)).toBe('✗');
    expect(formatAnswerKey([['30', '三十'], ['95%']])).toBe('30 / 三十 | 95%');
    expect(formatAnswerKey(null)).toBe('');
  });

  it('knows the open types', () => {
    expect(isOpenType('essay')).toBe(true);
    expect(isOpenType('short_answer')).toBe(true);
    expect(isOpenType('fill_blank')).toBe(false);
  });
});
