/** One numbered key point (给分点) of a reference answer. */
export interface KeyPoint {
  /** The marker without its trailing separator: "(1)", "①", "要点一", "第二步", "3" ... */
  label: string;
  text: string;
}

const CN_NUMBER = '[一二三四五六七八九十]+';

/**
 * The numbering styles reference answers use, most specific first. A style counts only when it
 * numbers at least two points, so a stray "1." inside a sentence does not split the answer.
 */
const MARKER_STYLES: RegExp[] = [
  /[（(]\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）]/gu,
  /[\u2460-\u2473\u2776-\u277f]/gu,
  new RegExp(`(?:要点|得分点|给分点)\\s*(?:\\d+|${CN_NUMBER})\\s*[:：、.．]?`, 'gu'),
  new RegExp(`第(?:\\d+|${CN_NUMBER})(?:步|点|条|方面)?\\s*[:：、，,]`, 'gu'),
  // "1." "2、" at the start of a line or after a sentence end; never "3.5" (a digit follows).
  /(?<=^|[\n。；;！!？?:：\s"“])\d{1,2}\s*[.．、](?!\d)/gu,
  new RegExp(`(?<=^|[\\n。；;\\s"“])${CN_NUMBER}、`, 'gu'),
];

const EDGE_PUNCTUATION = /^[\s,，.。;；:：、"“”'‘’]+|[\s,，;；:：、"“”'‘’]+$/gu;

/**
 * Splits a reference answer into its numbered key points. Picks the numbering style with the
 * most markers; text before the first marker is an introduction and is dropped. An answer with
 * no numbering at all is one key point.
 */
export function extractKeyPoints(referenceAnswer: string): KeyPoint[] {
  let best: RegExpMatchArray[] = [];
  for (const style of MARKER_STYLES) {
    const matches = [...referenceAnswer.matchAll(style)];
    if (matches.length >= 2 && matches.length > best.length) best = matches;
  }
  if (best.length === 0) {
    const text = referenceAnswer.replace(EDGE_PUNCTUATION, '');
    return text ? [{ label: '', text }] : [];
  }
  return best
    .map((match, index) => {
      const start = (match.index ?? 0) + match[0].length;
      const end = index + 1 < best.length ? (best[index + 1].index ?? referenceAnswer.length) : referenceAnswer.length;
      return { label: match[0].replace(/[\s:：、，,.．]+$/u, ''), text: referenceAnswer.slice(start, end).replace(EDGE_PUNCTUATION, '') };
    })
    .filter((point) => point.text.length > 0);
}
