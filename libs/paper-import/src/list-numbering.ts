/**
 * Word's automatic list numbering, shared by the .docx reader (numbering.xml) and the .doc reader
 * (the binary list tables): the numbers ("1.", "A、", "(二)", "①") are not in the text runs, so each
 * reader describes a list's levels in this form and the counters here re-create them.
 */

/** One level of a list: its first number, its number format (OOXML ST_NumberFormat names) and its
 * level text, "%1." or "(%2)" or "第%1题", where %N is the current number of level N (1-based). */
export interface ListLevel {
  start: number;
  format: string;
  text: string;
}

/** The running counters of every list of a document, fed its numbered paragraphs in order. */
export class ListCounters {
  private readonly counters = new Map<string, number[]>();

  /** The number Word shows before the next item at `level` of `list` ("3.", "(二)", "C、"), or ''. */
  next(list: string, levels: ListLevel[], level: number): string {
    const current = levels[level];
    if (!current) return '';
    const counts = this.counters.get(list) ?? levels.map((l) => l.start - 1);
    counts[level]++;
    // A new item of a level restarts the levels below it.
    for (let deeper = level + 1; deeper < counts.length; deeper++) counts[deeper] = levels[deeper].start - 1;
    this.counters.set(list, counts);
    if (current.format === 'bullet' || current.format === 'none') return '';
    return current.text.replace(/%(\d)/g, (_m, d: string) => formatNumber(counts[Number(d) - 1] ?? 0, levels[Number(d) - 1]?.format ?? 'decimal'));
  }
}

/**
 * Word puts a tab between a list number and the text; it is left out ("1.客服…") except between a
 * number and a Latin word, which would otherwise run together ("1.A customer" reads as option A).
 */
export function numbered(label: string, text: string): string {
  return label !== '' && /^[A-Za-z0-9]/.test(text) ? `${label} ${text}` : label + text;
}

const CN = '零一二三四五六七八九';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function chinese(n: number): string {
  if (n < 10) return CN[n];
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
  return String(n);
}

function letters(n: number): string {
  // Word repeats the letter past Z: AA, BB.
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, symbol] of table) for (; n >= value; n -= value) out += symbol;
  return out;
}

/** A list number in one of Word's formats; formats without a rule here read as decimal. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chinese(n);
    case 'ideographTraditional':
      return '甲乙丙丁戊己庚辛壬癸'[n - 1] ?? String(n);
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    default:
      return String(n);
  }
}
