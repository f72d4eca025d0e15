import { answers, importAccounted, optionKeys } from './helpers';

const lines = (...text: string[]) => text.join('\n');

describe('instruction lines', () => {
  it.each(['要求:请选择最合适的一项。', '注意事项:每题只有一个正确答案。', '说明:答错不扣分。', '答题要求：请独立完成。'])(
    '"%s" under a section heading is no question and does not shift the answer key',
    (instruction) => {
      const paper = importAccounted(
        lines('门店服务测验', '一、单选题(共2题,每题5分)', instruction, '1.顾客投诉时先做什么?( )', 'A.倾听 B.争辩', '2.哪项最重要?( )', 'A.态度 B.速度', '参考答案', '1.A 2.B'),
      );
      expect(paper.sections[0].questions.map((q) => q.stem)).toEqual(['顾客投诉时先做什么?( )', '哪项最重要?( )']);
      expect(answers(paper.sections[0])).toEqual({ 1: 'A', 2: 'B' });
      expect(paper.dropped).toContainEqual({ line: 3, text: instruction, reason: 'instruction' });
    },
  );
});

describe('site text', () => {
  it('never takes a page tab or a breadcrumb for the title', () => {
    const paper = importAccounted(lines('首页 > 文库 > 招聘考试', '首页  文档  视频  音频  课件', '仓储主管笔试题', '一、简答题(共1题,每题10分)', '1.如何盘点库存?', '答案:先清点再核对。'));
    expect(paper.title).toBe('仓储主管笔试题');
  });

  it('keeps a block of Traditional site text after the last answer out of the answer', () => {
    const paper = importAccounted(
      lines('倉儲測驗', '一、簡答題(共1題,每題10分)', '1.如何盤點庫存?', '答案:先清點再核對。', '發表評論', '網友評論僅供其表達個人看法,並不表明本站同意其觀點', '登錄後才能發表評論', '免責聲明:本文檔由用戶上傳'),
    );
    expect(paper.sections[0].questions[0].referenceAnswer).toBe('先清點再核對。');
  });
});

describe('answers', () => {
  it('reads √ and × as true and false, also inside the stem brackets', () => {
    const paper = importAccounted(lines('测验', '一、判断题(共3题,每题2分)', '1.退款要先核实订单。', '答案:√', '2.可以对顾客发脾气。', '答案:×', '3.投诉要当天回复。( √ )'));
    expect(answers(paper.sections[0])).toEqual({ 1: true, 2: false, 3: true });
    expect(paper.sections[0].questions[2].stem).toBe('投诉要当天回复。( )');
  });

  it('reads the answer written in the stem brackets', () => {
    const paper = importAccounted(lines('测验', '一、单选题(共1题,每题2分)', '1.先做什么?( B )', 'A.争辩', 'B.倾听'));
    expect(answers(paper.sections[0])).toEqual({ 1: 'B' });
  });

  it('reads one answer line for a whole section', () => {
    const paper = importAccounted(
      lines('测验', '一、单选题(共3题,每题2分)', '1.甲?( )', 'A.是 B.否', '2.乙?( )', 'A.是 B.否 C.不知', '3.丙?( )', 'A.是 B.否', '参考答案:1.B 2.C 3.A', '二、判断题(共1题,每题2分)', '1.丁。( )', '参考答案:1.×'),
    );
    expect(answers(paper.sections[0])).toEqual({ 1: 'B', 2: 'C', 3: 'A' });
    expect(answers(paper.sections[1])).toEqual({ 1: false });
  });

  it('reads options run together on the stem line', () => {
    const paper = importAccounted(lines('测验', '一、单选题(共1题,每题2分)', '1.顾客要求退款,你应该( )A.立即退款B.先核实C.转交主管', '答案:B'));
    const q = paper.sections[0].questions[0];
    expect(q.stem).toBe('顾客要求退款,你应该( )');
    expect(q.options).toEqual([{ key: 'A', text: '立即退款' }, { key: 'B', text: '先核实' }, { key: 'C', text: '转交主管' }]);
  });

  it.each(['正确答案:B', '答案:B', '【答案】B'])('reads "%s" with an 分析: line after it', (answerLine) => {
    const paper = importAccounted(lines('测验', '一、单选题(共1题,每题2分)', '1.先做什么?( )', 'A.争辩', 'B.倾听', answerLine, '分析:倾听能平复情绪。'));
    expect(paper.sections[0].questions[0]).toMatchObject({ answerKey: 'B', explanation: '倾听能平复情绪。' });
  });

  it('reads true/false written as options A 正确 / B 错误, and keeps no options (a true/false question has none)', () => {
    const paper = importAccounted(lines('测验', '一、判断题(共2题,每题2分)', '1.退款要先核实。', 'A.正确 B.错误', '答案:A', '2.可以泄露信息。', 'A.對', 'B.錯', '答案:B'));
    expect(paper.sections[0].questions.map((q) => [q.type, q.answerKey, q.options])).toEqual([
      ['true_false', true, []],
      ['true_false', false, []],
    ]);
    expect(paper.warnings).toEqual([]);
  });

  it('keeps the options of a true/false question that say more than the two words', () => {
    const paper = importAccounted(lines('测验', '一、判断题(共1题,每题2分)', '1.退款要先核实。', 'A.正确,应先核实 B.错误', '答案:A'));
    expect(paper.sections[0].questions[0].options.map((o) => o.key)).toEqual(['A', 'B']);
  });

  it.each([['T'], ['对'], ['是'], ['正确']])('reads %s as true', (word) => {
    const paper = importAccounted(lines('测验', '一、判断题(共1题,每题2分)', '1.退款要先核实。', `答案:${word}`));
    expect(paper.sections[0].questions[0].answerKey).toBe(true);
  });
});

