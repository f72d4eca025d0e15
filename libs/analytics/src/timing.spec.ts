import { answerSeconds, questionTimes, sectionDropOff } from './timing';

const at = (second: number) => Date.UTC(2026, 0, 1, 9, 0, second);

describe('answerSeconds', () => {
  it('counts each answer from the previous first save, the first from the start, in answering order', () => {
    expect(answerSeconds({ startedAt: at(0), questionIds: ['q2', 'q1', 'q3'], firstSavedAt: [at(50), at(20), null] })).toEqual([
      { questionId: 'q1', seconds: 20 },
      { questionId: 'q2', seconds: 30 },
    ]);
  });
  it('never goes below zero when a save carries a client clock before the start', () => {
    expect(answerSeconds({ startedAt: at(10), questionIds: ['q1'], firstSavedAt: [at(5)] })).toEqual([{ questionId: 'q1', seconds: 0 }]);
  });
});

describe('questionTimes', () => {
  it('takes the median per question in paper order; a question nobody answered has none', () => {
    const times = questionTimes(
      ['q1', 'q2', 'q3'],
      [
        { startedAt: at(0), questionIds: ['q1', 'q2', 'q3'], firstSavedAt: [at(10), at(50), null] },
        { startedAt: at(0), questionIds: ['q3', 'q1', 'q2'], firstSavedAt: [null, at(30), null] },
        { startedAt: at(100), questionIds: ['q2', 'q1', 'q3'], firstSavedAt: [at(180), at(120), null] },
      ],
    );
    expect(times).toEqual([
      { questionId: 'q1', answered: 3, medianSeconds: 20 },
      { questionId: 'q2', answered: 2, medianSeconds: 50 },
      { questionId: 'q3', answered: 0, medianSeconds: null },
    ]);
  });
});

describe('sectionDropOff', () => {
  it('counts who reached each section and who stopped in it without submitting', () => {
    const sections = [
      { sectionId: 's1', title: '单选' },
      { sectionId: 's2', title: '情景' },
      { sectionId: 's3', title: '论述' },
    ];
    const attempts = [
      { furthest: 2, submittedByCandidate: true },
      { furthest: 1, submittedByCandidate: false },
      { furthest: 1, submittedByCandidate: true },
      { furthest: 0, submittedByCandidate: false },
      { furthest: -1, submittedByCandidate: false },
    ];
    expect(sectionDropOff(sections, attempts).map((s) => [s.sectionId, s.reached, s.leftHere])).toEqual([
      ['s1', 4, 1],
      ['s2', 3, 1],
      ['s3', 1, 0],
    ]);
  });
});
