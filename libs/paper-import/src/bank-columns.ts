import { parseChoiceAnswer, parseFillBlankAnswer, parseTrueFalseAnswer } from './answers';
import { parseCompetencies, parseRubric } from './labels';
import { normaliseText } from './normalise';
import { isObjective, type AnswerKey, type OpenKind, type QuestionOption, type QuestionType } from '@assay/contracts';
import type { ImportedQuestion } from './types';

export interface QuestionBankColumn {
  /** Header written in templates and exports. */
  key: string;
  /** Chinese name shown to HR users; accepted as a header too. */
  label: string;
  /** Further headers accepted when reading. */
  aliases: readonly string[];
  description: string;
}

const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

export const questionBankColumns: readonly QuestionBankColumn[] = [
  { key: 'type', label: '题型', aliases: ['类型', '题目类型'], description: 'single_choice / multiple_choice / true_false / fill_blank / short_answer / essay,或 单选题、多选题、判断题、填空题、简答题、论述题、情景题、案例分析题、自我介绍' },
  { key: 'kind', label: '开放题类别', aliases: ['类别', '主观题类别'], description: '仅开放题:short_answer / essay / scenario / case_analysis / self_introduction / other,或 简答、论述、情景、案例分析、自我介绍、其他;可留空' },
  { key: 'stem', label: '题干', aliases: ['题目', '试题', '问题', '题目内容'], description: '题目正文,必填' },
  ...OPTION_KEYS.map((k) => ({
    key: `option_${k.toLowerCase()}`,
    label: `选项${k}`,
    aliases: [k, `选项 ${k}`],
    description: `选择题的选项${k};选择题至少填写A、B两项,选项须连续`,
  })),
  { key: 'answer', label: '答案', aliases: ['正确答案', '标准答案'], description: '单选 B;多选 B,C 或 BC;判断 正确/错误(对/错、√/×);填空 每空用;分隔,同一空的多个可接受答案用/分隔,如 答案1/答案2;第二空;开放题留空' },
  { key: 'reference_answer', label: '参考答案', aliases: ['参考答案思路', '答案要点'], description: '开放题的参考答案,供阅卷人参考' },
  { key: 'explanation', label: '解析', aliases: ['答案解析'], description: '答案解析,可留空' },
  { key: 'competencies', label: '考察点', aliases: ['考查点', '能力', '素质模型'], description: '用、或,分隔,如 沟通技巧、情绪管理' },
  { key: 'rubric', label: '评分标准', aliases: ['评分要点'], description: '评分项:分值,用;分隔,如 逻辑清晰:3;岗位匹配:4' },
  { key: 'points', label: '分值', aliases: ['分数', '满分'], description: '本题分数,非负数' },
  { key: 'difficulty', label: '难度', aliases: ['难度系数'], description: '1-5 的整数,可留空' },
  { key: 'tags', label: '标签', aliases: ['标记'], description: '用、或,分隔' },
];

export type BankQuestion = ImportedQuestion & { difficulty: number | null; tags: string[] };

export interface QuestionBankError {
  /** Row as Excel shows it: the header is row 1. */
  row: number;
  column: string;
  message: string;
}

const TYPE_NAMES: { re: RegExp; type: QuestionType; kind: OpenKind | null }[] = [
  { re: /^(single_choice|单选题?|单项选择题?)$/, type: 'single_choice', kind: null },
  { re: /^(multiple_choice|多选题?|多项选择题?|不定项选择题?)$/, type: 'multiple_choice', kind: null },
  { re: /^(true_false|判断题?|是非题?)$/, type: 'true_false', kind: null },
  { re: /^(fill_blank|填空题?)$/, type: 'fill_blank', kind: null },
  { re: /^(short_answer|简答题?|问答题?)$/, type: 'short_answer', kind: 'short_answer' },
  { re: /^(essay|论述题?)$/, type: 'essay', kind: 'essay' },
  { re: /^(情[景境]题?|情[景境]模拟题?|场景题?)$/, type: 'essay', kind: 'scenario' },
  { re: /^(案例分析题?|案例题?)$/, type: 'essay', kind: 'case_analysis' },
  { re: /^(自我介绍)$/, type: 'essay', kind: 'self_introduction' },
];

const KIND_NAMES: { re: RegExp; kind: OpenKind }[] = [
  { re: /^(short_answer|简答题?)$/, kind: 'short_answer' },
  { re: /^(essay|论述题?)$/, kind: 'essay' },
  { re: /^(scenario|情[景境]题?|情[景境]模拟)$/, kind: 'scenario' },
  { re: /^(case_analysis|案例分析题?|案例)$/, kind: 'case_analysis' },
  { re: /^(self_introduction|自我介绍)$/, kind: 'self_introduction' },
  { re: /^(other|其他|其它)$/, kind: 'other' },
];

/** Maps header cells to column keys; "题干*" and "题型(type)" are accepted as written by hand. */
export function columnForHeader(header: string): string | null {
  const h = normaliseText(header).trim().replace(/\*/g, '').toLowerCase();
  const bare = h.replace(/\s*\(.*\)\s*$/, '');
  for (const c of questionBankColumns) {
    const names = [c.key, c.label, ...c.aliases].map((n) => normaliseText(n).toLowerCase());
    if (names.includes(h) || names.includes(bare)) return c.key;
  }
  return null;
}