describe('metadata', () => {
  it('reads a competency line in parentheses of its own and a rubric with points', () => {
    const paper = importAccounted(
      lines('面试', '一、情景题(共1题,每题7分)', '1.顾客当众辱骂你,你怎么办?', '(考察点:沟通能力、应变能力)', '参考答案:先安抚情绪,再解决问题。', '评分标准:要点完整(4分)、表达清晰(3分)'),
    );
    expect(paper.sections[0].questions[0]).toMatchObject({
      competencies: ['沟通能力', '应变能力'],
      rubric: [{ criterion: '要点完整', points: 4 }, { criterion: '表达清晰', points: 3 }],
      referenceAnswer: '先安抚情绪,再解决问题。',
    });
  });

  it('reads 【考点】 and 考点: in any position, and a competency at the end of the stem', () => {
    const paper = importAccounted(
      lines('面试', '一、简答题(共2题,每题5分)', '1.请介绍你的优点。(考察点:自我认知)', '答案:略', '2.你如何安排一天的工作?', '【考点】计划能力', '答案:略'),
    );
    expect(paper.sections[0].questions.map((q) => [q.stem, q.competencies])).toEqual([
      ['请介绍你的优点。', ['自我认知']],
      ['你如何安排一天的工作?', ['计划能力']],
    ]);
  });

  it('gives points stated after a stem precedence over the section, and points per blank', () => {
    const paper = importAccounted(lines('测验', '一、填空题(每空2分)', '1.退款要先____,再____。', '答案:核实;跟进', '2.考核看客户____。(3分)', '答案:满意度/满意率'));
    expect(paper.sections[0].questions.map((q) => [q.points, q.answerKey])).toEqual([
      [4, [['核实'], ['跟进']]],
      [3, [['满意度', '满意率']]],
    ]);
  });
});

describe('numbering', () => {
  it.each([
    ['1)', '2)'],
    ['(1)', '(2)'],
    ['①', '②'],
    ['Q1.', 'Q2.'],
    ['Q1', 'Q2'],
    ['题目1:', '题目2:'],
    ['第1题', '第2题'],
    ['１．', '２．'],
  ])('reads questions numbered %s %s', (first, second) => {
    const paper = importAccounted(lines('测验', '一、单选题(共2题,每题2分)', `${first}先做什么?( )`, 'A.倾听', 'B.争辩', `${second}再做什么?( )`, 'A.记录', 'B.离开'));
    expect(paper.sections[0].questions.map((q) => [q.stem, optionKeys(q)])).toEqual([
      ['先做什么?( )', 'AB'],
      ['再做什么?( )', 'AB'],
    ]);
  });

  it.each([['A.', 'B.'], ['A、', 'B、'], ['A)', 'B)'], ['(A)', '(B)'], ['Ａ．', 'Ｂ．'], ['（A）', '（B）']])('reads options written %s %s', (a, b) => {
    const paper = importAccounted(lines('测验', '一、单选题(共1题,每题2分)', '1.先做什么?( )', `${a}倾听`, `${b}争辩`, '答案:A'));
    expect(paper.sections[0].questions[0].options).toEqual([{ key: 'A', text: '倾听' }, { key: 'B', text: '争辩' }]);
  });

  it('keeps (1) (2) points inside an open question numbered 1. 2.', () => {
    const paper = importAccounted(lines('测验', '一、简答题(共2题,每题5分)', '1.请说明退货流程:', '(1)核实订单;', '(2)办理退款。', '2.如何安抚顾客?'));
    expect(paper.sections[0].questions.map((q) => q.stem)).toEqual(['请说明退货流程:\n(1)核实订单;\n(2)办理退款。', '如何安抚顾客?']);
  });
});

