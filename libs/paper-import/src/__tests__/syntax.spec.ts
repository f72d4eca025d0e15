import { importPaper } from '../import-paper';
import { parseDeclaration } from '../sections';
import { codesAt, optionKeys } from './helpers';

const lines = (...text: string[]) => text.join('\n');

describe('header', () => {
  it('reads title, duration and total on separate lines', () => {
    const paper = importPaper(lines('售后客服笔试', '考试时间:120分钟  总分:100分', '一、简答题(共1题,每题100分)', '1.如何处理退款?'));
    expect(paper).toMatchObject({ title: '售后客服笔试', durationMinutes: 120, totalPoints: 100 });
  });

  it('reads Traditional headers with hours and 满分, and a title sharing the line', () => {
    const paper = importPaper(lines('門市服務測驗　考試時間：2小時　滿分：10分', '一、簡答題（共1題，每題10分）', '1．請說明退貨流程。'));
    expect(paper).toMatchObject({ title: '門市服務測驗', durationMinutes: 120, totalPoints: 10 });
  });
});

describe('section declarations', () => {
  it.each([
    ['(共10题,每题2分)', { count: 10, pointsEach: 2, total: null, pointsPerBlank: null }],
    ['（共10题，每题2分）', { count: 10, pointsEach: 2, total: null, pointsPerBlank: null }],
    ['(共3题,每题10分,总分30分)', { count: 3, pointsEach: 10, total: 30, pointsPerBlank: null }],
    ['共2题 每题10分', { count: 2, pointsEach: 10, total: null, pointsPerBlank: null }],
    ['(共1题,20分)', { count: 1, pointsEach: null, total: 20, pointsPerBlank: null }],
    ['(每题2分,共20分)', { count: null, pointsEach: 2, total: 20, pointsPerBlank: null }],
    ['(共五题)', { count: 5, pointsEach: null, total: null, pointsPerBlank: null }],
  ])('parses %s', (text, expected) => {
    expect(parseDeclaration(text.normalize('NFKC'))).toEqual(expected);
  });

  it('derives points each from a section total and declared count', () => {
    const paper = importPaper(lines('测验', '一、论述题(共2题,30分)', '1.论述服务的价值。', '2.论述团队协作。'));
    expect(paper.sections[0]).toMatchObject({ title: '论述题', type: 'essay', declaredCount: 2, pointsEach: 15 });
  });

  it('accepts an unparenthesised declaration and (一) numbering', () => {
    const paper = importPaper(lines('测验', '(一)多选题 共2题 每题4分', '1.哪些是好习惯?()', 'A.倾听', 'B.打断', '2.哪些能提高效率?()', 'A.模板', 'B.争吵'));
    expect(paper.sections.map((s) => [s.title, s.type, s.declaredCount, s.pointsEach, s.questions.length])).toEqual([
      ['多选题', 'multiple_choice', 2, 4, 2],
    ]);
  });

  it('treats a free section title as open questions, with a kind when the title suggests one', () => {
    const paper = importPaper(lines('面试', '一、岗位认知与动机(共1题,每题10分)', '题目1:你为什么选择客服工作?', '二、情景应对(共1题,每题10分)', '题目1:客户辱骂你时怎么办?'));
    expect(paper.sections.map((s) => s.questions.map((q) => [q.type, q.kind]))).toEqual([[['essay', 'other']], [['essay', 'scenario']]]);
  });
});

