import { importPaper } from '../import-paper';
import { answers, boilerplateHits, codesAt, optionKeys, readSample } from './helpers';

describe('sample: cs-manager-interview-2026 (answers at the end, cut off inside the key)', () => {
  const paper = importPaper(readSample('cs-manager-interview-2026.txt'));
  const [single, multiple, short, scenario, essay] = paper.sections;

  it('reads the header: a title, no duration, no total', () => {
    expect(paper.title).toBe('2026年电商客服经理面试题集:客户服务与售后支持');
    expect(paper.durationMinutes).toBeNull();
    expect(paper.totalPoints).toBeNull();
  });

  it('finds the five sections with their types, counts and points', () => {
    expect(
      paper.sections.map((s) => [s.title, s.type, s.declaredCount, s.pointsEach, s.questions.length]),
    ).toEqual([
      ['单选题', 'single_choice', 10, 2, 10],
      ['多选题', 'multiple_choice', 5, 3, 5],
      ['简答题', 'short_answer', 5, 5, 5],
      ['情景题', 'essay', 3, 10, 3],
      ['论述题', 'essay', 1, 20, 1],
    ]);
  });

  it('reads every choice question with options A-D and the section points', () => {
    for (const q of [...single.questions, ...multiple.questions]) {
      expect(optionKeys(q)).toBe('ABCD');
    }
    expect(single.questions.map((q) => q.points)).toEqual(Array(10).fill(2));
    expect(multiple.questions.map((q) => q.points)).toEqual(Array(5).fill(3));
    expect(single.questions[0].stem).toBe('在处理客户投诉时,以下哪种方式最能体现服务专业性?()');
    expect(single.questions[0].options[1]).toEqual({ key: 'B', text: '倾听客户诉求并共情' });
    expect(single.questions[9].options[3]).toEqual({ key: 'D', text: '制定服务话术' });
    expect(multiple.questions[4].options[0].text).toBe('过度解释“生产过程很复杂”');
  });

  it('matches the answer key at the end back to the single-choice section; the key stops after 8', () => {
    expect(answers(single)).toEqual({ 1: 'B', 2: 'C', 3: 'C', 4: 'B', 5: 'D', 6: 'D', 7: 'C', 8: 'C', 9: null, 10: null });
    expect(single.questions[0].explanation).toBe('专业客服需先倾听并共情,避免打断或推诿,建立信任基础。');
    expect(single.questions[7].explanation).toBe('调查并道歉是责任担当,避免推');
    expect(multiple.questions.every((q) => q.answerKey === null)).toBe(true);
  });

  it('reads the open questions, the multi-line scenarios and the unnumbered essay', () => {
    expect(short.questions.map((q) => [q.type, q.kind, q.points])).toEqual(Array(5).fill(['short_answer', 'short_answer', 5]));
    expect(short.questions[2].stem).toBe('解释“客户服务闭环”的概念及其重要性。');
    expect(scenario.questions.map((q) => [q.type, q.kind, q.points])).toEqual(Array(3).fill(['essay', 'scenario', 10]));
    expect(scenario.questions[0].stem).toBe(
      '情景描述:\n一位美国客户购买某品牌手机壳后,发现颜色与网站展示不符,且质疑是否为正品。客户情绪激动,要求立即全额退款。\n问题:请描述你会如何处理这一情况,并说明关键步骤。',
    );
    expect(essay.questions).toHaveLength(1);
    expect(essay.questions[0]).toMatchObject({ type: 'essay', kind: 'essay', points: 20, line: 104, referenceAnswer: null });
    expect(essay.questions[0].stem).toMatch(/^结合当前电商行业趋势/);
  });

  it('warns about every missing answer, every open question without reference answer and the cut-off text', () => {
    expect(codesAt(paper)).toEqual([
      '51:missing_answer',
      '56:missing_answer',
      '62:missing_answer',
      '67:missing_answer',
      '72:missing_answer',
      '77:missing_answer',
      '82:missing_answer',
      '88:missing_reference_answer',
      '89:missing_reference_answer',
      '90:missing_reference_answer',
      '91:missing_reference_answer',
      '92:missing_reference_answer',
      '94:missing_reference_answer',
      '97:missing_reference_answer',
      '100:missing_reference_answer',
      '104:missing_reference_answer',
      '122:truncated',
    ]);
    expect(paper.warnings[0].message).toBe('“单选题”第9题(客观题)缺少答案,无法自动判分。');
  });

  it('keeps the site boilerplate out of every field', () => {
    const markers = ['VIP', '原创力文档', 'book118', '下载', 'PAGE', 'NUMPAGES', '您可能关注', '最近下载', '文档评论', '.docx', '.pdf', 'DB41_T', '本站', '版权'];
    expect(boilerplateHits(paper, markers)).toEqual([]);
  });
});
