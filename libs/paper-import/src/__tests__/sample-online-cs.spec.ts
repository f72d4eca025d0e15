import { importPaper } from '../import-paper';
import { boilerplateHits, codesAt, readSample } from './helpers';

describe('sample: online-cs-interview-2026 (free section titles, 题目N, competencies, rubric in the key)', () => {
  const paper = importPaper(readSample('online-cs-interview-2026.txt'));
  const [intro, scenario, product, skills, pressure] = paper.sections;

  it('reads the title below the site header', () => {
    expect(paper.title).toBe('2026年网络平台在线客服岗位面试流程及常见问题解析');
  });

  it('reads five open sections with declared counts and points', () => {
    expect(paper.sections.map((s) => [s.title, s.type, s.declaredCount, s.pointsEach, s.questions.length])).toEqual([
      ['自我介绍与岗位认知', 'essay', 2, 5, 2],
      ['情景应变与问题解决', 'essay', 4, 10, 4],
      ['产品知识与行业理解', 'essay', 3, 10, 3],
      ['服务技巧与工具使用', 'essay', 3, 10, 3],
      ['压力测试与职业规划', 'essay', 2, 10, 2],
    ]);
    expect(intro.questions.map((q) => q.kind)).toEqual(['self_introduction', 'self_introduction']);
    expect(scenario.questions.map((q) => q.kind)).toEqual(Array(4).fill('scenario'));
    expect([...product.questions, ...skills.questions, ...pressure.questions].map((q) => q.kind)).toEqual(Array(8).fill('other'));
    expect(paper.sections.flatMap((s) => s.questions.map((q) => q.points))).toEqual([5, 5, ...Array(12).fill(10)]);
  });

  it('reads the competencies of every question', () => {
    expect(paper.sections.flatMap((s) => s.questions.map((q) => q.competencies))).toEqual([
      ['表达能力', '岗位认知', '逻辑清晰度'],
      ['行业洞察力', '前瞻性思维'],
      ['情绪管理', '沟通技巧', '问题解决能力'],
      ['合规意识', '客户导向', '压力应对'],
      ['跨渠道沟通', '闭环管理', '危机处理'],
      ['同理心', '流程推动', '跨部门协作意识'],
      ['政策理解力', '表达能力', '风险提示能力'],
      ['专业知识', '风险控制', '客户关怀'],
      ['突发事件应对', '成本意识', '方案合理性'],
      ['效率意识', '工具应用', '流程优化能力'],
      ['优先级判断', '问题分类', '资源协调能力'],
      ['需求挖掘', '服务规范', '客户预期管理'],
      ['抗压能力', '情绪调节', '职业素养'],
      ['职业规划', '目标导向', '自我驱动力'],
    ]);
  });

  it('matches the reference answers of the key, keeping numbered points inside the answer', () => {
    const [q1, q2] = intro.questions;
    expect(q1.stem).toBe('请用3分钟时间进行自我介绍,重点突出你与在线客服岗位的匹配度。');
    expect(q1.referenceAnswer).toMatch(/^\(3分钟自我介绍示例\)\n“面试官您好,我叫张明/);
    expect(q1.referenceAnswer).toMatch(/用数据优化服务流程。”$/);
    expect(q1.rubric).toEqual([
      { criterion: '逻辑清晰', points: 3 },
      { criterion: '岗位匹配', points: 4 },
      { criterion: '数据支撑', points: 3 },
    ]);
    expect(q1.explanation).toBe('-地域针对性:杭州作为电商重镇,突出本地经验更佳\n-行业洞察:提及“数据优化”符合2026年AI客服辅助趋势');
    expect(q2.referenceAnswer?.split('\n')).toHaveLength(4);
    expect(q2.referenceAnswer).toContain('\n2.合规培训:明确拒绝违规推销');
    expect(scenario.questions[0].referenceAnswer).toMatch(/^“第一步:共情安抚/);
    expect(scenario.questions[1].referenceAnswer).toMatch(/^“先确认客户需求/);
    expect(scenario.questions[1].explanation).toBe('-行业');
    const withReference = paper.sections.flatMap((s) => s.questions.filter((q) => q.referenceAnswer !== null));
    expect(withReference).toHaveLength(4);
  });

  it('warns about the rubric that does not add up, the missing reference answers and the cut-off text', () => {
    expect(codesAt(paper)).toEqual([
      '36:missing_reference_answer',
      '40:missing_reference_answer',
      '46:missing_reference_answer',
      '50:missing_reference_answer',
      '54:missing_reference_answer',
      '60:missing_reference_answer',
      '64:missing_reference_answer',
      '68:missing_reference_answer',
      '74:missing_reference_answer',
      '78:missing_reference_answer',
      '98:rubric_points_mismatch',
      '138:truncated',
    ]);
    expect(paper.warnings.find((w) => w.code === 'rubric_points_mismatch')?.message).toBe(
      '“自我介绍与岗位认知”第1题的评分标准合计10分,与该题分值5分不符。',
    );
  });

  it('keeps the site boilerplate out of every field', () => {
    const markers = ['VIP', '.docx', '约3.63千字', '约 10页', '发布于', '举报', 'PAGE', '您可能关注', '文档评论', '1亿'];
    expect(boilerplateHits(paper, markers)).toEqual([]);
    expect(paper.sections.flatMap((s) => s.questions.map((q) => q.stem)).some((stem) => /^•|^\s*0$/.test(stem))).toBe(false);
  });
});