describe('question numbering', () => {
  it('reads 1. 1、 1． 题目1: 题目1： and 第N题 as questions', () => {
    const paper = importPaper(
      lines('测验', '一、简答题(共6题,每题5分)', '1.第一问是什么?', '2、第二问是什么?', '3．第三问是什么?', '题目4:第四问是什么?', '题目5：第五问是什么?', '第6题 第六问是什么?'),
    );
    expect(paper.sections[0].questions.map((q) => q.stem)).toEqual(['第一问是什么?', '第二问是什么?', '第三问是什么?', '第四问是什么?', '第五问是什么?', '第六问是什么?']);
    expect(paper.warnings.map((w) => w.code)).toEqual(Array(6).fill('missing_reference_answer'));
  });

  it('reads the type stated in each question of a mixed section', () => {
    const paper = importPaper(
      lines('测验', '一、综合练习', '1.单选题:哪个对?', 'A.甲', 'B.乙', '参考答案:A', '2.【多选题】哪些对?', 'A.甲', 'B.乙', 'C.丙', '参考答案:A、C', '3.判断题:客服要微笑。', '参考答案:对', '4.填空题:首问____制。', '参考答案:负责', '5.案例分析题:请分析下面的投诉。', '参考答案:先倾听。'),
    );
    const [section] = paper.sections;
    expect(section.type).toBeNull();
    expect(section.questions.map((q) => [q.type, q.kind, q.answerKey])).toEqual([
      ['single_choice', null, 'A'],
      ['multiple_choice', null, ['A', 'C']],
      ['true_false', null, true],
      ['fill_blank', null, [['负责']]],
      ['essay', 'case_analysis', null],
    ]);
    expect(section.questions[0].stem).toBe('哪个对?');
    expect(section.questions[4].referenceAnswer).toBe('先倾听。');
  });

  it('keeps (1) (2), 1) and 1. 2. lists inside a reference answer', () => {
    const paper = importPaper(
      lines(
        '测验',
        '一、简答题(共2题,每题10分)',
        '1.如何安抚客户?',
        '参考答案:',
        '(1)先倾听;',
        '(2)再共情;',
        '1)记录诉求;',
        '1.确认订单;',
        '2.给出方案;',
        '3.回访。',
        '2.如何提升满意度?',
        '参考答案:及时响应。',
      ),
    );
    const questions = paper.sections[0].questions;
    expect(questions).toHaveLength(2);
    expect(questions[0].referenceAnswer).toBe('(1)先倾听;\n(2)再共情;\n1)记录诉求;\n1.确认订单;\n2.给出方案;\n3.回访。');
    expect(questions[1]).toMatchObject({ stem: '如何提升满意度?', referenceAnswer: '及时响应。' });
  });

  it('warns when the numbering skips a question', () => {
    const paper = importPaper(lines('测验', '一、简答题(共3题,每题5分)', '1.甲是什么?', '参考答案:甲。', '3.丙是什么?', '参考答案:丙。'));
    expect(codesAt(paper)).toEqual(['2:count_mismatch', '5:numbering_gap']);
  });
});

describe('options', () => {
  it('reads A. A、 A． (A) forms, several options on a line and options after the stem', () => {
    const paper = importPaper(
      lines(
        '测验',
        '一、单选题(共4题,每题1分)',
        '1.甲?()',
        'A.一',
        'B、二',
        'C．三',
        '2.乙?()',
        '(A)一 (B)二 (C)三 (D)四',
        '3.丙?() A.一 B.二',
        '4.丁?()',
        'A.客服A组 B.客服B组',
        '答案',
        '1.A 2.B 3.B 4.A',
      ),
    );
    const [q1, q2, q3, q4] = paper.sections[0].questions;
    expect(q1.options).toEqual([{ key: 'A', text: '一' }, { key: 'B', text: '二' }, { key: 'C', text: '三' }]);
    expect(optionKeys(q2)).toBe('ABCD');
    expect(q2.options[3].text).toBe('四');
    expect(q3.stem).toBe('丙?()');
    expect(q3.options).toEqual([{ key: 'A', text: '一' }, { key: 'B', text: '二' }]);
    expect(q4.options).toEqual([{ key: 'A', text: '客服A组' }, { key: 'B', text: '客服B组' }]);
    expect(paper.sections[0].questions.map((q) => q.answerKey)).toEqual(['A', 'B', 'B', 'A']);
    expect(paper.warnings).toEqual([]);
  });

  it('warns about a choice question without options and an answer that is not an option', () => {
    const paper = importPaper(lines('测验', '一、单选题(共2题,每题1分)', '1.甲?()', '参考答案:A', '2.乙?()', 'A.一', 'B.二', '参考答案:D'));
    expect(codesAt(paper)).toEqual(['3:missing_options', '8:answer_not_in_options']);
  });
});

