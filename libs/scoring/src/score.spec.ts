import { ScoringError } from './errors';
import { scoreAttempt, scoreResponse } from './score';
import type { MultipleChoicePolicy } from '@assay/contracts';
import type { AttemptItem, ObjectiveQuestion } from './types';

const single: ObjectiveQuestion = { type: 'single_choice', answerKey: 'B', points: 2, options: ['A', 'B', 'C', 'D'] };
const trueFalse: ObjectiveQuestion = { type: 'true_false', answerKey: false, points: 1 };
// Correct: A, C (2 of 4 options).
const multi: ObjectiveQuestion = { type: 'multiple_choice', answerKey: ['A', 'C'], points: 4, options: ['A', 'B', 'C', 'D'] };
// Correct: A, B, C (3 of 4 options): uneven fractions.
const multi3: ObjectiveQuestion = { type: 'multiple_choice', answerKey: ['A', 'B', 'C'], points: 2, options: ['A', 'B', 'C', 'D'] };
const blanks: ObjectiveQuestion = {
  type: 'fill_blank',
  answerKey: [['北京', '北京市'], ['ABC'], ['42']],
  points: 3,
};

const POLICIES: MultipleChoicePolicy[] = ['all_or_nothing', 'partial', 'partial_with_penalty'];

describe('scoreResponse: single_choice', () => {
  it('gives full points for the key', () => {
    expect(scoreResponse(single, 'B', 'partial')).toEqual({ points: 2, maxPoints: 2, outcome: 'correct' });
  });
  it('gives 0 for another option', () => {
    expect(scoreResponse(single, 'C', 'partial')).toEqual({ points: 0, maxPoints: 2, outcome: 'incorrect' });
  });
  it.each([null, undefined, ''])('treats %j as unanswered', (response) => {
    expect(scoreResponse(single, response, 'partial')).toEqual({ points: 0, maxPoints: 2, outcome: 'unanswered' });
  });
  it.each([['B'], 2, true, { key: 'B' }, 'Z', 'b'])('scores malformed %j as incorrect without throwing', (response) => {
    expect(scoreResponse(single, response, 'partial')).toEqual({ points: 0, maxPoints: 2, outcome: 'incorrect', malformed: true });
  });
  it('compares with the key only when options are unknown', () => {
    const withoutOptions: ObjectiveQuestion = { type: 'single_choice', answerKey: 'B', points: 2 };
    expect(scoreResponse(withoutOptions, 'Z', 'partial').outcome).toBe('incorrect');
    expect(scoreResponse(withoutOptions, 'Z', 'partial').malformed).toBeUndefined();
    expect(scoreResponse(withoutOptions, 'B', 'partial').points).toBe(2);
  });
});

describe('scoreResponse: true_false', () => {
  it('scores the matching boolean as correct', () => {
    expect(scoreResponse(trueFalse, false, 'partial')).toEqual({ points: 1, maxPoints: 1, outcome: 'correct' });
  });
  it('scores the other boolean as incorrect', () => {
    expect(scoreResponse(trueFalse, true, 'partial')).toEqual({ points: 0, maxPoints: 1, outcome: 'incorrect' });
  });
  it('treats null as unanswered', () => {
    expect(scoreResponse(trueFalse, null, 'partial').outcome).toBe('unanswered');
  });
  it.each(['false', 0, 'F', []])('rejects non-boolean %j as malformed', (response) => {
    expect(scoreResponse(trueFalse, response, 'partial')).toEqual({ points: 0, maxPoints: 1, outcome: 'incorrect', malformed: true });
  });
});

