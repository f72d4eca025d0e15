import { CN_NUMERAL, parseNumeral } from './normalise';
import type { SourceLine } from './normalise';
import { typeFromTitle } from './type-words';

export interface Declaration {
  count: number | null;
  pointsEach: number | null;
  /** Section total as written ("总分30分", or "(共1题,20分)"). */
  total: number | null;
  /** "每空2分": a fill-in question is worth this times its blanks. */
  pointsPerBlank: number | null;
}

export interface SectionHeading {
  /** Ordinal written in the heading (一 -> 1), null for unnumbered type headings. */
  ordinal: number | null;
  /** "一、" and "(一)" number separate levels of the same paper. */
  style: 'plain' | 'paren' | 'none';
  /** Title without numbering and without the count/points declaration, in the author's text. */
  title: string;
  titleNorm: string;
  declaration: Declaration;
  /** Rest of the line after a declaration, e.g. inline answers in "一、单选题 1.B 2.C". */
  tail: string;
}

const NUMBERED = new RegExp(
  `^(?:(${CN_NUMERAL})\\s*[、.]|\\(\\s*(${CN_NUMERAL})\\s*\\)|第\\s*(${CN_NUMERAL})\\s*(?:部分|大题|节|题型))\\s*(.*)$`,
);
/** An English heading without a number is nothing but a question type (and "questions" or "section"). */
const ENGLISH_TYPE_TITLE =
  /^(?:single[- ]choice|multiple[- ]choice|multiple[- ]select|multiple[- ]response|true\s*(?:or|\/|-)\s*false|fill[- ]in[- ]the[- ]blanks?|fill[- ]in|short[- ]answers?|essays?|case stud(?:y|ies)|scenarios?|open[- ]ended)(?:\s+(?:questions?|section|items?))?$/i;

/** English papers: "Part 1: Multiple Choice (5 questions, 2 points each)", "Section B - Essay (20 marks)". */
const ENGLISH_NUMBERED = /^(?:part|section)\s+([IVX]+|\d{1,2}|[A-H])\b\s*[:.\-–—]?\s*(.*)$/i;
const NUM = '(\\d+(?:\\.\\d+)?)';
const PTS = '(?:分|\\s*(?:points?|marks?|pts?)\\b)';
const COUNT = new RegExp(`共\\s*(\\d+|${CN_NUMERAL})\\s*(?:道|个)?\\s*小?题|(\\d+)\\s*questions?\\b`, 'i');
const EACH = new RegExp(`每(?:小|道)?题\\s*(?:各)?\\s*${NUM}\\s*分|${NUM}${PTS}\\s*each|each\\s*(?:question\\s*)?(?:is\\s*)?(?:worth\\s*)?${NUM}${PTS}`, 'i');
const PER_BLANK = new RegExp(`每(?:个)?空\\s*${NUM}\\s*分|${NUM}${PTS}\\s*(?:per|each|for each|a)\\s*blank`, 'i');
const TOTAL = new RegExp(`(?:总分|满分|合计|共计|小计|总计|共|total)\\s*:?\\s*${NUM}${PTS}|${NUM}${PTS}\\s*(?:in\\s*)?total`, 'i');
const BARE_POINTS = new RegExp(`^\\s*${NUM}${PTS}\\s*$`, 'i');
/** Where a declaration starts: "(共…", "共10题", "每题2分", "(20分)", "(5 questions", "(20 marks)". */
const DECL_START = new RegExp(
  `\\(?\\s*(?:共\\s*(?:\\d|${CN_NUMERAL})|每(?:小|道)?题|每(?:个)?空|本(?:大)?题|满分|总分|\\d+(?:\\.\\d+)?\\s*分\\s*\\)|\\d+\\s*(?:questions?|points?|marks?)\\b|total\\b|each\\b)`,
  'i',
);

const toNumber = (text: string | null): number | null => (text === null ? null : Number(text));

/** The first number found by a regex with several alternatives. */
function num(m: RegExpExecArray | null): string | null {
  return m?.slice(1).find((g) => g !== undefined) ?? null;
}