describe('answers at the end', () => {
  const paper = lines(
    '测验',
    '一、单选题(共3题,每题2分)',
    '1.甲?()',
    'A.一',
    'B.二',
    '2.乙?()',
    'A.一',
    'B.二',
    '3.丙?()',
    'A.一',
    'B.二',
    '二、判断题(共2题,每题2分)',
    '1.应当微笑服务。',
    '2.可以泄露客户信息。',
    '三、简答题(共1题,每题6分)',
    '1.如何处理投诉?',
  );

  it('matches "1.B 解析:…" entries by section heading and number', () => {
    const result = importPaper(
      lines(paper, '答案与解析', '一、单选题答案', '1.B 解析:因为二。', '2.A', '解析:因为一。', '3.B', '二、判断题', '1.√', '2.错误', '三、简答题', '1.先倾听再处理。', '评分标准:倾听:3;处理:3'),
    );
    const [single, tf, open] = result.sections;
    expect(single.questions.map((q) => [q.answerKey, q.explanation])).toEqual([
      ['B', '因为二。'],
      ['A', '因为一。'],
      ['B', null],
    ]);
    expect(tf.questions.map((q) => q.answerKey)).toEqual([true, false]);
    expect(open.questions[0]).toMatchObject({ referenceAnswer: '先倾听再处理。', rubric: [{ criterion: '倾听', points: 3 }, { criterion: '处理', points: 3 }] });
    expect(result.warnings).toEqual([]);
  });

  it('reads one-line keys: "一、单选题 1.B 2.C" and ranges "1-3 BAB"', () => {
    const oneLine = importPaper(lines(paper, '参考答案', '一、单选题 1.B 2.A 3.B', '二、判断题 1.对 2.×', '三、简答题', '1.倾听。'));
    expect(oneLine.sections.map((s) => s.questions.map((q) => q.answerKey))).toEqual([['B', 'A', 'B'], [true, false], [null]]);
    expect(oneLine.warnings).toEqual([]);
    const range = importPaper(lines(paper, '试卷答案', '一、单选题', '1-3 BAB'));
    expect(range.sections[0].questions.map((q) => q.answerKey)).toEqual(['B', 'A', 'B']);
  });

  it('keeps numbered lists inside open answers of the key and takes an unnumbered answer for a single essay', () => {
    const result = importPaper(
      lines(
        '客服主管面试题',
        '一、简答题(共2题,每题5分)',
        '1.简述SLA的制定标准。',
        '2.如何处理积压投诉?',
        '二、论述题(共1题,20分)',
        '论述客户服务的作用。',
        '答案与解析',
        '一、简答题答案',
        '1.SLA制定需考虑:',
        '(1)响应时间;',
        '(2)解决时长。',
        '2.处理积压投诉:',
        '1.分类;',
        '2.优先处理;',
        '3.回访。',
        '二、论述题答案',
        '客户服务是品牌竞争力的核心。',
      ),
    );
    expect(result.title).toBe('客服主管面试题');
    expect(result.sections.map((s) => s.questions.map((q) => q.referenceAnswer))).toEqual([
      ['SLA制定需考虑:\n(1)响应时间;\n(2)解决时长。', '处理积压投诉:\n1.分类;\n2.优先处理;\n3.回访。'],
      ['客户服务是品牌竞争力的核心。'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('follows a key without section headings by its restarting numbers', () => {
    const result = importPaper(lines(paper, '参考答案', '1.B', '2.A', '3.B', '1.正确', '2.错误', '1.先倾听。'));
    expect(result.sections.map((s) => s.questions.map((q) => q.answerKey ?? q.referenceAnswer))).toEqual([['B', 'A', 'B'], [true, false], ['先倾听。']]);
  });

  it('warns about an answer without a question and about a key heading that names no section', () => {
    const result = importPaper(lines(paper, '答案与解析', '一、单选题答案', '1.B 2.A 3.B 4.A', '五、填空题', '1.负责'));
    expect(codesAt(result)).toEqual([
      '13:missing_answer',
      '14:missing_answer',
      '16:missing_reference_answer',
      '19:answer_without_question',
      '20:unknown_answer_section',
      '21:answer_without_question',
    ]);
    expect(result.warnings.find((w) => w.code === 'answer_without_question')?.message).toBe('答案“4”在“单选题”中找不到对应的题目。');
  });
});

describe('exam-style papers', () => {
  it('reads 本大题共N小题 declarations, a key on the 参考答案 line numbered through the whole paper, and skips the classification mark', () => {
    const result = importPaper(
      lines(
        '绝密★启用前',
        '客服上岗考试',
        '考试时长：90分钟　试卷总分：10分',
        '一、单项选择题（本大题共2小题，每小题2分，共4分）',
        '1．(2分)第一句应当是（　）',
        'A:问候 B:报价',
        '- 2 -',
        '2．哪项属于首问负责制?（ ）',
        'A．推诿　B．跟进到底',
        '第二部分 多项选择题（共1题，6分）',
        '1．哪些是投诉处理步骤？（ ）',
        'A．倾听 B．致歉 C．解决',
        '参考答案：1-2 AB 3.ABC',
      ),
    );
    expect(result).toMatchObject({ title: '客服上岗考试', durationMinutes: 90, totalPoints: 10 });
    expect(result.sections.map((s) => [s.title, s.declaredCount, s.pointsEach, s.questions.map((q) => q.answerKey)])).toEqual([
      ['单项选择题', 2, 2, ['A', 'B']],
      ['多项选择题', 1, 6, [['A', 'B', 'C']]],
    ]);
    expect(result.sections[0].questions[0].stem).toBe('第一句应当是（　）');
    expect(codesAt(result)).toEqual(['1:unplaced_line']);
  });
});

describe('inline answers', () => {
  it('reads 参考答案:B, (参考答案:B,C) and the true/false words', () => {
    const result = importPaper(
      lines(
        '测验',
        '一、单选题(共1题,每题1分)',
        '1.甲?()',
        'A.一',
        'B.二',
        '参考答案:B',
        '二、多选题(共1题,每题1分)',
        '1.乙?()',
        'A.一',
        'B.二',
        'C.三',
        '*(参考答案:B,C)*',
        '三、判断题(共6题,每题1分)',
        '1.甲。',
        '参考答案:错误',
        '2.乙。',
        '参考答案:正确',
        '3.丙。',
        '参考答案:对',
        '4.丁。',
        '参考答案:错',
        '5.戊。',
        '(参考答案:√)',
        '6.己。',
        '参考答案:×,因为己不成立',
      ),
    );
    expect(result.sections.map((s) => s.questions.map((q) => q.answerKey))).toEqual([['B'], [['B', 'C']], [false, true, true, false, true, false]]);
    expect(result.sections[2].questions[5].explanation).toBe('因为己不成立');
    expect(result.warnings).toEqual([]);
  });

  it('reads a 参考答案与解析 block spanning several lines', () => {
    const result = importPaper(
      lines('测验', '一、情景题(共1题,每题10分)', '1.客户要求退款,你会怎么做?', '参考答案与解析:', '先安抚客户情绪,', '再核实订单情况。', '解析:重在共情。', '考察点:沟通技巧、情绪管理', '评分标准:共情(5分)、核实(5分)'),
    );
    expect(result.sections[0].questions[0]).toMatchObject({
      type: 'essay',
      kind: 'scenario',
      referenceAnswer: '先安抚客户情绪,\n再核实订单情况。',
      explanation: '重在共情。',
      competencies: ['沟通技巧', '情绪管理'],
      rubric: [{ criterion: '共情', points: 5 }, { criterion: '核实', points: 5 }],
    });
    expect(result.warnings).toEqual([]);
  });

  it('reads fill-in answers: alternatives per blank', () => {
    const result = importPaper(lines('测验', '一、填空题(共1题,每题4分)', '1.客服要做到____和____。', '参考答案:倾听/聆听；共情'));
    expect(result.sections[0].questions[0].answerKey).toEqual([['倾听', '聆听'], ['共情']]);
    const mismatch = importPaper(lines('测验', '一、填空题(共1题,每题4分)', '1.客服要做到____和____。', '参考答案:倾听'));
    expect(codesAt(mismatch)).toEqual(['4:blank_count_mismatch']);
  });

  it('reads a multi-line rubric and warns when its points do not match the question', () => {
    const result = importPaper(lines('测验', '一、论述题(共1题,每题10分)', '1.论述服务的价值。', '参考答案:服务创造价值。', '评分标准:', '-观点明确(4分)', '-论证充分(4分)'));
    expect(result.sections[0].questions[0].rubric).toEqual([
      { criterion: '观点明确', points: 4 },
      { criterion: '论证充分', points: 4 },
    ]);
    expect(codesAt(result)).toEqual(['5:rubric_points_mismatch']);
  });
});

describe('warnings', () => {
  it('says when a section declares more questions than it holds, and when sections do not add up to the total', () => {
    const result = importPaper(lines('测验', '总分:50分', '一、简答题(共2题,每题10分)', '1.甲?', '参考答案:甲。'));
    expect(codesAt(result)).toEqual(['2:total_mismatch', '3:count_mismatch']);
    expect(result.warnings[0].message).toBe('各部分分值合计20分,与试卷总分50分不符。');
    expect(result.warnings[1].message).toBe('“简答题”声明共2题,实际识别到1题。');
  });

  it('says when a declared section total does not match count × points each', () => {
    const result = importPaper(lines('测验', '一、简答题(共2题,每题10分,总分30分)', '1.甲?', '参考答案:甲。', '2.乙?', '参考答案:乙。'));
    expect(codesAt(result)).toEqual(['2:section_points_inconsistent']);
  });

  it('says when a section gives no points', () => {
    const result = importPaper(lines('测验', '一、简答题', '1.甲?', '参考答案:甲。'));
    expect(codesAt(result)).toEqual(['2:section_without_points']);
  });

  it('uses softer wording for open questions without reference answer than for objective ones without answer', () => {
    const result = importPaper(lines('测验', '一、单选题(共1题,每题1分)', '1.甲?()', 'A.一', 'B.二', '二、简答题(共1题,每题1分)', '1.乙?'));
    expect(result.warnings.map((w) => [w.code, w.message])).toEqual([
      ['missing_answer', '“单选题”第1题(客观题)缺少答案,无法自动判分。'],
      ['missing_reference_answer', '“简答题”第1题暂无参考答案,建议补充,便于阅卷人统一评分。'],
    ]);
  });

  it('says when the text stops mid-sentence, and when the site says the rest is hidden', () => {
    const cut = importPaper(lines('测验', '一、简答题(共1题,每题5分)', '1.客户投诉时应当如何', '', '相关文档', '客服培训.docx'));
    expect(codesAt(cut)).toContain('3:truncated');
    const hidden = importPaper(lines('测验', '一、简答题(共1题,每题5分)', '1.如何安抚客户?', '参考答案:先倾听。', '剩余5页未读,继续阅读'));
    expect(codesAt(hidden)).toEqual(['5:truncated']);
  });

  it('reports lines it cannot place, with their line numbers', () => {
    const result = importPaper(lines('测验', '本卷仅限内部使用', '一、单选题(共1题,每题1分)', '1.甲?()', 'A.一', 'B.二', '这一行不属于任何地方', '参考答案:A'));
    expect(codesAt(result)).toEqual(['2:unplaced_line', '7:unplaced_line']);
    expect(result.warnings[0].message).toBe('无法归入任何题目的内容“本卷仅限内部使用”,已忽略。');
  });

  it('counts lines of CRLF text like an editor does', () => {
    const result = importPaper('测验\r\n一、简答题(共1题,每题5分)\r\n\r\n1.甲?');
    expect(result.sections[0].questions[0].line).toBe(4);
    expect(codesAt(result)).toEqual(['4:missing_reference_answer']);
  });

  it('warns when nothing could be read', () => {
    expect(codesAt(importPaper(''))).toEqual(['1:missing_title', '1:no_questions']);
  });
});

describe('boilerplate', () => {
  it('drops page counters, share and login prompts, but keeps questions about VIP customers', () => {
    const result = importPaper(
      lines(
        '客服考试.docx',
        '登录后可查看全文',
        '客服考试',
        '第1页/共5页',
        '一、简答题(共2题,每题5分)',
        '1.如何接待VIP客户?',
        '参考答案:优先响应。',
        '分享到朋友圈',
        '第2页/共5页',
        '2.如何处理差评?',
        '参考答案:及时回复。',
        '扫码下载APP',
      ),
    );
    expect(result.title).toBe('客服考试');
    expect(result.sections[0].questions.map((q) => q.stem)).toEqual(['如何接待VIP客户?', '如何处理差评?']);
    expect(result.warnings).toEqual([]);
  });
});

describe('Traditional Chinese', () => {
  it('reads sections, inline answers, competencies, rubrics and an answer key', () => {
    const result = importPaper(
      lines(
        '客服知識測驗',
        '考試時間：60分鐘　總分：40分',
        '一、單選題（共2題，每題5分）',
        '1．顧客來電抱怨時，首先應該？（　）',
        'A．掛斷電話　B．耐心傾聽　C．轉接主管',
        '2、下列何者正確？',
        '(A) 甲 (B) 乙 (C) 丙',
        '二、判斷題（共2題，每題5分）',
        '1．客服可以與顧客爭吵。',
        '參考答案：錯',
        '2．應主動回訪。',
        '參考答案：√',
        '三、簡答題（共1題，每題10分）',
        '題目1：請說明你如何處理退款爭議。',
        '（考察點：溝通技巧、情緒管理）',
        '參考答案與解析：',
        '先安撫情緒，再核實訂單。',
        '評分標準：安撫(4分)、核實(3分)、方案(3分)',
        '四、案例分析題 共1題 每題10分',
        '某店鋪在大促期間出現大量延遲發貨，請分析原因。',
        '參考答案',
        '一、單選題',
        '1．B',
        '2．C 解析：乙是正確的。',
      ),
    );
    expect(result).toMatchObject({ title: '客服知識測驗', durationMinutes: 60, totalPoints: 40 });
    expect(result.sections.map((s) => [s.title, s.type, s.declaredCount, s.pointsEach])).toEqual([
      ['單選題', 'single_choice', 2, 5],
      ['判斷題', 'true_false', 2, 5],
      ['簡答題', 'short_answer', 1, 10],
      ['案例分析題', 'essay', 1, 10],
    ]);
    expect(result.sections.map((s) => s.questions.map((q) => q.answerKey))).toEqual([['B', 'C'], [false, true], [null], [null]]);
    expect(result.sections[0].questions[0].options.map((o) => o.text)).toEqual(['掛斷電話', '耐心傾聽', '轉接主管']);
    expect(result.sections[0].questions[1].explanation).toBe('乙是正確的。');
    expect(result.sections[2].questions[0]).toMatchObject({
      competencies: ['溝通技巧', '情緒管理'],
      referenceAnswer: '先安撫情緒，再核實訂單。',
      rubric: [{ criterion: '安撫', points: 4 }, { criterion: '核實', points: 3 }, { criterion: '方案', points: 3 }],
    });
    expect(result.sections[3].questions[0].kind).toBe('case_analysis');
    expect(codesAt(result)).toEqual(['20:missing_reference_answer']);
  });

  it('recognises the other Traditional section words', () => {
    const titles = ['多選題', '填空題', '論述題', '情景題'];
    const result = importPaper(lines('測驗', ...titles.map((t, i) => `${'一二三四'[i]}、${t}（共1題，每題1分）\n1．題目內容是什麼？`)));
    expect(result.sections.map((s) => [s.type, s.questions[0].kind])).toEqual([
      ['multiple_choice', null],
      ['fill_blank', null],
      ['essay', 'essay'],
      ['essay', 'scenario'],
    ]);
  });
});
