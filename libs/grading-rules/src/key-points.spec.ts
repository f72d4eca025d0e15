import { extractKeyPoints } from './key-points';

const texts = (reference: string) => extractKeyPoints(reference).map((point) => [point.label, point.text]);

describe('extractKeyPoints', () => {
  it('reads bracketed numbers, full-width or not, and drops the introduction', () => {
    expect(texts('处理思路：（1）安抚情绪，表示理解；(2) 核实信息，查询订单物流；（3）给出方案并跟进。')).toEqual([
      ['（1）', '安抚情绪，表示理解'],
      ['(2)', '核实信息，查询订单物流'],
      ['（3）', '给出方案并跟进。'],
    ]);
  });

  it('reads "1." and "2、" at line starts but never splits a decimal', () => {
    expect(texts('应对策略：\n1.主动预判：提前识别高风险客户\n2、合规培训：保证金3.5万元不退\n3. 跨部门协作')).toEqual([
      ['1', '主动预判：提前识别高风险客户'],
      ['2', '合规培训：保证金3.5万元不退'],
      ['3', '跨部门协作'],
    ]);
  });

  it('reads circled numbers, 要点一, 第一步 and 一、', () => {
    expect(texts('①道歉②退款')).toEqual([['①', '道歉'], ['②', '退款']]);
    expect(texts('要点一：倾听诉求。要点二：给出方案。')).toEqual([['要点一', '倾听诉求。'], ['要点二', '给出方案。']]);
    expect(texts('第一步：共情安抚，第二步：需求挖掘，第三步：承诺时效')).toEqual([
      ['第一步', '共情安抚'],
      ['第二步', '需求挖掘'],
      ['第三步', '承诺时效'],
    ]);
    expect(texts('一、态度真诚\n二、及时反馈')).toEqual([['一', '态度真诚'], ['二', '及时反馈']]);
  });

  it('an unnumbered answer is one key point; an empty one has none', () => {
    expect(texts('Apologise and refund the customer at once.')).toEqual([['', 'Apologise and refund the customer at once.']]);
    expect(texts('  ')).toEqual([]);
  });
});