export function parseDeclaration(text: string): Declaration {
  const count = num(COUNT.exec(text));
  const each = EACH.exec(text);
  const perBlank = PER_BLANK.exec(text);
  const rest = [each, perBlank].reduce((t, m) => (m ? t.replace(m[0], '') : t), text).replace(COUNT, '');
  const total = num(TOTAL.exec(rest)) ?? num(BARE_POINTS.exec(rest.replace(/[()]/g, '').replace(/[,;]/g, '')));
  return {
    count: count === null ? null : parseNumeral(count),
    pointsEach: toNumber(num(each)),
    total: toNumber(total),
    pointsPerBlank: toNumber(num(perBlank)),
  };
}

function isEmptyDeclaration(d: Declaration): boolean {
  return d.count === null && d.pointsEach === null && d.total === null && d.pointsPerBlank === null;
}

/** Splits "单选题(共10题,每题2分) 1.B 2.C" into title, declaration and what follows it. */
/** Objective answers written on a key's section heading: "一、单选题 1.B 2.C", "一、单选题 1-5 BCADB". */
const ENTRIES_AFTER = /(?:\s+|\s*:\s*)\d{1,3}\s*(?:[.、:]\s*(?:[A-H]|正确|错误|对|错|√|×|○)|[-~]\s*\d)/;

function splitTitle(raw: string, norm: string): { title: string; declaration: Declaration; tail: string } {
  const start = DECL_START.exec(norm);
  if (!start) {
    const entries = ENTRIES_AFTER.exec(norm);
    // "单选题:1.B 2.C": the colon belongs to neither the title nor the entries.
    const end = entries ? entries.index : raw.length;
    return { title: raw.slice(0, end).trim(), declaration: parseDeclaration(''), tail: raw.slice(end).replace(/^\s*[:：]?\s*/, '') };
  }
  const opensParen = start[0].trimStart().startsWith('(');
  let end = norm.length;
  if (opensParen) {
    const close = norm.indexOf(')', start.index);
    if (close >= 0) end = close + 1;
  } else {
    // An unparenthesised declaration runs until something that is not part of it (inline answers).
    const after = /\s+\d+\s*[.、]/.exec(norm.slice(start.index));
    if (after) end = start.index + after.index;
  }
  const declaration = parseDeclaration(norm.slice(start.index, end));
  if (isEmptyDeclaration(declaration)) return { title: raw.trim(), declaration, tail: '' };
  return {
    title: raw.slice(0, start.index).trim(),
    declaration,
    tail: raw.slice(end).trim(),
  };
}

/**
 * "一、单选题(共10题,每题2分)", "(二)情景判断与常识", "第三部分 案例分析题", or an unnumbered
 * heading made of a type word and a declaration ("判断题(每题2分,共10分)").
 */
