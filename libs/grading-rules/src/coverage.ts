import type { KeyPoint } from './key-points';
import { roundMark } from './marks';
import { matchUnits } from './text';

/**
 * A key point is covered when at least this share of its units appears in one passage, and
 * half covered from PARTLY_COVERED_AT (chosen on the marked examples, see docs/grading.md).
 */
export const COVERED_AT = 0.4;
export const PARTLY_COVERED_AT = 0.2;
/** The longest passage considered: this many consecutive clauses of the answer. */
const MAX_CLAUSES = 3;

/** Whether the answer covers one key point, and the passage that does. */
export interface KeyPointCoverage {
  label: string;
  text: string;
  /** Share (0..1) of the key point's units found in the passage. */
  overlap: number;
  /** 1 covered, 0.5 partly covered, 0 not covered. */
  credit: 0 | 0.5 | 1;
  /** The answer's passage that matches best; null when nothing matches at all. */
  passage: string | null;
}

export interface Suggestion {
  points: number;
  keyPoints: KeyPointCoverage[];
}

/** Examples in brackets ("（如历史投诉记录）") illustrate a point; an answer need not repeat them. */
function withoutExamples(text: string): string {
  const stripped = text.replace(/[（(][^（()）]*[)）]/gu, ' ');
  return stripped.trim() ? stripped : text;
}

/**
 * What a key point is matched on: the whole point, and its head (the part before the first comma
 * or colon, e.g. "安抚情绪" of "安抚情绪，向客户表示理解"), which names it; the better match counts.
 */
function keyPointForms(text: string): string[] {
  const plain = withoutExamples(text);
  const head = plain.split(/[，,：:；;]/u)[0].trim();
  return head && head !== plain.trim() ? [plain, head] : [plain];
}

/** The answer's clauses, split at sentence and clause punctuation, with their text kept for evidence. */
function clausesOf(answer: string): string[] {
  return answer
    .split(/(?<=[。！？；;!?\n，,])/u)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0);
}

/**
 * The best passage of the answer for one key point: the run of 1 to 3 consecutive clauses that
 * contains the largest share of the key point's units (character bigrams for Chinese, words
 * otherwise), trying the whole point and its head; on a tie the first, shortest passage.
 */
export function matchKeyPoint(point: KeyPoint, answer: string): KeyPointCoverage {
  const clauses = clausesOf(answer);
  let best = { overlap: 0, passage: null as string | null };
  for (const form of keyPointForms(point.text)) {
    const wanted = new Set(matchUnits(form));
    if (wanted.size === 0) continue;
    for (let start = 0; start < clauses.length; start += 1) {
      for (let end = start + 1; end <= Math.min(clauses.length, start + MAX_CLAUSES); end += 1) {
        const passage = clauses.slice(start, end).join('');
        const found = new Set(matchUnits(passage).filter((unit) => wanted.has(unit)));
        const overlap = found.size / wanted.size;
        if (overlap > best.overlap) best = { overlap, passage };
      }
    }
  }
  const overlap = roundMark(best.overlap);
  const credit = overlap >= COVERED_AT ? 1 : overlap >= PARTLY_COVERED_AT ? 0.5 : 0;
  return { label: point.label, text: point.text, overlap, credit, passage: best.passage };
}

/**
 * The suggested mark: the question's points shared equally among the key points, each covered
 * point earning its share (half of it when partly covered), rounded to the nearest step a grader
 * may give (half or whole points).
 */
export function suggestMark(keyPoints: readonly KeyPoint[], answer: string, questionPoints: number, halfPoints: boolean): Suggestion {
  const coverage = keyPoints.map((point) => matchKeyPoint(point, answer));
  if (coverage.length === 0) return { points: 0, keyPoints: [] };
  const credit = coverage.reduce((sum, point) => sum + point.credit, 0);
  const step = halfPoints ? 0.5 : 1;
  const points = roundMark(Math.round((questionPoints * credit) / coverage.length / step) * step);
  return { points: Math.min(points, questionPoints), keyPoints: coverage };
}
