import { checkRubricMarks } from './rubric-marks';

const rubric = [
  { criterion: '逻辑清晰', points: 3 },
  { criterion: '岗位匹配', points: 4 },
  { criterion: '数据支撑', points: 3 },
];

describe('checkRubricMarks', () => {
  it('sums scores within their criteria', () => {
    expect(checkRubricMarks({ rubric, questionPoints: 10, halfPoints: true, scores: [2.5, 4, 0] })).toEqual({ total: 6.5, problems: [] });
  });

  it('names each score above its criterion, below zero, or a half point where none is allowed', () => {
    const result = checkRubricMarks({ rubric, questionPoints: 10, halfPoints: false, scores: [3.5, -1, 1.5] });
    expect(result.total).toBeNull();
    expect(result.problems).toEqual([
      { field: 'scores[0]', reason: '"逻辑清晰" is scored from 0 to 3, got 3.5' },
      { field: 'scores[1]', reason: '"岗位匹配" is scored from 0 to 4, got -1' },
      { field: 'scores[2]', reason: '"数据支撑" takes whole points (this paper allows no half points), got 1.5' },
    ]);
    expect(checkRubricMarks({ rubric, questionPoints: 10, halfPoints: true, scores: [0.25, 0, 0] }).problems).toEqual([
      { field: 'scores[0]', reason: '"逻辑清晰" takes whole or half points, got 0.25' },
    ]);
  });

  it('wants one score per criterion, or one for the whole question without a rubric', () => {
    expect(checkRubricMarks({ rubric, questionPoints: 10, halfPoints: true, scores: [1] }).problems).toEqual([
      { field: 'scores', reason: 'expected 3 scores (one per rubric criterion), got 1' },
    ]);
    expect(checkRubricMarks({ rubric: [], questionPoints: 10, halfPoints: false, scores: [10] })).toEqual({ total: 10, problems: [] });
    expect(checkRubricMarks({ rubric: [], questionPoints: 10, halfPoints: false, scores: [11] }).problems[0].field).toBe('scores[0]');
  });
});
