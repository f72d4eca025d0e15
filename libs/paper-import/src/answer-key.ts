/** Syntax of the answer key at the end of a paper: "1.B", "题目1答案:", "1.B 2.C 3.A", "1-5 BCADB". */

const TOKEN = '(?:[A-H](?:\\s*[,、]?\\s*[A-H]){0,7}|正确|错误|对|错|是|否|√|×|○|◯|✓|✗|✔|✘|[Tt]rue|[Ff]alse|T)';
const TOKEN_ONLY = new RegExp(`^\\s*${TOKEN}\\s*(?:$|[\\s,;。]|解析|【)`);

/** The rest of an entry line starts with an objective answer ("B", "B,C", "错误", "√ 解析:…"). */
export function looksLikeAnswerToken(norm: string): boolean {
  return TOKEN_ONLY.test(norm);
}

export interface EntryStart {
  number: number;
  /** "题目1答案:" / "第1题": never a point of a previous answer. */
  explicit: boolean;
  textStart: number;
}

const EXPLICIT = /^(?:题目|第|question\s*)\s*(\d{1,3})\s*题?\s*(?:的)?\s*(?:参考)?(?:答案(?:与解析|及解析)?|解答)?\s*[:.、]?\s*/i;
const PLAIN = /^(\d{1,3})\s*(?:[.、](?!\d)|:)\s*/;

export function parseEntryStart(norm: string): EntryStart | null {
  const explicit = EXPLICIT.exec(norm);
  if (explicit) return { number: Number(explicit[1]), explicit: true, textStart: explicit[0].length };
  const plain = PLAIN.exec(norm);
  return plain ? { number: Number(plain[1]), explicit: false, textStart: plain[0].length } : null;
}

const ONE = new RegExp(`(\\d{1,3})\\s*[.、:]?\\s*(${TOKEN})(?=$|[\\s,;，；])`, 'g');
const RANGE = /(\d{1,3})\s*[-~～—]\s*(\d{1,3})\s*[.、:]?\s*([A-H]+)(?=$|[\s,;，；])/g;

/**
 * Several objective answers on one line. Returns them only when they cover the whole line, so a line
 * of prose that happens to contain "3.A" is not read as answers.
 */
export function entriesInLine(raw: string, norm: string): { number: number; answer: string }[] {
  const found: { number: number; answer: string; at: number; end: number }[] = [];
  for (const m of norm.matchAll(RANGE)) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (to - from + 1 !== m[3].length) continue;
    for (let n = from; n <= to; n++) found.push({ number: n, answer: m[3][n - from], at: m.index, end: m.index + m[0].length });
  }
  const covered = (at: number) => found.some((f) => at >= f.at && at < f.end);
  for (const m of norm.matchAll(ONE)) {
    if (covered(m.index)) continue;
    found.push({ number: Number(m[1]), answer: raw.slice(m.index + m[0].length - m[2].length, m.index + m[0].length), at: m.index, end: m.index + m[0].length });
  }
  let rest = norm;
  for (const f of found) rest = rest.slice(0, f.at) + ' '.repeat(f.end - f.at) + rest.slice(f.end);
  if (found.length === 0 || rest.replace(/[\s,;，；]/g, '') !== '') return [];
  return found.sort((a, b) => a.at - b.at || a.number - b.number).map(({ number, answer }) => ({ number, answer }));
}

const GRID_NUMBERS = /^(?:题号|题目|no\.?)\s*[:|]?\s*((?:\d{1,3}\s*\|?\s*){2,})$/i;
const GRID_ANSWERS = /^(?:答案|参考答案|answers?|key)\s*[:|]?\s*(.+)$/i;

/**
 * A key laid out as a table, one row of numbers over one row of answers ("题号 1 2 3" / "答案 B C A",
 * also with "|" between cells): the entries, or null when the two rows do not pair up.
 */
export function entriesInGrid(numbersNorm: string, answersNorm: string): { number: number; answer: string }[] | null {
  const n = GRID_NUMBERS.exec(numbersNorm);
  const a = GRID_ANSWERS.exec(answersNorm);
  if (!n || !a) return null;
  const numbers = n[1].split(/[\s|]+/).filter((cell) => cell !== '').map(Number);
  const answers = a[1].split(/[\s|]+/).filter((cell) => cell !== '');
  if (numbers.length !== answers.length || !answers.every((cell) => looksLikeAnswerToken(cell))) return null;
  return numbers.map((number, i) => ({ number, answer: answers[i] }));
}
