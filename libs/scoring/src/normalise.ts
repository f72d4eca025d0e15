import type { BlankMatchOptions } from './types';

// Zero-width characters are invisible but survive copy-paste from web pages and some phone
// keyboards; \s does not match them, so they are removed explicitly.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;
const WHITESPACE = /\s+/gu;

// Only punctuation that ends or separates clauses, and quotes, is trimmed. Dashes, dots at the
// start, brackets, % and the like can be part of a real answer ("-5", ".5", "50%", "(a)").
// After NFKC the full-width forms (，．：；！？＂＇) are already ASCII, so only CJK marks are listed.
const LEADING_PUNCTUATION = /^[,;:、"'“”‘’「」『』《》]+/u;
const TRAILING_PUNCTUATION = /[.,;:!?。、…"'“”‘’「」『』《》]+$/u;

/**
 * The canonical form used to compare a fill-in-the-blank response with the accepted answers.
 *
 * Why each step: candidates type on phones with Chinese IMEs, which switch between full-width and
 * half-width forms ("ＡＢＣ" vs "abc", "１２" vs "12", "：" vs ":") and insert spaces, including the
 * ideographic space U+3000; Chinese text has no word spaces, so whitespace carries no meaning;
 * and candidates habitually end an answer with "。" or "." as if it were a sentence. None of these
 * should cost points. NFKC folds the width variants (and U+3000 into a plain space); the rest is
 * case folding, whitespace removal and trimming of sentence punctuation at the ends.
 *
 * Simplified/Traditional variants are deliberately not folded: list both as accepted answers.
 */
export function normaliseBlank(text: string, options: BlankMatchOptions = {}): string {
  const { caseSensitive = false, ignoreWhitespace = true } = options;
  let result = text.normalize('NFKC').replace(INVISIBLE, '');
  if (!caseSensitive) result = result.toLowerCase();
  result = ignoreWhitespace ? result.replace(WHITESPACE, '') : result.trim().replace(WHITESPACE, ' ');
  // Trimming can expose whitespace when it is kept ("北京 。"), hence the final trim.
  return result.replace(LEADING_PUNCTUATION, '').replace(TRAILING_PUNCTUATION, '').trim();
}

/** True when the response matches one of the accepted answers; an empty response never matches. */
export function blankMatches(response: string, accepted: readonly string[], options: BlankMatchOptions = {}): boolean {
  const normalisedResponse = normaliseBlank(response, options);
  if (normalisedResponse === '') return false;
  return accepted.some((answer) => normaliseBlank(answer, options) === normalisedResponse);
}