describe('scoreResponse: multiple_choice', () => {
  // [picks, all_or_nothing, partial, partial_with_penalty] for key A,C worth 4 points of A-D.
  it.each<[string[], number, number, number]>([
    [['A', 'C'], 4, 4, 4],
    [['C', 'A'], 4, 4, 4],
    [['A'], 0, 2, 2],
    [['A', 'B'], 0, 0, 0],
    [['A', 'C', 'B'], 0, 0, 2],
    [['A', 'B', 'C', 'D'], 0, 0, 0],
    [['B', 'D'], 0, 0, 0],
    [['B'], 0, 0, 0],
  ])('picks %j -> %d / %d / %d', (picks, allOrNothing, partial, penalty) => {
    expect(scoreResponse(multi, picks, 'all_or_nothing').points).toBe(allOrNothing);
    expect(scoreResponse(multi, picks, 'partial').points).toBe(partial);
    expect(scoreResponse(multi, picks, 'partial_with_penalty').points).toBe(penalty);
  });

  it('rounds fractions to 2 decimals', () => {
    expect(scoreResponse(multi3, ['A'], 'partial')).toEqual({ points: 0.67, maxPoints: 2, outcome: 'partial' });
    expect(scoreResponse(multi3, ['A', 'B'], 'partial')).toEqual({ points: 1.33, maxPoints: 2, outcome: 'partial' });
  });

  it('selecting every option earns less than full points unless every option is correct', () => {
    const all = ['A', 'B', 'C', 'D'];
    expect(scoreResponse(multi3, all, 'partial').points).toBe(0);
    expect(scoreResponse(multi3, all, 'partial_with_penalty')).toEqual({ points: 1.33, maxPoints: 2, outcome: 'partial' });
    const everyOptionCorrect: ObjectiveQuestion = { ...multi, answerKey: all };
    for (const policy of POLICIES) {
      expect(scoreResponse(everyOptionCorrect, all, policy)).toEqual({ points: 4, maxPoints: 4, outcome: 'correct' });
    }
  });

  it('floors the penalty at 0', () => {
    expect(scoreResponse(multi, ['A', 'B', 'D'], 'partial_with_penalty')).toEqual({ points: 0, maxPoints: 4, outcome: 'incorrect' });
  });

  it.each(POLICIES)('counts duplicate picks once (%s)', (policy) => {
    expect(scoreResponse(multi, ['A', 'A'], policy).points).toBe(policy === 'all_or_nothing' ? 0 : 2);
    expect(scoreResponse(multi, ['A', 'A', 'C', 'C'], policy)).toEqual({ points: 4, maxPoints: 4, outcome: 'correct' });
  });

  it('does not let a repeated wrong pick double the penalty', () => {
    expect(scoreResponse(multi, ['A', 'C', 'B', 'B'], 'partial_with_penalty').points).toBe(2);
  });

  it.each([null, undefined, []])('treats %j as unanswered', (response) => {
    expect(scoreResponse(multi, response, 'partial')).toEqual({ points: 0, maxPoints: 4, outcome: 'unanswered' });
  });

  it.each(['A', ['A', 3], ['A', null], ['A', 'E'], { 0: 'A' }])('scores malformed %j as incorrect', (response) => {
    for (const policy of POLICIES) {
      expect(scoreResponse(multi, response, policy)).toEqual({ points: 0, maxPoints: 4, outcome: 'incorrect', malformed: true });
    }
  });
});

describe('scoreResponse: fill_blank', () => {
  it('gives full points when every blank matches after normalisation', () => {
    expect(scoreResponse(blanks, ['北京 ', 'ＡＢＣ', '４２。'], 'partial')).toEqual({ points: 3, maxPoints: 3, outcome: 'correct' });
  });
  it('accepts any of the accepted answers of a blank', () => {
    expect(scoreResponse(blanks, ['北京市', 'abc', '42'], 'partial').outcome).toBe('correct');
  });
  it('gives points / blanks for each matching blank', () => {
    expect(scoreResponse(blanks, ['北京', 'xyz', '41'], 'partial')).toEqual({ points: 1, maxPoints: 3, outcome: 'partial' });
    expect(scoreResponse({ ...blanks, points: 2 }, ['北京', 'abc', ''], 'partial')).toEqual({ points: 1.33, maxPoints: 2, outcome: 'partial' });
  });
  it('rounds the total once so that all blanks right is exactly full points', () => {
    const tenPoints: ObjectiveQuestion = { ...blanks, points: 10 };
    expect(scoreResponse(tenPoints, ['北京', 'abc', '42'], 'partial').points).toBe(10);
  });
  it('scores a wrong answer in every blank as incorrect', () => {
    expect(scoreResponse(blanks, ['上海', 'x', 'y'], 'partial')).toEqual({ points: 0, maxPoints: 3, outcome: 'incorrect' });
  });
  it('treats all-empty blanks as unanswered', () => {
    expect(scoreResponse(blanks, ['', ' 　', '。'], 'partial').outcome).toBe('unanswered');
    expect(scoreResponse(blanks, null, 'partial').outcome).toBe('unanswered');
  });
  it.each([['北京', 'abc'], ['北京', 'abc', '42', 'x'], '北京', ['北京', 1, '42'], { text: '北京' }])(
    'scores malformed %j as incorrect',
    (response) => {
      expect(scoreResponse(blanks, response, 'partial')).toEqual({ points: 0, maxPoints: 3, outcome: 'incorrect', malformed: true });
    },
  );
  it('honours a case-sensitive blank', () => {
    const strict: ObjectiveQuestion = { type: 'fill_blank', answerKey: [['pH']], points: 1, blankMatch: { caseSensitive: true } };
    expect(scoreResponse(strict, ['PH'], 'partial').points).toBe(0);
    expect(scoreResponse(strict, ['ｐＨ'], 'partial').points).toBe(1);
  });
});