describe('end of the text', () => {
  it('does not take a closing competency line for a cut', () => {
    const paper = importAccounted(lines('面试', '一、简答题(共1题,每题5分)', '1.你如何安排一天的工作?', '参考答案:先列清单,再按轻重缓急处理。', '考察点:计划能力、时间管理'));
    expect(paper.warnings).toEqual([]);
  });
});


describe('instruction blocks', () => {
  it('reads the numbered points under a bare 注意事项: above the paper as instructions', () => {
    const paper = importAccounted(
      lines('客服笔试', '注意事项:', '1.本卷共1题,考试时间30分钟。', '2.请独立作答。', '一、单选题(共1题,每题2分)', '1.先做什么?( )', 'A.倾听', 'B.争辩', '答案:A'),
    );
    expect(paper.sections.map((s) => s.questions.length)).toEqual([1]);
    expect(paper.dropped.map((d) => [d.line, d.reason])).toEqual([[2, 'instruction'], [3, 'instruction'], [4, 'instruction']]);
    expect(paper.warnings).toEqual([]);
  });

  it('reads the text under a bare 说明: in a section as the instruction, up to the first question', () => {
    const paper = importAccounted(lines('客服笔试', '一、简答题(共1题,每题5分)', '说明:', '请结合工作经验回答。', '1.如何处理投诉?', '答案:先倾听。'));
    expect(paper.sections[0].questions.map((q) => q.stem)).toEqual(['如何处理投诉?']);
    expect(paper.warnings).toEqual([]);
  });

  it('ends the block where its numbering restarts, in a paper without section headings', () => {
    const paper = importAccounted(lines('客服笔试', '考生须知', '1.请独立作答。', '2.不得使用手机。', '1.如何处理投诉?', '答案:先倾听。', '2.如何回访?', '答案:当天回访。'));
    expect(paper.sections[0].questions.map((q) => q.stem)).toEqual(['如何处理投诉?', '如何回访?']);
  });
});

describe('page headers and footers', () => {
  it('drops the title repeated on every page and a caption repeated three times', () => {
    const paper = importAccounted(
      lines('恒达物流客服笔试', '一、单选题(共2题,每题2分)', '1.甲?( )', 'A.一 B.二', '恒达物流客服笔试', '内部资料 请勿外传', '2.乙?( )', 'A.一 B.二', '恒达物流客服笔试', '内部资料 请勿外传', '参考答案:1.A 2.B', '内部资料 请勿外传'),
    );
    expect(paper.title).toBe('恒达物流客服笔试');
    expect(answers(paper.sections[0])).toEqual({ 1: 'A', 2: 'B' });
    expect(paper.dropped.map((d) => d.line)).toEqual([5, 6, 9, 10, 12]);
    expect(paper.warnings).toEqual([]);
  });

  it('keeps a sentence that repeats in several questions', () => {
    const paper = importAccounted(lines('测验', '一、简答题(共3题,每题2分)', '1.客户要退货。', '请说明理由。', '2.客户要换货。', '请说明理由。', '3.客户要补偿。', '请说明理由。'));
    expect(paper.sections[0].questions.map((q) => q.stem)).toEqual(Array.from(['退货', '换货', '补偿'], (w) => `客户要${w}。\n请说明理由。`));
  });
});

describe('more answer layouts', () => {
  it('reads T, F, 是 and 否 in a key line at the end', () => {
    const paper = importAccounted(lines('测验', '一、判断题(共4题,每题2分)', '1.甲。', '2.乙。', '3.丙。', '4.丁。', '参考答案', '1.T 2.F 3.是 4.否'));
    expect(answers(paper.sections[0])).toEqual({ 1: true, 2: false, 3: true, 4: false });
    expect(paper.warnings).toEqual([]);
  });

  it('reads key lines named by type word ("单选题:1.B")', () => {
    const paper = importAccounted(lines('测验', '一、单选题(共1题,每题2分)', '1.甲?( )', 'A.一 B.二', '二、判断题(共1题,每题2分)', '1.乙。', '参考答案', '单选题:1.B', '判断题:1.√'));
    expect(paper.sections.map((s) => s.questions[0].answerKey)).toEqual(['B', true]);
    expect(paper.warnings).toEqual([]);
  });

  it.each(['【8分】', '(本题8分)', '（8分）'])('reads points written %s after a stem', (points) => {
    const paper = importAccounted(lines('测验', '一、简答题(每题5分)', `1.如何回访?${points}`, '答案:当天回访。'));
    expect(paper.sections[0].questions[0]).toMatchObject({ stem: '如何回访?', points: 8 });
  });
});