function formatAnswer(type: QuestionType, answer: AnswerKey | null): string {
  if (answer === null) return '';
  if (type === 'true_false') return answer === true ? '正确' : '错误';
  if (type === 'fill_blank') return (answer as string[][]).map((alternatives) => alternatives.join('/')).join(';');
  return Array.isArray(answer) ? answer.join(',') : String(answer);
}

/** One spreadsheet row (by column key) for a question. */
export function questionToRow(q: ImportedQuestion & Partial<Pick<BankQuestion, 'difficulty' | 'tags'>>): Record<string, string | number> {
  const row: Record<string, string | number> = {
    type: q.type,
    kind: q.kind ?? '',
    stem: q.stem,
    answer: formatAnswer(q.type, q.answerKey),
    reference_answer: q.referenceAnswer ?? '',
    explanation: q.explanation ?? '',
    competencies: q.competencies.join('、'),
    rubric: q.rubric.map((r) => `${r.criterion}:${r.points}`).join(';'),
    points: q.points ?? '',
    difficulty: q.difficulty ?? '',
    tags: (q.tags ?? []).join(','),
  };
  for (const k of OPTION_KEYS) row[`option_${k.toLowerCase()}`] = q.options.find((o) => o.key === k)?.text ?? '';
  return row;
}

function list(text: string): string[] {
  return [...new Set(parseCompetencies(text))];
}

/** Reads one row (cells by column key) into a question, or the errors that prevent it. */
export function rowToQuestion(cells: Record<string, string>, row: number): { question: BankQuestion | null; errors: QuestionBankError[] } {
  const errors: QuestionBankError[] = [];
  const error = (column: string, message: string) => errors.push({ row, column, message });
  const cell = (key: string) => (cells[key] ?? '').trim();

  const typeText = normaliseText(cell('type')).toLowerCase();
  const typeName = TYPE_NAMES.find((t) => t.re.test(typeText));
  if (!typeName) error('type', typeText === '' ? '缺少题型' : `无法识别的题型“${cell('type')}”`);
  const stem = cell('stem');
  if (stem === '') error('stem', '缺少题干');

  const type = typeName?.type ?? 'essay';
  let kind: OpenKind | null = isObjective(type) ? null : (typeName?.kind ?? 'essay');
  const kindText = normaliseText(cell('kind')).toLowerCase();
  if (kindText !== '' && !isObjective(type)) {
    const named = KIND_NAMES.find((k) => k.re.test(kindText));
    if (named) kind = named.kind;
    else error('kind', `无法识别的开放题类别“${cell('kind')}”`);
  }

  const options: QuestionOption[] = [];
  let gapAt: string | null = null;
  let gapped = false;
  for (const k of OPTION_KEYS) {
    const text = cell(`option_${k.toLowerCase()}`);
    if (text === '') gapAt ??= k;
    else if (gapAt) {
      error(`option_${k.toLowerCase()}`, `选项${gapAt}为空,选项${k}却有内容;选项须连续填写`);
      gapped = true;
    } else options.push({ key: k, text });
  }
  const choice = type === 'single_choice' || type === 'multiple_choice';
  if (choice && options.length < 2 && !gapped) error('option_a', '选择题至少需要A、B两个选项');

  const answerText = cell('answer');
  let answer: AnswerKey | null = null;
  if (isObjective(type) && answerText === '') error('answer', '客观题缺少答案');
  else if (choice) {
    const parsed = parseChoiceAnswer(normaliseText(answerText));
    if (!parsed || parsed.rest !== '') error('answer', `无法识别的答案“${answerText}”,应为选项字母,如 B 或 B,C`);
    else if (type === 'single_choice' && parsed.key.length > 1) error('answer', `单选题只能有一个答案,却填写了“${answerText}”`);
    else if (parsed.key.some((k) => !options.some((o) => o.key === k))) error('answer', `答案“${answerText}”不在已填写的选项中`);
    else answer = type === 'single_choice' ? parsed.key[0] : parsed.key;
  } else if (type === 'true_false') {
    const parsed = parseTrueFalseAnswer(answerText);
    if (!parsed || parsed.rest !== '') error('answer', `无法识别的判断题答案“${answerText}”,应为 正确 或 错误`);
    else answer = parsed.key;
  } else if (type === 'fill_blank') {
    answer = parseFillBlankAnswer(answerText);
  } else if (answerText !== '') {
    error('answer', '开放题不填答案,请把答案写在参考答案列');
  }

  const { rubric, unreadable } = parseRubric(cell('rubric'));
  if (unreadable.length > 0) error('rubric', `无法识别的评分项“${unreadable.join('、')}”,应为 评分项:分值`);

  const number = (key: string, check: (n: number) => boolean, message: string): number | null => {
    const text = cell(key);
    if (text === '') return null;
    const n = Number(normaliseText(text));
    if (Number.isFinite(n) && check(n)) return n;
    error(key, message.replace('%s', text));
    return null;
  };
  const points = number('points', (n) => n >= 0, '分值“%s”不是非负数');
  const difficulty = number('difficulty', (n) => Number.isInteger(n) && n >= 1 && n <= 5, '难度“%s”应为1-5的整数');

  if (errors.length > 0) return { question: null, errors };
  return {
    question: {
      type,
      kind,
      stem,
      options,
      answerKey: answer,
      referenceAnswer: cell('reference_answer') || null,
      explanation: cell('explanation') || null,
      competencies: list(cell('competencies')),
      rubric,
      points,
      line: row,
      difficulty,
      tags: list(cell('tags')),
    },
    errors,
  };
}
