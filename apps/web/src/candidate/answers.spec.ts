import { isAnswered, submitChecklist } from './answers';

describe('answers', () => {
  it('knows what counts as answered for every type', () => {
    expect(isAnswered('single_choice', 'B')).toBe(true);
    expect(isAnswered('single_choice', null)).toBe(false);
    expect(isAnswered('multiple_choice', [])).toBe(false);
    expect(isAnswered('multiple_choice', ['A'])).toBe(true);
    expect(isAnswered('true_false', false)).toBe(true);
    expect(isAnswered('fill_blank', ['', ' '])).toBe(false);
    expect(isAnswered('fill_blank', ['', '北京'])).toBe(true);
    expect(isAnswered('essay', { text: '  ' })).toBe(false);
    expect(isAnswered('short_answer', { text: '好' })).toBe(true);
  });

  it('lists the unanswered and flagged question numbers for the submit confirmation', () => {
    const questions = [
      { id: 'a', type: 'single_choice' as const, number: 1 },
      { id: 'b', type: 'essay' as const, number: 2 },
      { id: 'c', type: 'true_false' as const, number: 3 },
    ];
    expect(submitChecklist(questions, new Map<string, unknown>([['a', 'B'], ['c', true]]), new Set(['a']))).toEqual({ unanswered: [2], flagged: [1] });
  });
});