export function parseSectionHeading(line: SourceLine): SectionHeading | null {
  const english = ENGLISH_NUMBERED.exec(line.norm);
  if (english) return englishHeading(line, english);
  const roman = ROMAN_NUMBERED.exec(line.norm);
  if (roman) return romanHeading(line, roman);
  const m = NUMBERED.exec(line.norm);
  if (m) {
    const ordinalText = m[1] ?? m[2] ?? m[3];
    const offset = line.norm.length - m[4].length;
    const { title, declaration, tail } = splitTitle(line.raw.slice(offset), line.norm.slice(offset));
    if (title === '' || /^\d/.test(m[4])) return null;
    const titleNorm = line.norm.slice(offset, offset + title.length);
    return {
      ordinal: parseNumeral(ordinalText),
      style: m[1] ? 'plain' : m[2] ? 'paren' : 'none',
      title,
      titleNorm,
      declaration,
      tail,
    };
  }
  const { title, declaration, tail } = splitTitle(line.raw, line.norm);
  const titleNorm = line.norm.slice(0, title.length);
  const typed = typeFromTitle(titleNorm);
  // Unnumbered headings must be short and typed, or a sentence mentioning 选择题 (or a paper title
  // such as "2026年客服单选题练习") would become one.
  if (!typed || /[?。,:\d]/.test(titleNorm)) return null;
  // English: "Multiple Choice", "True or False Questions", with or without a declaration.
  if (/^[A-Za-z][A-Za-z\s/&-]*$/.test(titleNorm)) {
    return ENGLISH_TYPE_TITLE.test(titleNorm) ? { ordinal: null, style: 'none', title, titleNorm, declaration, tail } : null;
  }
  if (title.length > 8) return null;
  if (isEmptyDeclaration(declaration) && !/题$/.test(titleNorm.replace(/[()].*$/, ''))) return null;
  return { ordinal: null, style: 'none', title, titleNorm, declaration, tail };
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** Words without sentence punctuation: "Guest Relations", not "Check the booking, then…". */
const TITLE_LIKE = /^[^.?!,;:。？！，；：]+$/;
/** Word's roman list numbering of sections: "I. Single Choice (2 questions, 3 points each)", "III. Short Answer". */
const ROMAN_NUMBERED = new RegExp(`^(${[...ROMAN].sort((a, b) => b.length - a.length).join('|')})\\s*[.、)]\\s*(\\S.*)$`);

/** "2", "II" or "B" -> 2. */
function englishOrdinal(text: string): number {
  const upper = text.toUpperCase();
  if (/^\d+$/.test(upper)) return Number(upper);
  return ROMAN.includes(upper) ? ROMAN.indexOf(upper) + 1 : upper.charCodeAt(0) - 64;
}

/** "Part 2: True or False (5 questions, 2 points each)"; a bare "Section A" is its own title. */
function englishHeading(line: SourceLine, m: RegExpExecArray): SectionHeading {
  const offset = line.norm.length - m[2].length;
  const split = splitTitle(line.raw.slice(offset), line.norm.slice(offset));
  const title = split.title.replace(/[\s:.\-–—]+$/, '') || line.raw.slice(0, offset).replace(/[\s:.\-–—]+$/, '');
  const titleNorm = split.title === '' ? line.norm.slice(0, title.length) : line.norm.slice(offset, offset + title.length);
  return { ordinal: englishOrdinal(m[1]), style: 'plain', title, titleNorm, declaration: split.declaration, tail: split.tail };
}

/**
 * "II. True or False (…)". A roman heading that names no type and declares nothing must read as a
 * title (a few words, no sentence punctuation) and is only taken from "II." on, the reader then
 * checking that it continues the sequence: a lone "I. …" is as likely a point of a list.
 */
function romanHeading(line: SourceLine, m: RegExpExecArray): SectionHeading | null {
  const offset = line.norm.length - m[2].length;
  const { title, declaration, tail } = splitTitle(line.raw.slice(offset), line.norm.slice(offset));
  if (title === '' || /^\d/.test(m[2])) return null;
  const titleNorm = line.norm.slice(offset, offset + title.length);
  const ordinal = englishOrdinal(m[1]);
  const untitled = typeFromTitle(titleNorm) === null && isEmptyDeclaration(declaration);
  if (untitled && (ordinal === 1 || !TITLE_LIKE.test(titleNorm))) return null;
  return { ordinal, style: 'plain', title, titleNorm, declaration, tail };
}

const ANSWER_BLOCK =
  /^(?:(?:[一二三四五六七八九十]{1,3}\s*[、.]|\(\s*[一二三四五六七八九十]{1,3}\s*\)|(?:part|section)\s+\w{1,4}\s*[:.\-–—]?)\s*)?[【[]?\s*(答案与解析|答案及解析|参考答案与解析|参考答案及解析|参考答案与评分标准|参考答案|试卷答案|试题答案|答案解析|标准答案|答案|answer key(?: and explanations| & explanations)?|answers?(?: and explanations| & explanations| and marking guide)?|marking (?:scheme|guide))\s*[】\]]?\s*(\(.*\))?\s*:?$/i;

/** The heading of an answer key at the end of the paper ("答案与解析", "參考答案", "六、参考答案"). */
export function isAnswerBlockHeading(line: SourceLine): boolean {
  return ANSWER_BLOCK.test(line.norm);
}
