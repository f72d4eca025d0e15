import type { OpenKind, QuestionType } from '@assay/contracts';

/** 'choice' = a generic 选择题: single or multiple is decided by the answer. */
export type TypeHint =
  | { type: QuestionType | 'choice'; kind: OpenKind | null }
  | { type: 'objective'; kind: null }
  | { type: 'open'; kind: OpenKind };

interface TypeWord {
  re: RegExp;
  hint: TypeHint;
}

// Order matters: the first match wins ("案例分析题" before "分析", "多项选择" before "选择").
const TYPE_WORDS: TypeWord[] = [
  { re: /单项选择题?|单选题?/, hint: { type: 'single_choice', kind: null } },
  { re: /多项选择题?|多选题?|不定项选择?题?/, hint: { type: 'multiple_choice', kind: null } },
  { re: /判断题|是非题/, hint: { type: 'true_false', kind: null } },
  { re: /填空题?/, hint: { type: 'fill_blank', kind: null } },
  { re: /选择题/, hint: { type: 'choice', kind: null } },
  { re: /简答题|问答题|简答/, hint: { type: 'short_answer', kind: 'short_answer' } },
  { re: /论述题|论述/, hint: { type: 'essay', kind: 'essay' } },
  { re: /案例分析题?|案例题/, hint: { type: 'essay', kind: 'case_analysis' } },
  { re: /情[景境](模拟|分析)?题|场景题|情[景境]模拟/, hint: { type: 'essay', kind: 'scenario' } },
  { re: /^自我介绍$/, hint: { type: 'essay', kind: 'self_introduction' } },
  { re: /客观题/, hint: { type: 'objective', kind: null } },
  { re: /主观题|开放题|开放性问题/, hint: { type: 'open', kind: 'other' } },
  // English papers: "Part 1: Multiple Choice", "Section B - True or False".
  { re: /single[- ]choice|single[- ]answer/i, hint: { type: 'single_choice', kind: null } },
  { re: /multiple[- ](?:select|response|answers?)|multi[- ]select|select all/i, hint: { type: 'multiple_choice', kind: null } },
  { re: /true\s*(?:or|\/|-)\s*false|\bT\/F\b/i, hint: { type: 'true_false', kind: null } },
  { re: /fill[- ]in(?:[- ]the[- ]blanks?)?|completion/i, hint: { type: 'fill_blank', kind: null } },
  { re: /multiple[- ]choice/i, hint: { type: 'choice', kind: null } },
  { re: /short[- ]answers?/i, hint: { type: 'short_answer', kind: 'short_answer' } },
  { re: /case (?:study|studies|analysis)/i, hint: { type: 'essay', kind: 'case_analysis' } },
  { re: /scenarios?|situational|role[- ]play/i, hint: { type: 'essay', kind: 'scenario' } },
  { re: /essays?|long answers?/i, hint: { type: 'essay', kind: 'essay' } },
  { re: /open[- ](?:ended )?questions?/i, hint: { type: 'open', kind: 'other' } },
];

// Words in a free section title that only say what kind of open question it holds.
const KIND_WORDS: { re: RegExp; kind: OpenKind }[] = [
  { re: /自我介绍/, kind: 'self_introduction' },
  { re: /案例/, kind: 'case_analysis' },
  { re: /情[景境]|场景/, kind: 'scenario' },
  { re: /self[- ]introduction/i, kind: 'self_introduction' },
  { re: /case/i, kind: 'case_analysis' },
  { re: /scenario|situation/i, kind: 'scenario' },
];

/** A type stated by the title ("二、多选题", "四、情景题"); null for free titles. */
export function typeFromTitle(norm: string): TypeHint | null {
  return TYPE_WORDS.find((w) => w.re.test(norm))?.hint ?? null;
}

/** The open-question kind a free title suggests ("情景应变与问题解决" -> scenario). */
export function kindFromTitle(norm: string): OpenKind | null {
  return KIND_WORDS.find((w) => w.re.test(norm))?.kind ?? null;
}

/** A type stated at the start of a question ("1.单选题:…", "【多选题】…"); unknown "X题" labels give 'open'. */
export function typeFromLabel(label: string): TypeHint {
  return typeFromTitle(label) ?? { type: 'open', kind: 'other' };
}
