import { itemFlags, randomGuessScore, responseAnalysis, testFlags, upperLowerIndex } from '../items';

describe('item analysis beyond Moodle', () => {
  it('upper-lower 27%: top group mean minus bottom group mean', () => {
    // 10 candidates: groups of round(2.7) = 3. Top three by total got it right, bottom three wrong.
    const totals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const marks = [0, 0, 0, 1, 0, 1, 0, 1, 1, 1];
    expect(upperLowerIndex(marks, totals, 1)).toBe(1);
    expect(upperLowerIndex([...marks].reverse(), totals, 1)).toBe(-1);
    expect(upperLowerIndex([2, 2, 2, 2, 2], [1, 2, 3, 4, 5], 2)).toBe(0);
    expect(upperLowerIndex([1, 0, 1], [3, 2, 1], 1)).toBeNull();
  });

  it('response analysis counts each option, multiple picks once per option', () => {
    const counted = [
      { picked: 'B', count: 2 },
      { picked: 'A', count: 1 },
      { picked: null, count: 1 },
      { picked: ['A', 'C'], count: 1 },
      { picked: [], count: 1 },
    ];
    // Seven shown the question: the two blanks counted above and one who has no answer row at all.
    const analysis = responseAnalysis(['A', 'B', 'C'], ['B'], counted, 7);
    expect(analysis.answered).toBe(4);
    expect(analysis.blank).toBe(3);
    expect(analysis.options).toEqual([
      { key: 'A', count: 2, share: 0.5, correct: false },
      { key: 'B', count: 2, share: 0.5, correct: true },
      { key: 'C', count: 1, share: 0.25, correct: false },
    ]);
  });

  it('random guess score per type, as Moodle defines it', () => {
    const options = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: key }));
    expect(randomGuessScore({ type: 'single_choice', options })).toBe(0.25);
    expect(randomGuessScore({ type: 'true_false', options: [] })).toBe(0.5);
    expect(randomGuessScore({ type: 'multiple_choice', options })).toBeNull();
    expect(randomGuessScore({ type: 'essay', options: [] })).toBeNull();
  });

  it('flags with the usual thresholds', () => {
    expect(itemFlags(0.5, 0.4)).toEqual([]);
    expect(itemFlags(0.1, 0.3).map((f) => f.code)).toEqual(['too_hard']);
    expect(itemFlags(0.9, 0.1).map((f) => f.code)).toEqual(['too_easy', 'low_discrimination']);
    const negative = itemFlags(0.5, -0.2);
    expect(negative.map((f) => f.code)).toEqual(['negative_discrimination']);
    expect(negative[0].advice).toMatch(/answer key/);
    expect(itemFlags(null, null)).toEqual([]);
    expect(testFlags(0.69).map((f) => f.code)).toEqual(['low_reliability']);
    expect(testFlags(0.7)).toEqual([]);
    expect(testFlags(null)).toEqual([]);
  });
});