describe('scoreResponse: invalid questions', () => {
  it('throws a ScoringError for a broken answer key rather than scoring everyone 0', () => {
    const broken = { type: 'single_choice', answerKey: 'E', points: 2, options: ['A', 'B'] } as ObjectiveQuestion;
    expect(() => scoreResponse(broken, 'A', 'partial')).toThrow(ScoringError);
  });
  it('throws for an open question type', () => {
    const essay = { type: 'essay', answerKey: 'x', points: 2 } as unknown as ObjectiveQuestion;
    expect(() => scoreResponse(essay, { text: 'x' }, 'partial')).toThrow(/auto-score/);
  });
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('throws for points %d', (points) => {
    expect(() => scoreResponse({ ...single, points }, 'B', 'partial')).toThrow(ScoringError);
  });
  it('throws for an unknown policy', () => {
    expect(() => scoreResponse(multi, ['A'], 'lenient' as MultipleChoicePolicy)).toThrow(/policy/);
  });
  it('scores a 0-point question as correct with 0 points', () => {
    expect(scoreResponse({ ...single, points: 0 }, 'B', 'partial')).toEqual({ points: 0, maxPoints: 0, outcome: 'correct' });
  });
});

describe('scoreAttempt', () => {
  const items: AttemptItem[] = [
    { id: 'q1', question: single, response: 'B' },
    { id: 'q2', question: multi3, response: ['A'] },
    { id: 'q3', question: trueFalse, response: null },
    { id: 'q4', question: { type: 'essay', points: 10 }, response: { text: '我会先倾听客户诉求。' } },
    { id: 'q5', question: { type: 'short_answer', points: 5 }, response: { text: ' 　' } },
    { id: 'q6', question: { type: 'short_answer', points: 5 }, response: null },
    { id: 'q7', question: { type: 'essay', points: 10 }, response: 'not an object' },
  ];

  it('sums objective points and counts open questions in the maximum', () => {
    const result = scoreAttempt(items, 'partial');
    expect(result.points).toBe(2.67);
    expect(result.maxPoints).toBe(35);
  });

  it('marks open answers with text as pending and counts them', () => {
    const result = scoreAttempt(items, 'partial');
    expect(result.pendingManual).toBe(1);
    expect(result.items.map((item) => [item.id, item.outcome, item.points])).toEqual([
      ['q1', 'correct', 2],
      ['q2', 'partial', 0.67],
      ['q3', 'unanswered', 0],
      ['q4', 'pending_manual', 0],
      ['q5', 'unanswered', 0],
      ['q6', 'unanswered', 0],
      ['q7', 'incorrect', 0],
    ]);
    expect(result.items[6]?.malformed).toBe(true);
  });

  it('applies the policy to every multiple-choice item', () => {
    expect(scoreAttempt(items, 'all_or_nothing').points).toBe(2);
  });

  it('adds decimals without floating-point drift', () => {
    const tenth: ObjectiveQuestion = { type: 'true_false', answerKey: true, points: 0.1 };
    const result = scoreAttempt(
      [
        { id: 'a', question: tenth, response: true },
        { id: 'b', question: { ...tenth, points: 0.2 }, response: true },
      ],
      'partial',
    );
    expect(result.points).toBe(0.3);
    expect(result.maxPoints).toBe(0.3);
  });

  it('returns zeros for an empty attempt', () => {
    expect(scoreAttempt([], 'partial')).toEqual({ points: 0, maxPoints: 0, pendingManual: 0, items: [] });
  });

  it('throws for an unknown question type', () => {
    const unknown = { id: 'x', question: { type: 'scenario', points: 10 }, response: { text: 'x' } } as unknown as AttemptItem;
    expect(() => scoreAttempt([unknown], 'partial')).toThrow(ScoringError);
  });
});
