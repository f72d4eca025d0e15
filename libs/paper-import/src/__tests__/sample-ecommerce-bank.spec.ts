import { importPaper } from '../import-paper';
import { boilerplateHits, codesAt, optionKeys, readSample } from './helpers';

describe('sample: ecommerce-cs-question-bank (article around the questions, inline answers, no points)', () => {
  const paper = importPaper(readSample('ecommerce-cs-question-bank.txt'));
  const [objective, subjective] = paper.sections;

  it('takes the title from the document, not from the site header', () => {
    expect(paper.title).toBe('电商客服招聘考试题库与岗位解析');
    expect(paper.durationMinutes).toBeNull();
    expect(paper.totalPoints).toBeNull();
  });

  it('keeps only the two sections that hold questions; the job description article is not a section', () => {
    expect(paper.sections.map((s) => [s.title, s.type, s.declaredCount, s.pointsEach, s.questions.length])).toEqual([
      ['基础知识与行业认知(客观题示例)', null, null, null, 3],
      ['情景判断与常识(主观题示例)', 'essay', null, null, 2],
    ]);
  });

  it('reads the type stated in each question and the inline answers', () => {
    expect(objective.questions.map((q) => [q.type, optionKeys(q), q.answerKey, q.points])).toEqual([
      ['single_choice', 'ABCD', 'B', null],
      ['multiple_choice', 'ABCD', ['B', 'C'], null],
      ['true_false', '', false, null],
    ]);
    expect(objective.questions[0].stem).toBe('在电商交易中,以下哪项通常是提升用户复购率的关键因素?');
    expect(objective.questions[1].options[1]).toEqual({ key: 'B', text: '与用户争辩,试图证明自己正确' });
    expect(objective.questions[2].stem).toBe('“7天无理由退换货”规则适用于所有电商销售的商品。');
    expect(objective.questions[2].explanation).toBe('部分特殊商品如食品、个人护理用品拆封后等可能不适用');
  });

  it('reads the open questions with their reference answers, the last one cut off', () => {
    expect(subjective.questions.map((q) => [q.type, q.kind, q.answerKey])).toEqual([
      ['essay', 'scenario', null],
      ['essay', 'other', null],
    ]);
    expect(subjective.questions[0].referenceAnswer).toMatch(/^首先安抚用户情绪,.*始终保持礼貌和专业。$/);
    expect(subjective.questions[1].stem).toBe('请列举至少三种常见的电商促销活动形式,并简述其主要特点。');
    expect(subjective.questions[1].referenceAnswer).toBe(
      '如:限时折扣(特定时间段内价格优惠)、满减满赠(达到一定金额享受减免或赠品)、优惠券(领取后在消费时抵扣)、秒杀(超低价',
    );
  });

  it('warns about the ignored article, the missing points and the cut-off answer', () => {
    expect(codesAt(paper)).toEqual([
      '17:unplaced_line',
      '21:non_question_text',
      '33:non_question_text',
      '51:non_question_text',
      '79:section_without_points',
      '109:section_without_points',
      '117:truncated',
    ]);
  });

  it('keeps the site boilerplate out of every field', () => {
    const markers = ['VIP', '原创力文档', 'book118', '下载', '.docx', '查看更多', '文档评论', 'JQY8031', '关注', '实名认证', '文档贡献者', '该用户很懒', '相关文档', '本文档由', '*'];
    expect(boilerplateHits(paper, markers)).toEqual([]);
  });
});
