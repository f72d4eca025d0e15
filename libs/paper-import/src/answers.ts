import type { AnswerKey } from '@assay/contracts';
import { normaliseText } from './normalise';

export interface ParsedAnswer<K extends AnswerKey> {
  key: K;
  /** Text after the key ("错误,部分商品不适用" -> "部分商品不适用"): an explanation. */
  rest: string;
}

function restAfter(text: string, length: number): string {
  return text.slice(length).replace(/^[\s,，。.;；:：、]+/, '').trim();
}

/** "B", "B,C", "BC", "B、C", "(A)", "Ｂ" -> sorted letters. Matched on the normalised text, which has the same length. */
export function parseChoiceAnswer(text: string): ParsedAnswer<string[]> | null {
  const m = /^\s*\(?\s*([A-H](?:\s*[,、，]?\s*[A-H])*)\s*\)?(?![A-Za-z])/.exec(normaliseText(text));
  if (!m) return null;
  const letters = [...new Set(m[1].replace(/[^A-H]/g, '').split(''))].sort();
  return { key: letters, rest: restAfter(text, m[0].length) };
}

const TRUE_WORDS = /^\s*(正确|正確|对|對|是|√|○|◯|✓|✔|T\b|true\b|Y\b)/i;
const FALSE_WORDS = /^\s*(错误|錯誤|错|錯|否|×|✗|✘|X\b|F\b|false\b|N\b)/i;

export function parseTrueFalseAnswer(text: string): ParsedAnswer<boolean> | null {
  const norm = normaliseText(text);
  const t = TRUE_WORDS.exec(norm);
  if (t) return { key: true, rest: restAfter(text, t[0].length) };
  const f = FALSE_WORDS.exec(norm);
  return f ? { key: false, rest: restAfter(text, f[0].length) } : null;
}

/** "答案1/答案2；第二空" -> [["答案1","答案2"],["第二空"]]: blanks by ；or ;, alternatives by / or 或. */
export function parseFillBlankAnswer(text: string): string[][] {
  return text
    .split(/[;；]|\s{2,}/)
    .map((blank) =>
      blank
        .replace(/^\s*(?:\(\d+\)|（\d+）|[①②③④⑤⑥⑦⑧⑨⑩]|第[一二三四五六七八九十\d]+空\s*[:：]?)/, '')
        .split(/[/／]|\s+或\s+/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    )
    .filter((alternatives) => alternatives.length > 0);
}