describe('English papers', () => {
  const paper = lines(
    'Customer Service Assessment',
    'Time allowed: 45 minutes   Total: 34 points',
    'Part 1: Multiple Choice (2 questions, 5 points each)',
    'Instructions: choose one answer.',
    'Q1. What should you do first when a caller is angry?',
    'A. Listen  B. Argue  C. Hang up',
    'Answer: A',
    'Question 2: Which matters most in a reply?',
    'A) Speed',
    'B) Empathy',
    'Correct answer: B',
    'Explanation: empathy comes first.',
    'Part 2: True or False (2 questions, 2 points each)',
    '1. Refunds need a check of the order.',
    '2. Shouting at a customer helps.',
    'Part 3: Fill in the Blanks (2 points per blank)',
    '1. First ____, then ____.',
    'Answer: verify; follow up',
    'Part 4: Scenario (1 question, 16 points)',
    '1. A customer posts a complaint online. Describe your response.',
    'Competencies: communication, judgement',
    'Model answer: Apologise, move the talk to a private channel, fix the issue.',
    'Rubric: empathy (6 points), resolution (6 points), follow-up (4 points)',
    'Answer Key',
    'Part 2',
    '1. True 2. False',
  );

  it('reads sections, declarations, questions, labels and an answer key', () => {
    const result = importAccounted(paper);
    expect(result).toMatchObject({ title: 'Customer Service Assessment', durationMinutes: 45, totalPoints: 34 });
    expect(result.sections.map((s) => [s.title, s.type, s.declaredCount, s.pointsEach])).toEqual([
      ['Multiple Choice', 'single_choice', 2, 5],
      ['True or False', 'true_false', 2, 2],
      ['Fill in the Blanks', 'fill_blank', null, null],
      ['Scenario', 'essay', 1, 16],
    ]);
    expect(result.sections.map((s) => s.questions.map((q) => q.answerKey ?? q.referenceAnswer))).toEqual([
      ['A', 'B'],
      [true, false],
      [[['verify'], ['follow up']]],
      ['Apologise, move the talk to a private channel, fix the issue.'],
    ]);
    expect(result.sections[2].questions[0].points).toBe(4);
    expect(result.sections[3].questions[0]).toMatchObject({
      kind: 'scenario',
      competencies: ['communication', 'judgement'],
      rubric: [{ criterion: 'empathy', points: 6 }, { criterion: 'resolution', points: 6 }, { criterion: 'follow-up', points: 4 }],
    });
    expect(result.sections[0].questions[1].explanation).toBe('empathy comes first.');
    expect(result.warnings).toEqual([]);
  });
});

describe('key tables and more numbering', () => {
  it('reads a key table of numbers over answers, under a section and at the end by section', () => {
    const under = importAccounted(lines('测验', '一、单选题(共3题,每题2分)', '1.甲?( )', 'A.一 B.二', '2.乙?( )', 'A.一 B.二', '3.丙?( )', 'A.一 B.二', '题号 1 2 3', '答案 B A B'));
    expect(answers(under.sections[0])).toEqual({ 1: 'B', 2: 'A', 3: 'B' });
    expect(under.warnings).toEqual([]);
    const end = importAccounted(
      lines('测验', '一、单选题(共2题,每题2分)', '1.甲?( )', 'A.一 B.二', '2.乙?( )', 'A.一 B.二', '二、判断题(共2题,每题2分)', '1.丁。', '2.戊。', '参考答案', '一、单选题', '题号 | 1 | 2', '答案 | A | B', '二、判断题', '题号 | 1 | 2', '答案 | √ | ×'),
    );
    expect(end.sections.map((s) => s.questions.map((q) => q.answerKey))).toEqual([['A', 'B'], [true, false]]);
    expect(end.warnings).toEqual([]);
  });

  it('reads 第一题 and 问题1 numbering, and 对/错 in the stem brackets', () => {
    const paper = importAccounted(lines('测验', '一、判断题(共2题,每题2分)', '第一题 退款要先核实订单。(对)', '第二题 可以泄露客户信息。(错)', '二、简答题(共1题,每题5分)', '问题1:如何回访?', '答案:当天回访。'));
    expect(answers(paper.sections[0])).toEqual({ 1: true, 2: false });
    expect(paper.sections[0].questions[0].stem).toBe('退款要先核实订单。( )');
    expect(paper.sections[1].questions[0].stem).toBe('如何回访?');
    expect(paper.warnings).toEqual([]);
  });
});

