/** Han characters (CJK ideographs): Chinese is matched by character bigrams, other scripts by words. */
const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;
/** English function words carry no content; matching them would credit any sentence. */
const STOP_WORDS = new Set(['a', 'an', 'the', 'to', 'of', 'for', 'in', 'on', 'at', 'and', 'or', 'is', 'are', 'be', 'it', 'this', 'that', 'with', 'by', 'as', 'i', 'we', 'you', 'our', 'your', 'would', 'will']);

/** Full-width letters and digits to ASCII, lower case: "ＡＢＣ１２" and "abc12" match. */
export function foldWidth(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The matching units of a text: character bigrams inside each run of Han characters (a lone Han
 * character is its own unit), and whole words elsewhere. Punctuation and spaces separate runs.
 */
export function matchUnits(text: string): string[] {
  const units: string[] = [];
  const folded = foldWidth(text);
  let han = '';
  let word = '';
  const flushHan = () => {
    if (han.length === 1) units.push(han);
    for (let i = 0; i + 1 < han.length; i += 1) units.push(han.slice(i, i + 2));
    han = '';
  };
  const flushWord = () => {
    if (word && !STOP_WORDS.has(word)) units.push(word);
    word = '';
  };
  for (const char of folded) {
    if (HAN.test(char)) {
      flushWord();
      han += char;
    } else if (WORD.test(char)) {
      flushHan();
      word += char;
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
  return units;
}

/** Only letters, digits and Han characters, folded: what near-duplicate detection compares. */
export function compactText(text: string): string {
  return [...foldWidth(text)].filter((char) => HAN.test(char) || WORD.test(char)).join('');
}
