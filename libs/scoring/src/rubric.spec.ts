import { ScoringError } from './errors';
import { toCents } from './round';
import { scaleRubric, validateRubric } from './rubric';
import type { RubricCriterion } from '@assay/contracts';

// 评分标准:逻辑清晰(3分)、岗位匹配(4分)、数据支撑(3分)
const rubric: RubricCriterion[] = [
  { criterion: '逻辑清晰', points: 3 },
  { criterion: '岗位匹配', points: 4 },
  { criterion: '数据支撑', points: 3 },
];
const sumCents = (r: RubricCriterion[]) => r.reduce((sum, c) => sum + toCents(c.points), 0);

describe('validateRubric', () => {
  it('accepts criteria that add up to the question points', () => {
    expect(validateRubric(rubric, 10)).toEqual([]);
    expect(validateRubric([{ criterion: 'a', points: 0.1 }, { criterion: 'b', points: 0.2 }], 0.3)).toEqual([]);
  });

  it('reports a sum mismatch with both numbers', () => {
    expect(validateRubric(rubric, 12)).toEqual([
      { path: 'rubric', code: 'RUBRIC_SUM_MISMATCH', message: 'The criteria add up to 10 points but the question is worth 12.' },
    ]);
  });

  it('reports an empty rubric', () => {
    expect(validateRubric([], 10).map((e) => e.code)).toEqual(['RUBRIC_EMPTY']);
  });

  it('reports empty names, duplicates and non-positive points with their path', () => {
    const errors = validateRubric(
      [
        { criterion: ' ', points: 5 },
        { criterion: '逻辑清晰', points: 0 },
        { criterion: '逻辑清晰 ', points: -1 },
        { criterion: '沟通', points: Number.NaN },
      ],
      10,
    );
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['rubric[0].criterion', 'RUBRIC_CRITERION_NAME_EMPTY'],
      ['rubric[1].points', 'RUBRIC_POINTS_NOT_POSITIVE'],
      ['rubric[2].criterion', 'RUBRIC_CRITERION_DUPLICATE'],
      ['rubric[2].points', 'RUBRIC_POINTS_NOT_POSITIVE'],
      ['rubric[3].points', 'RUBRIC_POINTS_NOT_POSITIVE'],
    ]);
  });

  it('rejects points finer than hundredths', () => {
    expect(validateRubric([{ criterion: 'a', points: 3.333 }, { criterion: 'b', points: 6.667 }], 10).map((e) => e.code)).toEqual([
      'RUBRIC_POINTS_TOO_PRECISE',
      'RUBRIC_POINTS_TOO_PRECISE',
    ]);
  });
});

describe('scaleRubric', () => {
  it('scales proportionally', () => {
    expect(scaleRubric(rubric, 20).map((c) => c.points)).toEqual([6, 8, 6]);
    expect(scaleRubric(rubric, 5).map((c) => c.points)).toEqual([1.5, 2, 1.5]);
  });

  it('puts the rounding remainder on the largest criterion so the sum is exact', () => {
    const scaled = scaleRubric(rubric, 7);
    // 2.1, 2.8, 2.1 exactly.
    expect(scaled.map((c) => c.points)).toEqual([2.1, 2.8, 2.1]);
    const thirds = scaleRubric([{ criterion: 'a', points: 1 }, { criterion: 'b', points: 1 }, { criterion: 'c', points: 1 }], 10);
    // 3.33 each leaves 0.01: the first of the tied largest gets it.
    expect(thirds.map((c) => c.points)).toEqual([3.34, 3.33, 3.33]);
    const uneven = scaleRubric([{ criterion: 'a', points: 1 }, { criterion: 'b', points: 2 }, { criterion: 'c', points: 2 }, { criterion: 'd', points: 2 }], 1);
    // 0.142857 -> 0.14 and 0.285714 -> 0.29 three times: 1.01, so the first largest loses 0.01.
    expect(uneven.map((c) => c.points)).toEqual([0.14, 0.28, 0.29, 0.29]);
  });

  it.each([1, 7, 10, 13, 15.5, 33.33, 99.99, 100])('sums exactly to %d and passes validateRubric', (points) => {
    for (const source of [rubric, [{ criterion: 'a', points: 1 }, { criterion: 'b', points: 2 }, { criterion: 'c', points: 4 }, { criterion: 'd', points: 6 }]]) {
      const scaled = scaleRubric(source, points);
      expect(sumCents(scaled)).toBe(toCents(points));
      expect(validateRubric(scaled, points)).toEqual([]);
    }
  });

  it('keeps criterion names and does not mutate the input', () => {
    const copy = structuredClone(rubric);
    expect(scaleRubric(rubric, 15).map((c) => c.criterion)).toEqual(['逻辑清晰', '岗位匹配', '数据支撑']);
    expect(rubric).toEqual(copy);
  });

  it.each([0, -5, Number.NaN])('throws for question points %d', (points) => {
    expect(() => scaleRubric(rubric, points)).toThrow(ScoringError);
  });

  it('throws for an empty rubric or a criterion without positive points', () => {
    expect(() => scaleRubric([], 10)).toThrow(ScoringError);
    expect(() => scaleRubric([{ criterion: 'a', points: 0 }], 10)).toThrow(ScoringError);
  });
});
