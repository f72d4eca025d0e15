import { formValues, questionBody, rubricTotal, startingValues, type Question, type QuestionFormValues } from './question-form';

const base = { points: 2, difficulty: 3, tags: '售后、投诉, 售后', competencyIds: ['c1'], jobRoleIds: [], explanation: '  ', referenceAnswer: '' };

function stored(body: ReturnType<typeof questionBody>): Question {
  return {
    ...body,
    id: 'q1',
    kind: body.kind ?? null,
    options: body.options ?? [],
    answerKey: body.answerKey ?? null,
    referenceAnswer: body.referenceAnswer ?? null,
    explanation: body.explanation ?? null,
    rubric: body.rubric ?? [],
    tags: body.tags ?? [],
    competencies: [{ id: 'c1', name: '沟通能力' }],
    jobRoles: [],
    createdAt: '2026-12-03T00:00:00.000Z',
    updatedAt: '2026-12-03T00:00:00.000Z',
  };
}

describe('question form', () => {
  it('letters the options by their order, sorts a multiple-choice key and cleans the tags', () => {
    const values: QuestionFormValues = { ...base, ...startingValues('multiple_choice'), type: 'multiple_choice', stem: ' 哪些做法正确? ', options: [{ text: '甲 ' }, { text: '乙' }, { text: '丙' }], answerKey: ['C', 'A'] };
    expect(questionBody(values)).toEqual({
      type: 'multiple_choice',
      kind: null,
      stem: '哪些做法正确?',
      options: [
        { key: 'A', text: '甲' },
        { key: 'B', text: '乙' },
        { key: 'C', text: '丙' },
      ],
      answerKey: ['A', 'C'],
      referenceAnswer: null,
      explanation: null,
      rubric: [],
      points: 2,
      difficulty: 3,
      tags: ['售后', '投诉'],
      competencyIds: ['c1'],
      jobRoleIds: [],
    });
  });

  it('splits each blank into its accepted answers on / or ／', () => {
    const values: QuestionFormValues = { ...base, ...startingValues('fill_blank'), type: 'fill_blank', stem: '___ 秒,___', answerKey: ['30 / 三十', '95%／百分之九十五'] };
    expect(questionBody(values).answerKey).toEqual([['30', '三十'], ['95%', '百分之九十五']]);
  });

  it('sends an open question without options or key, with its kind, reference answer and rubric', () => {
    const values: QuestionFormValues = {
      ...base,
      ...startingValues('essay'),
      type: 'essay',
      kind: 'scenario',
      stem: '如何处理?',
      referenceAnswer: '1. 安抚 2. 核实',
      rubric: [
        { criterion: '安抚', points: 4, descriptor: ' 先共情 ' },
        { criterion: '方案', points: 6, descriptor: '' },
      ],
      points: 10,
    };
    expect(questionBody(values)).toMatchObject({
      options: [],
      answerKey: null,
      kind: 'scenario',
      referenceAnswer: '1. 安抚 2. 核实',
      rubric: [
        { criterion: '安抚', points: 4, descriptor: '先共情' },
        { criterion: '方案', points: 6 },
      ],
    });
    expect(rubricTotal(values.rubric)).toBe(10);
  });

  it('leaves nothing of an objective type behind when it becomes open, and nothing open when it becomes objective', () => {
    const choice: QuestionFormValues = { ...base, ...startingValues('single_choice'), type: 'single_choice', stem: '题', options: [{ text: '甲' }, { text: '乙' }], answerKey: 'B' };
    const asEssay = { ...choice, type: 'essay' as const, ...startingValues('essay') };
    expect(questionBody(asEssay)).toMatchObject({ options: [], answerKey: null, kind: 'essay' });
    const asTrueFalse = { ...asEssay, type: 'true_false' as const, ...startingValues('true_false'), answerKey: false };
    expect(questionBody(asTrueFalse)).toMatchObject({ options: [], answerKey: false, kind: null, rubric: [], referenceAnswer: null });
  });

  it('round-trips every type through the form unchanged', () => {
    const cases: QuestionFormValues[] = [
      { ...base, ...startingValues('single_choice'), type: 'single_choice', stem: '单', options: [{ text: '甲' }, { text: '乙' }], answerKey: 'A' },
      { ...base, ...startingValues('true_false'), type: 'true_false', stem: '判', answerKey: true },
      { ...base, ...startingValues('fill_blank'), type: 'fill_blank', stem: '填 ___', answerKey: ['一 / 1'] },
      { ...base, ...startingValues('short_answer'), type: 'short_answer', stem: '简', referenceAnswer: '要点', rubric: [{ criterion: '完整', points: 2 }] },
    ];
    for (const values of cases) {
      const body = questionBody(values);
      expect(questionBody(formValues(stored(body)))).toEqual(body);
    }
  });
});
