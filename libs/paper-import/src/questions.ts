import type { QuestionOption } from '@assay/contracts';
import { parseNumeral } from './normalise';
import { typeFromLabel } from './type-words';
import type { TypeHint } from './type-words';

/** How a question is numbered: a number in another style inside a question is a point of it, never the next question. */
export type NumberStyle = 'dot' | 'paren' | 'half_paren' | 'circled' | 'explicit';

export interface QuestionStart {
  number: number;
  /** "题目3" / "第3题" / "Q3": unambiguous, never a point inside an answer. */
  explicit: boolean;
  style: NumberStyle;
  /** Offset in the line where the question text starts. */
  textStart: number;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

const QUESTION_START: { re: RegExp; style: NumberStyle }[] = [
  { re: /^(?:(?:题目|问题|试题)\s*(\d{1,3})\s*[:.、]?|第\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*题\s*[:.、]?|(?:Q|Question\s*)\s*(\d{1,3})\s*[:.、]?(?![\d.]))\s*/i, style: 'explicit' },
  { re: /^(\d{1,3})\s*(?:[.、](?!\d)|\s*[:](?!\d))\s*/, style: 'dot' },
  { re: /^\(\s*(\d{1,3})\s*\)\s*/, style: 'paren' },
  { re: /^(\d{1,3})\)\s*/, style: 'half_paren' },
  { re: new RegExp(`^([${CIRCLED}])\\s*`), style: 'circled' },
];

/** "1.", "1、", "1．" (normalised), "(1)", "1)", "①", "题目1:", "问题1:", "第1题", "第一题", "Q1", "Question 1:". */
export function parseQuestionStart(norm: string): QuestionStart | null {
  for (const { re, style } of QUESTION_START) {
    const m = re.exec(norm);
    if (!m) continue;
    const digits = m[1] ?? m[2] ?? m[3];
    const number = style === 'circled' ? CIRCLED.indexOf(digits) + 1 : (parseNumeral(digits) ?? 0);
    return { number, explicit: style === 'explicit', style, textStart: m[0].length };
  }
  return null;
}

export interface StatedType {
  hint: TypeHint;
  /** Length of the label to cut from the stem. */
  length: number;
}

const STATED_TYPE = /^(?:[【[(]\s*([\u4e00-\u9fff]{1,8}题)\s*[】\])]\s*:?|([\u4e00-\u9fff]{1,8}题)\s*:)\s*/;

/** "单选题:…", "【多选题】…", "(判断题)…" at the start of a question. */
export function parseStatedType(norm: string): StatedType | null {
  const m = STATED_TYPE.exec(norm);
  if (!m) return null;
  return { hint: typeFromLabel(m[1] ?? m[2]), length: m[0].length };
}

// A key follows a space, the line start, or (options run together) a character that is not Latin.
const OPTION_KEY = /(?:^|\s|(?<=[\u0080-\uFFFF]|[)?:]))(?:\(([A-H])\)|([A-H])\s*[.、:)])\s*/g;

/**
 * Options at the start of a line ("A.文字", "(B) 文字", "C、文字"), several on one line when their
 * letters follow one another ("A.是 B.否"). Returns null when the line does not start with an option.
 */
export function parseOptions(raw: string, norm: string, from = 0): QuestionOption[] | null {
  const found: { key: string; at: number; textAt: number }[] = [];
  OPTION_KEY.lastIndex = from;
  for (let m = OPTION_KEY.exec(norm); m; m = OPTION_KEY.exec(norm)) {
    const key = m[1] ?? m[2];
    const expected = found.length === 0 ? null : String.fromCharCode(found[found.length - 1].key.charCodeAt(0) + 1);
    if (expected === null ? m.index !== from : key !== expected) continue;
    found.push({ key, at: m.index, textAt: m.index + m[0].length });
  }
  if (found.length === 0) return null;
  const options = found.map((o, i) => ({
    key: o.key,
    text: raw.slice(o.textAt, i + 1 < found.length ? found[i + 1].at : raw.length).trim(),
  }));
  // "请比较A、B两种方案" names letters; options have text.
  return options.every((o) => o.text !== '') ? options : null;
}

/** Options written after the stem on the question line itself ("1.…() A.是 B.否"): needs two in a row. */
export function splitInlineOptions(raw: string, norm: string, from: number): { stemEnd: number; options: QuestionOption[] } | null {
  const first = /(?:\s|(?<=[)?:\u4e00-\u9fff]))(?:\(A\)|A\s*[.、])/.exec(norm.slice(from));
  if (!first) return null;
  const at = from + first.index;
  const options = parseOptions(raw, norm, at);
  if (!options || options.length < 2) return null;
  return { stemEnd: at, options };
}

/** Signs that a numbered line asks something, as opposed to a point of an article or an answer. */
const ASKS =
  /[?？]|\(\s*\)|_{2,}|^(请|如何|怎样|怎么|为什么|为何|简述|论述|试述|试论|阐述|概述|谈谈|说说|说明|描述|分析|列举|举例|解释|假设|假如|如果你|你会|你认为|你如何|结合|根据|比较|判断|以下|下列)|^(describe|explain|list|name|give|discuss|compare|outline|suggest|propose|write|draft|state|identify|evaluate|imagine|suppose|assume|a customer|an employee|you)\b/i;

export function looksLikeQuestion(norm: string): boolean {
  return ASKS.test(norm);
}

// "(5分)", "【5分】", "(本题5分)", "(5 points)", "[5 marks]".
const POINTS = /[([【]\s*(?:本小?题\s*)?(\d+(?:\.\d+)?)\s*(?:分|points?|marks?|pts?)\s*[)\]】]/i;

/** "(5分)" written on the question itself overrides the section's points each. */
export function parseQuestionPoints(norm: string): { points: number; at: number; length: number } | null {
  const m = POINTS.exec(norm);
  return m ? { points: Number(m[1]), at: m.index, length: m[0].length } : null;
}

/** Blanks in a fill-in stem: "____" runs, or "( )" / "（  ）" when no underscores are used. */
export function countBlanks(norm: string): number {
  const underscores = norm.match(/_{2,}/g)?.length ?? 0;
  return underscores > 0 ? underscores : (norm.match(/\(\s+\)|\(\)/g)?.length ?? 0);
}

/** "( B )", "( √ )" in a stem: the answer written where the candidate writes it; the brackets stay, emptied. */
export function takeBracketAnswer(raw: string, norm: string): { stem: string; answer: string } | null {
  const m = /\(\s*([A-H]{1,8}|√|×|○|◯|✓|✗|对|错|正确|错误|T)\s*\)/.exec(norm);
  if (!m) return null;
  return { stem: `${raw.slice(0, m.index)}( )${raw.slice(m.index + m[0].length)}`, answer: m[1] };
}

const STEM_COMPETENCIES = /\(\s*(?:考察点|考查点|考点|考核点)\s*:([^()]*)\)\s*$/;

/** "请介绍你自己。(考察点:表达能力)": competencies written at the end of the stem line. */
export function takeStemCompetencies(raw: string, norm: string): { stem: string; text: string } | null {
  const m = STEM_COMPETENCIES.exec(norm);
  if (!m) return null;
  return { stem: raw.slice(0, m.index).trim(), text: raw.slice(m.index + m[0].length - m[1].length - 1, m.index + m[0].length - 1) };
}
