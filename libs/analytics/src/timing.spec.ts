import { answerSeconds, questionTimes, sectionDropOff } from './timing';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, second));

describe('answerSeconds', () => {
  it('counts each answer from the previous first save, the first from the start, in answering order', () => {
    const saves = [
      { questionId: 'q2', firstSavedAt: at(50) },
      { questionId: 'q1', firstSavedAt: at(20) },
      { questionId: 'q3', firstSavedAt: null },
    ];
    expect(answerSeconds(at(0), saves)).toEqual([
      { questionId: 'q1', seconds: 20 },
      { questionId: 'q2', seconds: 30 },
    ]);
  });
  it('never goes below zero when a save carries a client clock before the start', () => {
    expect(answerSeconds(at(10), [{ questionId: 'q1', firstSavedAt: at(5) }])).toEqual([{ questionId: 'q1', seconds: 0 }]);
  });
});

describe('questionTimes', () => {
  it('takes the median per question in paper order; a question nobody answered has none', () => {
    const times = questionTimes(
      ['q1', 'q2', 'q3'],
      [
        [{ questionId: 'q1', seconds: 10 }, { questionId: 'q2', seconds: 40 }],
        [{ questionId: 'q1', seconds: 30 }],
        [{ questionId: 'q1', seconds: 20 }, { questionId: 'q2', seconds: 60 }],
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
