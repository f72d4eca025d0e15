import type { RubricCriterion } from '@assay/contracts';

export type LabelKind = 'answer' | 'answer_and_explanation' | 'explanation' | 'competencies' | 'rubric';

export interface Label {
  kind: LabelKind;
  /** Offset in the line where the labelled text starts; a "(" before the label is skipped (see unwrap). */
  textStart: number;
}

const LABELS: { re: string; kind: LabelKind }[] = [
  { re: '参考答案(?:与|及)解析|答案(?:与|及)解析|答案解析|answer (?:and|&) explanation', kind: 'answer_and_explanation' },
  {
    re: '参考答案(?:思路|要点|示例)?|正确答案|标准答案|答案要点|答案|(?:correct |model |sample |reference |suggested |key )?answers?|key',
    kind: 'answer',
  },
  { re: '解析|解答|分析说明|答题思路|分析|详解|点评|explanation|analysis|rationale', kind: 'explanation' },
  {
    re: '考察点|考查点|考核点|考察要点|考察能力|能力考察|素质模型|考点|测评要素|competenc(?:y|ies)(?: assessed| tested)?|skills? (?:assessed|tested)|assesses',
    kind: 'competencies',
  },
  { re: '评分标准|评分要点|评分细则|评分参考|rubric|scoring(?: guide| criteria)?|marking (?:scheme|guide|criteria)', kind: 'rubric' },
];

// Decorations seen around labels: markdown emphasis, list dashes, brackets: "*(参考答案:B)*", "-评分标准:", "【解析】".
const LABEL_RE = new RegExp(
  `^[*_\\s]*[-•·]?\\s*\\(?\\s*(?:【\\s*(${LABELS.map((l) => l.re).join('|')})\\s*】|(${LABELS.map((l) => l.re).join('|')})\\s*:)\\s*`,
  'i',
);

export function parseLabel(norm: string): Label | null {
  const m = LABEL_RE.exec(norm);
  if (!m) return null;
  const word = m[1] ?? m[2];
  const label = LABELS.find((l) => new RegExp(`^(?:${l.re})$`, 'i').test(word));
  return label ? { kind: label.kind, textStart: m[0].length } : null;
}

/** An embedded "解析:" after an answer on the same line ("1.B 解析:…", "【答案】B【解析】…"). */
export function findInlineExplanation(norm: string, from: number): number | null {
  const m = /(?:\s|^|】|\))(?:【解析】|解析\s*:|explanation\s*:)/i.exec(norm.slice(from));
  return m ? from + m.index + (m[0].startsWith('】') || m[0].startsWith(')') ? 1 : 0) : null;
}

/** Cleans the wrapper the author put around a labelled line: "*(参考答案:B)*" -> "B". */
export function unwrap(text: string): string {
  let t = text.replace(/[*_]+$/, '').trim();
  const opens = (t.match(/[(（]/g) ?? []).length;
  const closes = (t.match(/[)）]/g) ?? []).length;
  if (closes > opens && /[)）]$/.test(t)) t = t.slice(0, -1).trim();
  return t;
}

/** "情绪管理、沟通技巧、问题解决能力" -> three competencies. */
export function parseCompetencies(text: string): string[] {
  return unwrap(text)
    .split(/[、,，;；/|]+/)
    .map((s) => s.trim().replace(/[。.]$/, ''))
    .filter((s) => s !== '');
}

const UNIT = '(?:分|points?|marks?|pts?)';
const CRITERION = new RegExp(
  `^(.+?)\\s*(?:[(（]\\s*(\\d+(?:\\.\\d+)?)\\s*${UNIT}?\\s*[)）]|[:：]\\s*(\\d+(?:\\.\\d+)?)\\s*${UNIT}?|\\s(\\d+(?:\\.\\d+)?)\\s*${UNIT})$`,
  'i',
);

/**
 * "逻辑清晰(3分)、岗位匹配(4分)" or "逻辑清晰:3;岗位匹配:4". Returns null for an item that carries no
 * points, so the caller can report it rather than invent a score.
 */
export function parseRubric(text: string): { rubric: RubricCriterion[]; unreadable: string[] } {
  const rubric: RubricCriterion[] = [];
  const unreadable: string[] = [];
  for (const item of unwrap(text).split(/[、,，;；]+/).map((s) => s.trim()).filter((s) => s !== '')) {
    const m = CRITERION.exec(item.replace(/[。.]$/, ''));
    if (m) rubric.push({ criterion: m[1].trim(), points: Number(m[2] ?? m[3] ?? m[4]) });
    else unreadable.push(item);
  }
  return { rubric, unreadable };
}
