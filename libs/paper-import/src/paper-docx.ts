import JSZip from 'jszip';
import type { AnswerKey, QuestionType } from '@assay/contracts';
import type { ImportedPaper, ImportedQuestion, ImportedSection } from './types';

/**
 * A paper as a Word document for printing or editing offline, written in the layout the reader
 * understands, so importing the document gives the same paper back: numbers, labels and answers
 * are plain text (no automatic numbering), one paragraph per line.
 */
export async function paperToDocx(paper: ImportedPaper): Promise<Buffer> {
  return linesToDocx(paperLines(paper));
}

const CN = '一二三四五六七八九十';

function ordinal(n: number): string {
  if (n <= 10) return CN[n - 1];
  return n < 20 ? `十${CN[n - 11]}` : String(n);
}

/** The paper as the lines of a document. */
export function paperLines(paper: ImportedPaper): string[] {
  const meta = [
    paper.durationMinutes !== null ? `考试时间:${paper.durationMinutes}分钟` : '',
    paper.totalPoints !== null ? `总分:${paper.totalPoints}分` : '',
  ].filter((m) => m !== '');
  return [paper.title, ...(meta.length > 0 ? [meta.join('  ')] : []), ...paper.sections.flatMap((s, i) => sectionLines(s, i + 1))];
}

function sectionLines(s: ImportedSection, n: number): string[] {
  const declaration = [`共${s.declaredCount ?? s.questions.length}题`, s.pointsEach !== null ? `每题${s.pointsEach}分` : ''].filter((d) => d !== '').join(',');
  return [`${ordinal(n)}、${s.title}(${declaration})`, ...s.questions.flatMap((q, i) => questionLines(q, i + 1, s.pointsEach))];
}

function questionLines(q: ImportedQuestion, n: number, pointsEach: number | null): string[] {
  const [first, ...more] = q.stem.split('\n');
  const points = q.points !== null && q.points !== pointsEach ? `(${q.points}分)` : '';
  const lines = [`${n}.${first}${points}`, ...more, ...q.options.map((o) => `${o.key}.${o.text}`)];
  if (q.answerKey !== null) lines.push(`答案:${answerText(q.type, q.answerKey)}`);
  if (q.referenceAnswer !== null) lines.push(...labelled('参考答案', q.referenceAnswer));
  if (q.explanation !== null) lines.push(...labelled('解析', q.explanation));
  if (q.competencies.length > 0) lines.push(`考察点:${q.competencies.join('、')}`);
  if (q.rubric.length > 0) lines.push(`评分标准:${q.rubric.map((r) => `${r.criterion}(${r.points}分)`).join('、')}`);
  return lines;
}

function labelled(label: string, text: string): string[] {
  const [first, ...more] = text.split('\n');
  return [`${label}:${first}`, ...more];
}

function answerText(type: QuestionType, key: AnswerKey): string {
  if (typeof key === 'boolean') return key ? '正确' : '错误';
  if (typeof key === 'string') return key;
  if (type === 'fill_blank') return (key as string[][]).map((alternatives) => alternatives.join('/')).join(';');
  return (key as string[]).join(',');
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** Lines as a Word document, one paragraph each: the smallest package Word opens. */
export async function linesToDocx(lines: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = lines.map((line) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`).join('');
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}