describe('options and keys, more forms', () => {
  it('reads options run together right after the stem text, and a key that repeats the option text', () => {
    const paper = importAccounted(lines('测验', '一、单选题(共1题,每题2分)', '1.顾客要求退款时应当A.立即退款B.先核实订单C.转交主管', '答案:B.先核实订单'));
    expect(paper.sections[0].questions[0]).toMatchObject({ stem: '顾客要求退款时应当', answerKey: 'B', explanation: null });
    expect(optionKeys(paper.sections[0].questions[0])).toBe('ABC');
  });

  it('keeps a sentence naming a product letter as the stem', () => {
    const paper = importAccounted(lines('测验', '一、简答题(共1题,每题5分)', '1.请比较维生素A、维生素B的区别。', '答案:略'));
    expect(paper.sections[0].questions[0]).toMatchObject({ stem: '请比较维生素A、维生素B的区别。', options: [] });
  });
});

describe('Traditional true/false', () => {
  it('reads ○ and × in a 是非題 key line', () => {
    const paper = importAccounted(lines('門市人員測驗', '一、是非題（共2題，每題5分）', '1．顧客退貨需核對發票。', '2．可以替顧客保管信用卡。', '參考答案：1.○ 2.×'));
    expect(answers(paper.sections[0])).toEqual({ 1: true, 2: false });
    expect(paper.warnings).toEqual([]);
  });
});

describe('English headings without numbers', () => {
  it('reads a bare type heading, and not a sentence that mentions a type', () => {
    const paper = importAccounted(
      lines('Front Desk Quiz', 'Multiple Choice Questions (1 question, 4 points)', '1. What do you say first to a guest?', 'A. Welcome B. Next', 'Answer: A', 'True or False', '1. Keys may be handed out without ID.', 'Answer: F', '2. Essay answers should be short.', 'Answer: T'),
    );
    expect(paper.sections.map((s) => [s.title, s.type, s.questions.length])).toEqual([
      ['Multiple Choice Questions', 'single_choice', 1],
      ['True or False', 'true_false', 2],
    ]);
  });
});

describe('English headings numbered in roman', () => {
  it('reads I., II., III. headings with a type word or points, in the paper and in the key', () => {
    const paper = importAccounted(
      lines(
        'Front Desk Quiz',
        'I. Single Choice (1 question, 4 points)',
        '1. What do you say first to a guest?',
        'A. Welcome  B. Next',
        'II. True or False (2 questions, 2 points each)',
        '1. Keys may be handed out without ID.',
        '2. Late checkout depends on the next arrival.',
        'III. Short Answer (1 question, 6 points)',
        '1. Describe a warm welcome.',
        'Answer Key',
        'I. Single Choice',
        '1. A',
        'II. True or False',
        '1. F  2. T',
        'III. Short Answer',
        '1. Smile and greet by name.',
      ),
    );
    expect(paper.sections.map((s) => [s.title, s.type, s.questions.map((q) => q.answerKey ?? q.referenceAnswer)])).toEqual([
      ['Single Choice', 'single_choice', ['A']],
      ['True or False', 'true_false', [false, true]],
      ['Short Answer', 'short_answer', ['Smile and greet by name.']],
    ]);
    expect(paper.warnings).toEqual([]);
  });

  it('takes a plain roman title only when it continues the numbering', () => {
    const paper = importAccounted(lines('Quiz', 'I. Short Answer (1 question, 6 points)', '1. Describe a warm welcome.', 'II. Guest Relations', '1. How do you greet a returning guest? (4 points)'));
    expect(paper.sections.map((s) => s.title)).toEqual(['Short Answer', 'Guest Relations']);
    const skipped = importAccounted(lines('Quiz', 'I. Short Answer (1 question, 6 points)', '1. Describe a warm welcome.', 'III. Guest Relations'));
    expect(skipped.sections.map((s) => s.title)).toEqual(['Short Answer']);
  });

  it('keeps roman points inside an answer, and a lone untyped "I." out of the sections', () => {
    const paper = importAccounted(
      lines('Quiz', 'I. Short Answer (1 question, 6 points)', '1. Describe a warm welcome.', 'Model answer:', 'I. Greet the guest.', 'II. Check the booking, then hand over the key.'),
    );
    expect(paper.sections.map((s) => s.title)).toEqual(['Short Answer']);
    expect(paper.sections[0].questions[0].referenceAnswer).toBe('I. Greet the guest.\nII. Check the booking, then hand over the key.');
    expect(importAccounted(lines('Quiz', 'I. Introduction', '1. Describe a warm welcome.')).sections.map((s) => s.title)).toEqual(['']);
  });
});
