import { answerSegments } from './highlight';

const point = (label: string, passage: string | null, credit = 1) => ({ label, text: label, credit, passage });

describe('answerSegments: the suggestion’s passages highlighted in the answer', () => {
  it('cuts the answer at each passage and keeps the text whole', () => {
    const answer = '先安抚客户情绪，然后核实订单信息，最后跟进回访。';
    const segments = answerSegments(answer, [point('（1）', '先安抚客户情绪'), point('（2）', null, 0), point('（4）', '最后跟进回访', 0.5)]);
    expect(segments.map((segment) => segment.text).join('')).toBe(answer);
    expect(segments).toEqual([
      { text: '先安抚客户情绪', points: [0], starts: [0] },
      { text: '，然后核实订单信息，', points: [], starts: [] },
      { text: '最后跟进回访', points: [2], starts: [2] },
      { text: '。', points: [], starts: [] },
    ]);
  });

  it('shares overlapping passages and ignores missed points and passages not in the text', () => {
    const segments = answerSegments('道歉并查询物流', [point('a', '道歉并查询'), point('b', '查询物流'), point('c', '退款', 0), point('d', '不在答案里')]);
    expect(segments).toEqual([
      { text: '道歉并', points: [0], starts: [0] },
      { text: '查询', points: [0, 1], starts: [1] },
      { text: '物流', points: [1], starts: [] },
    ]);
  });

  it('an empty answer has no segment', () => {
    expect(answerSegments('', [point('a', 'x')])).toEqual([]);
  });
});
