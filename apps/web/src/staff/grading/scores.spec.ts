import { readScore, readScores, scoreLines } from './scores';

const question = { rubric: [{ criterion: '沟通', points: 4 }, { criterion: '方案', points: 6, descriptor: '补发或退款' }], points: 10, halfPoints: true };

describe('the score form', () => {
  it('has one line per criterion, or one for the whole question', () => {
    expect(scoreLines(question, '总分')).toEqual([
      { label: '沟通', points: 4, descriptor: null },
      { label: '方案', points: 6, descriptor: '补发或退款' },
    ]);
    expect(scoreLines({ rubric: [], points: 5, halfPoints: false }, '总分')).toEqual([{ label: '总分', points: 5, descriptor: null }]);
  });

  it('reads what the grader typed as the API checks it', () => {
    const line = { label: '沟通', points: 4, descriptor: null };
    expect(readScore('3', line, true)).toEqual({ value: 3 });
    expect(readScore(' 2,5 ', line, true)).toEqual({ value: 2.5 });
    expect(readScore('３．５', line, true)).toEqual({ value: 3.5 });
    expect(readScore('2.5', line, false)).toEqual({ problem: 'step' });
    expect(readScore('2.25', line, true)).toEqual({ problem: 'step' });
    expect(readScore('4.5', line, true)).toEqual({ problem: 'out_of_range' });
    expect(readScore('-1', line, true)).toEqual({ problem: 'not_a_number' });
    expect(readScore('', line, true)).toEqual({ problem: 'missing' });
  });

  it('gives every score, or every line with its problem', () => {
    const lines = scoreLines(question, '总分');
    expect(readScores(['3', '5.5'], lines, true)).toEqual({ scores: [3, 5.5] });
    expect(readScores(['9', ''], lines, true)).toEqual({ problems: new Map([[0, 'out_of_range'], [1, 'missing']]) });
  });
});
