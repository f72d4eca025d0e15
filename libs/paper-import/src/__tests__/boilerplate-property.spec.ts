import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { importPaper } from '../import-paper';
import { loadCorpus, projectPaper } from './corpus';
import type { ReadPaper } from '../types';

// A paper in the layouts of the round-2 issue: instruction, run-together options, section key line,
// √/× and bracket answers, 分析:, a competency line in parentheses, a rubric with points.
const PAPER = [
  '仓储专员笔试',
  '考试时间:30分钟  总分:15分',
  '一、单选题(共2题,每题2分)',
  '要求:选出最合适的一项。',
  '1.入库前先做什么?( )A.核对单据B.直接上架C.先放一边',
  '2.发现破损怎么办?( A )',
  'A.拍照登记',
  'B.直接退回',
  '分析:先留证据再处理。',
  '参考答案:1.A',
  '二、判断题(共2题,每题2分)',
  '1.先进先出能减少过期。',
  '答案:√',
  '2.盘点可以只数一半。( × )',
  '三、情景题(共1题,每题7分)',
  '1.发货高峰时系统宕机,你怎么办?',
  '(考察点:应变能力、沟通能力)',
  '参考答案:先手工登记,再补录系统。',
  '评分标准:措施可行(4分)、表达清晰(3分)',
];

const BOILERPLATE = ['第1页 共3页', '- 2 -', '仓储专员笔试.docxVIP', '首页 > 文库 > 招聘考试', '下载文档', '本文档由网友上传,如有侵权请联系删除', '阅讀全文'];

/** The paper without anything that depends on line numbers. */
function content(paper: ReadPaper) {
  return {
    title: paper.title,
    durationMinutes: paper.durationMinutes,
    totalPoints: paper.totalPoints,
    sections: paper.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, line: 0 })) })),
    warnings: paper.warnings.map((w) => w.code),
  };
}

describe('boilerplate never changes the paper', () => {
  const expected = content(importPaper(PAPER.join('\n')));

  it('reads the paper itself without warnings', () => {
    expect(expected.warnings).toEqual([]);
    expect(expected.sections.map((s) => s.questions.length)).toEqual([2, 2, 1]);
  });

  it.each(BOILERPLATE)('adding "%s" at any position, or twice, changes nothing', (line) => {
    for (let at = 0; at <= PAPER.length; at++) {
      const once = [...PAPER.slice(0, at), line, ...PAPER.slice(at)];
      expect(content(importPaper(once.join('\n')))).toEqual(expected);
      const twice = [...once.slice(0, PAPER.length - at), line, ...once.slice(PAPER.length - at)];
      expect(content(importPaper(twice.join('\n')))).toEqual(expected);
    }
  });

  it('moving a block of boilerplate from the top to the bottom changes nothing', () => {
    expect(content(importPaper([...BOILERPLATE, ...PAPER].join('\n')))).toEqual(expected);
    expect(content(importPaper([...PAPER, ...BOILERPLATE].join('\n')))).toEqual(expected);
  });
});

// Site lines of the three scripts that stand alone (a trailer heading such as "相关文档" ends the page
// and takes the lines after it, so it is no line to scatter through a paper).
const SITE_LINES = [
  ...BOILERPLATE,
  '第2頁/共5頁',
  '下載本文檔',
  '首頁　文檔　視頻　音頻　課件',
  'Page 2 of 7',
  'Download now',
  'Sign in to download the full document',
  '©2026 DocShare. All rights reserved.',
  'Home Documents Upload Log in',
];

/** Lines of a corpus text that are site material standing alone: removing one leaves the rest as it was read. */
function standaloneSiteLines(text: string): Set<number> {
  return new Set(
    importPaper(text)
      .readings.filter((r) => r.kind === 'boilerplate' && r.rule.startsWith('site.') && r.rule !== 'site.trailer' && r.rule !== 'site.after_trailer')
      .map((r) => r.line),
  );
}

/** The paper as a golden test sees it, and the warnings by code. */
function golden(text: string) {
  const read = importPaper(text);
  return { paper: projectPaper(read), warnings: read.warnings.map((w) => w.code) };
}

describe('boilerplate never changes any corpus paper', () => {
  const corpus = loadCorpus()
    .filter((doc) => doc.ext === '.txt')
    .map((doc) => readFileSync(doc.file, 'utf8').split('\n'));

  it('adding, removing and moving site lines anywhere', () => {
    fc.assert(
      fc.property(
        fc.nat(corpus.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SITE_LINES)), { maxLength: 6 }),
        fc.boolean(),
        (which, inserts, removeOwn) => {
          const lines = corpus[which];
          const own = standaloneSiteLines(lines.join('\n'));
          // Moving = the paper's own site lines taken out here and put back elsewhere below.
          const moved = removeOwn ? lines.filter((_, i) => own.has(i + 1)) : [];
          const changed = removeOwn ? lines.filter((_, i) => !own.has(i + 1)) : [...lines];
          for (const [at, line] of [...inserts, ...moved.map((line, i) => [i * 7 + 3, line] as const)]) {
            changed.splice(at % (changed.length + 1), 0, line);
          }
          expect(golden(changed.join('\n'))).toEqual(golden(lines.join('\n')));
        },
      ),
      { numRuns: 300 },
    );
  });
});
