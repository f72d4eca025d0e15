import { extractKeyPoints } from './key-points';
import { matchKeyPoint, suggestMark } from './coverage';
import { MARKED_EXAMPLES, MARKED_QUESTIONS } from './marked-examples';

describe('matchKeyPoint', () => {
  it('finds the passage covering a Chinese key point, ignoring its bracketed examples', () => {
    const coverage = matchKeyPoint({ label: '1', text: '主动预判：提前识别高风险客户（如历史投诉记录）' }, '我会主动预判风险。先识别高风险的客户，重点关注。其他照常处理。');
    expect(coverage.credit).toBe(1);
    expect(coverage.passage).toBe('我会主动预判风险。');
  });

  it('matches English by words and reports no passage when nothing matches', () => {
    expect(matchKeyPoint({ label: '1', text: 'Issue the refund' }, 'We issue the refund today.')).toMatchObject({ credit: 1, overlap: 1 });
    expect(matchKeyPoint({ label: '1', text: '核实信息' }, 'OK')).toEqual({ label: '1', text: '核实信息', overlap: 0, credit: 0, passage: null });
  });
});

describe('suggestMark', () => {
  it('shares the points among the key points and rounds to the grader step', () => {
    const points = extractKeyPoints('（1）安抚情绪（2）核实信息（3）给出方案');
    const suggestion = suggestMark(points, '先安抚客户情绪，再核实订单信息。', 10, true);
    expect(suggestion.keyPoints.map((point) => point.credit)).toEqual([1, 1, 0]);
    expect(suggestion.points).toBe(6.5);
    expect(suggestMark(points, '先安抚客户情绪，再核实订单信息。', 10, false).points).toBe(7);
  });

  it('agrees with hand marks on the marked examples (figures in docs/grading.md)', () => {
    const differences = MARKED_EXAMPLES.map((example) => {
      const question = MARKED_QUESTIONS.find((q) => q.id === example.question);
      if (!question) throw new Error(`no question ${example.question}`);
      const suggested = suggestMark(extractKeyPoints(question.referenceAnswer), example.answer, question.points, true).points;
      return { share: Math.abs(suggested - example.humanMark) / question.points };
    });
    const withinTenPercent = differences.filter((d) => d.share <= 0.1).length / differences.length;
    const withinQuarter = differences.filter((d) => d.share <= 0.25).length / differences.length;
    const meanShare = differences.reduce((sum, d) => sum + d.share, 0) / differences.length;
    // Printed so the figures in docs/grading.md can be re-measured after a change of method.
    process.stdout.write(`suggestion agreement: within 10% ${withinTenPercent.toFixed(2)}, within 25% ${withinQuarter.toFixed(2)}, mean |diff| ${(meanShare * 100).toFixed(1)}% of the points\n`);
    expect(withinQuarter).toBeGreaterThanOrEqual(0.9);
  });
});
