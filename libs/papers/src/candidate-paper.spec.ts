import { candidatePaper, toCandidateQuestion } from './candidate-paper';
import { DEFAULT_PAPER_SETTINGS } from './entities/paper.entity';
import type { PaperSnapshot, SnapshotQuestion } from './paper-snapshot';

const question = (id: string, extra: Partial<SnapshotQuestion> = {}): SnapshotQuestion => ({
  id,
  type: 'single_choice',
  kind: null,
  stem: `题 ${id}`,
  options: [
    { key: 'A', text: '甲' },
    { key: 'B', text: '乙' },
    { key: 'C', text: '丙' },
  ],
  answerKey: 'B',
  referenceAnswer: '参考',
  explanation: '解析',
  rubric: [],
  difficulty: 3,
  tags: ['secret-tag'],
  points: 2,
  competencies: [{ id: 'c1', name: '沟通' }],
  ...extra,
});

const paper = (questions: SnapshotQuestion[], drawCount: number | null, shuffleQuestions = false): PaperSnapshot => ({
  paperId: 'p1',
  jobRole: { id: 'r1', name: '客服' },
  title: '卷',
  instructions: null,
  durationMinutes: 30,
  passMark: null,
  settings: { ...DEFAULT_PAPER_SETTINGS, shuffleQuestions },
  totalPoints: 10,
  sections: [
    {
      id: 's1',
      title: '一',
      instructions: null,
      pointsPerQuestion: 2,
      scaleRubrics: false,
      draw: drawCount === null ? null : { count: drawCount, pool: {} },
      questions,
    },
  ],
});

describe('toCandidateQuestion', () => {
  it('copies only whitelisted fields, so fields added to questions later stay hidden', () => {
    const withExtra = { ...question('q1'), internalNote: 'never shown', options: [{ key: 'A', text: '甲', correct: true }] } as unknown as SnapshotQuestion;
    expect(toCandidateQuestion(withExtra)).toEqual({ id: 'q1', type: 'single_choice', kind: null, stem: '题 q1', options: [{ key: 'A', text: '甲' }], points: 2 });
  });

  it('tells how many blanks to fill, from the key or else from the stem', () => {
    expect(toCandidateQuestion(question('f1', { type: 'fill_blank', options: [], answerKey: [['a'], ['b'], ['c']] })).blankCount).toBe(3);
    expect(toCandidateQuestion(question('f2', { type: 'fill_blank', options: [], answerKey: null, stem: '___ 与 （ ） 之间' })).blankCount).toBe(2);
  });
});

describe('candidatePaper', () => {
  const pool = Array.from({ length: 12 }, (_, i) => question(`q${i}`));

  it('draws the same questions for the same seed and keeps pool order unless shuffling', () => {
    const first = candidatePaper(paper(pool, 4), 1, 'seed-a');
    expect(candidatePaper(paper(pool, 4), 1, 'seed-a')).toEqual(first);
    const ids = first.sections[0].questions.map((q) => q.id);
    expect(ids).toHaveLength(4);
    expect([...ids].sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)))).toEqual(ids);
    expect(candidatePaper(paper(pool, 4), 1, 'seed-b').sections[0].questions.map((q) => q.id)).not.toEqual(ids);
  });

  it('shows what there is when a pool is smaller than its draw', () => {
    expect(candidatePaper(paper(pool.slice(0, 2), 5), null, 's').sections[0].questions).toHaveLength(2);
  });

  it('shuffles fixed questions per seed without losing any', () => {
    const orders = new Set(['a', 'b', 'c', 'd'].map((seed) => candidatePaper(paper(pool, null, true), 1, seed).sections[0].questions.map((q) => q.id).join()));
    expect(orders.size).toBeGreaterThan(1);
    for (const order of orders) expect(order.split(',').sort()).toEqual(pool.map((q) => q.id).sort());
  });
});
