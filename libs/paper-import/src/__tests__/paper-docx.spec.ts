import { extractDocumentText } from '../document-text';
import { importPaper } from '../import-paper';
import { paperToDocx } from '../paper-docx';
import type { ImportedPaper } from '../types';
import { readSample } from './helpers';

/** The paper's content, without where it came from (lines) and what the reader said about the source (warnings). */
function content(paper: ImportedPaper) {
  return {
    ...paper,
    warnings: undefined,
    dropped: undefined,
    readings: undefined,
    sections: paper.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, line: 0 })) })),
  };
}

async function roundTrip(paper: ImportedPaper): Promise<ImportedPaper> {
  return importPaper(await extractDocumentText(await paperToDocx(paper), 'paper.docx'));
}

describe('paper as a Word document', () => {
  const paper: ImportedPaper = {
    title: '仓储专员笔试',
    durationMinutes: 45,
    totalPoints: 27,
    warnings: [],
    sections: [
      {
        title: '单选题', type: 'single_choice', declaredCount: 1, pointsEach: 2,
        questions: [{ type: 'single_choice', kind: null, stem: '入库前先做什么?( )', options: [{ key: 'A', text: '核对单据' }, { key: 'B', text: '直接上架' }], answerKey: 'A', referenceAnswer: null, explanation: '单据不符不能入库。', competencies: ['规范意识'], rubric: [], points: 2, line: 0 }],
      },
      {
        title: '多选题', type: 'multiple_choice', declaredCount: 1, pointsEach: 3,
        questions: [{ type: 'multiple_choice', kind: null, stem: '哪些做法能减少差错?( )', options: [{ key: 'A', text: '双人复核' }, { key: 'B', text: '凭记忆' }, { key: 'C', text: '扫码' }], answerKey: ['A', 'C'], referenceAnswer: null, explanation: null, competencies: [], rubric: [], points: 3, line: 0 }],
      },
      {
        title: '判断题', type: 'true_false', declaredCount: 1, pointsEach: 2,
        questions: [{ type: 'true_false', kind: null, stem: '先进先出能减少过期。', options: [], answerKey: true, referenceAnswer: null, explanation: null, competencies: [], rubric: [], points: 2, line: 0 }],
      },
      {
        title: '填空题', type: 'fill_blank', declaredCount: 1, pointsEach: 4,
        questions: [{ type: 'fill_blank', kind: null, stem: '盘点要先____,再____。', options: [], answerKey: [['清点'], ['核对', '复核']], referenceAnswer: null, explanation: null, competencies: [], rubric: [], points: 4, line: 0 }],
      },
      {
        title: '情景题', type: 'essay', declaredCount: 1, pointsEach: 16,
        questions: [{ type: 'essay', kind: 'scenario', stem: '发货高峰时系统宕机,你怎么办?', options: [], answerKey: null, referenceAnswer: '先手工登记,\n再补录系统。', explanation: null, competencies: ['应变能力', '沟通能力'], rubric: [{ criterion: '措施可行', points: 10 }, { criterion: '表达清晰', points: 6 }], points: 16, line: 0 }],
      },
    ],
  };

  it('imports back to the same paper', async () => {
    const back = await roundTrip(paper);
    expect(back.warnings).toEqual([]);
    expect(content(back)).toEqual(content(paper));
  });

  it.each(['cs-manager-interview-2026.txt', 'online-cs-interview-2026.txt'])('imports %s back to the same paper after export', async (name) => {
    const read = importPaper(readSample(name));
    expect(content(await roundTrip(read))).toEqual(content(read));
  });
});
