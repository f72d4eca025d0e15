import { docx } from '@assay/testing';
import { extractDocumentText, UnsupportedDocumentError } from '../document-text';
import { importPaper } from '../import-paper';
import { unaccountedLines } from './helpers';

const TEXT = '一、單選題\n1.客服首先应该?';

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return bigEndian ? Buffer.from(le).swap16() : le;
}

describe('extractDocumentText', () => {
  it('reads the paragraphs of a .docx', async () => {
    const text = await extractDocumentText(await docx(['一、單選題', '1.客服首先应该?']), 'paper.DOCX');
    expect(text.split(/\n+/).filter(Boolean)).toEqual(['一、單選題', '1.客服首先应该?']);
  });

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), 'a.txt'],
    ['UTF-8 without BOM', Buffer.from(TEXT, 'utf8'), 'a.md'],
    ['UTF-16 LE', utf16(TEXT, false), 'a.txt'],
    ['UTF-16 BE', utf16(TEXT, true), 'a.txt'],
  ])('decodes %s text', async (_name, buffer, filename) => {
    expect(await extractDocumentText(buffer, filename)).toBe(TEXT);
  });

  it('decodes GB18030 when the bytes are not UTF-8', async () => {
    // "一、单选题" in GBK, which GB18030 includes.
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xb5, 0xa5, 0xd1, 0xa1, 0xcc, 0xe2]);
    expect(await extractDocumentText(gbk, 'paper.txt')).toBe('一、单选题');
  });

  it('refuses other file types with a clear error', async () => {
    await expect(extractDocumentText(Buffer.from('x'), 'paper.rtf')).rejects.toThrow(UnsupportedDocumentError);
    await expect(extractDocumentText(Buffer.from('x'), 'paper.rtf')).rejects.toThrow('不支持的文件类型 Unsupported document type: paper.rtf (支持 supported: .docx, .doc, .pdf, .txt, .md)');
  });
});

describe('Word automatic numbering and tables', () => {
  // Sections numbered 一、 at level 0, questions 1. at level 1, options A. at level 2: one Word list.
  const outline = { id: 1, levels: [{ format: 'chineseCounting', text: '%1、' }, { format: 'decimal', text: '%2.' }, { format: 'upperLetter', text: '%3.' }] };
  const circled = { id: 2, levels: [{ format: 'decimalEnclosedCircle', text: '%1' }] };
  const paren = { id: 3, levels: [{ format: 'lowerLetter', text: '(%1)', start: 3 }] };

  it('re-creates the list numbers Word does not store in the text', async () => {
    const file = await docx(
      [
        '门店服务测验',
        { text: '单选题(共2题,每题5分)', list: 1, level: 0 },
        { text: '顾客投诉时先做什么?( )', list: 1, level: 1 },
        { text: '倾听', list: 1, level: 2 },
        { text: '争辩', list: 1, level: 2 },
        { text: '哪项最重要?( )', list: 1, level: 1 },
        { text: '态度', list: 1, level: 2 },
        { text: '速度', list: 1, level: 2 },
        { text: '简答题', list: 1, level: 0 },
        { text: '第一点', list: 2 },
        { text: '第二点', list: 2 },
        { text: '续号', list: 3 },
      ],
      [outline, circled, paren],
    );
    expect((await extractDocumentText(file, 'a.docx')).split('\n')).toEqual([
      '门店服务测验',
      '一、单选题(共2题,每题5分)',
      '1.顾客投诉时先做什么?( )',
      'A.倾听',
      'B.争辩',
      '2.哪项最重要?( )',
      'A.态度',
      'B.速度',
      '二、简答题',
      '①第一点',
      '②第二点',
      '(c)续号',
    ]);
  });

  it('reads options laid out in a table as one line, and a key table as numbered answers', async () => {
    const file = await docx(['1.先做什么?( )', { table: [['A.倾听', 'B.争辩'], ['C.离开', 'D.沉默']] }, '参考答案', { table: [['题号', '1', '2'], ['答案', 'A', '√']] }]);
    expect((await extractDocumentText(file, 'a.docx')).split('\n')).toEqual(['1.先做什么?( )', 'A.倾听  B.争辩', 'C.离开  D.沉默', '参考答案', '1.A  2.√']);
  });
});

describe('a Word paper with automatic numbering, options and key in tables', () => {
  const outline = { id: 1, levels: [{ format: 'chineseCounting', text: '%1、' }, { format: 'decimal', text: '%2.' }, { format: 'upperLetter', text: '%3、' }] };

  it('reads into the same paper as its text', async () => {
    const file = await docx(
      [
        '仓储专员笔试',
        '考试时间:30分钟  总分:10分',
        { text: '单选题(共2题,每题3分)', list: 1, level: 0 },
        '要求:选出最合适的一项。',
        { text: '入库前先做什么?( )', list: 1, level: 1 },
        { text: '核对单据', list: 1, level: 2 },
        { text: '直接上架', list: 1, level: 2 },
        { text: '发现破损怎么办?( )', list: 1, level: 1 },
        { table: [['A.拍照登记', 'B.直接退回', 'C.不予理会']] },
        { text: '判断题(共2题,每题2分)', list: 1, level: 0 },
        { text: '先进先出能减少过期。', list: 1, level: 1 },
        { text: '盘点可以只数一半。', list: 1, level: 1 },
        '参考答案',
        '一、单选题',
        { table: [['题号', '1', '2'], ['答案', 'A', 'A']] },
        '二、判断题',
        { table: [['1', '2'], ['√', '×']] },
      ],
      [outline],
    );
    const text = await extractDocumentText(file, '仓储.docx');
    const paper = importPaper(text);
    expect(paper).toMatchObject({ title: '仓储专员笔试', durationMinutes: 30, totalPoints: 10 });
    expect(paper.sections.map((s) => [s.title, s.type, s.questions.map((q) => [q.stem, q.options.map((o) => o.key).join(''), q.answerKey])])).toEqual([
      ['单选题', 'single_choice', [['入库前先做什么?( )', 'AB', 'A'], ['发现破损怎么办?( )', 'ABC', 'A']]],
      ['判断题', 'true_false', [['先进先出能减少过期。', '', true], ['盘点可以只数一半。', '', false]]],
    ]);
    expect(paper.warnings).toEqual([]);
    expect(unaccountedLines(text, paper)).toEqual([]);
  });
});
