import { meanMark, roundMark } from './marks';

/**
 * How a paper's open answers are marked (网上阅卷 practice):
 * - `single`: one grader's mark is final;
 * - `double` (双评): two graders blind, third marking (三评) and arbitration (仲裁) on disagreement;
 * - `assisted_double`: the machine suggestion is the hidden second marker; a second human marks
 *   only when the first human and the suggestion disagree, and then the double rule applies.
 */
export const MARKING_MODES = ['single', 'double', 'assisted_double'] as const;
export type MarkingMode = (typeof MARKING_MODES)[number];

/** The marking rounds of one answer, in order. */
export const MARKING_ROUNDS = ['first', 'second', 'third', 'arbitration'] as const;
export type MarkingRound = (typeof MARKING_ROUNDS)[number];

/** How far two marks may differ and still agree: absolute points, or a share (0..1) of the question's points. */
export type Tolerance = { kind: 'points'; value: number } | { kind: 'share'; value: number };
export const TOLERANCE_KINDS = ['points', 'share'] as const;

/** A paper without marking settings: two marks agree within a fifth of the question's points. */
export const DEFAULT_TOLERANCE: Tolerance = { kind: 'share', value: 0.2 };

/** The tolerance in points for a question worth `questionPoints`. */
export function tolerancePoints(tolerance: Tolerance, questionPoints: number): number {
  return roundMark(tolerance.kind === 'points' ? tolerance.value : tolerance.value * questionPoints);
}

/** The marks given so far to one answer, by round. */
export type RoundMarks = Partial<Record<MarkingRound, number>>;

export interface ResolveInput {
  mode: MarkingMode;
  /** Tolerance in points (see tolerancePoints). */
  tolerance: number;
  marks: RoundMarks;
  /** The machine's suggested mark; used only by `assisted_double`. */
  suggestion?: number | null;
}

/** Either the answer's final mark (and which marks made it), or the round that must be marked next. */
export type Resolution =
  | { kind: 'final'; points: number; basis: FinalBasis }
  | { kind: 'needs'; round: MarkingRound }
  | { kind: 'waiting' };

export type FinalBasis = 'single' | 'assisted_agreed' | 'double_agreed' | 'third_agreed' | 'arbitration';

const within = (a: number, b: number, tolerance: number) => roundMark(Math.abs(a - b)) <= tolerance;

/**
 * The marking rule. Pure: given the marks so far, what is final or which round comes next.
 *
 * - An arbitration mark is always final.
 * - Two human marks within tolerance: their mean.
 * - Otherwise a third mark; final is the mean of the third mark and the earlier mark closest to
 *   it, if that one is within tolerance of it. When the third mark is exactly between the two,
 *   both are equally close and the mean of the three (which is the third mark) is final, so no
 *   grader's mark is preferred arbitrarily. Neither within tolerance: arbitration.
 * - assisted_double: the first human mark is final when the suggestion agrees with it; the
 *   suggestion only decides whether a second human is needed, it never enters the final mark.
 */
export function resolveMarks({ mode, tolerance, marks, suggestion }: ResolveInput): Resolution {
  if (marks.arbitration !== undefined) return { kind: 'final', points: marks.arbitration, basis: 'arbitration' };
  if (marks.first === undefined) return { kind: 'needs', round: 'first' };
  if (mode === 'single') return { kind: 'final', points: marks.first, basis: 'single' };
  if (mode === 'assisted_double' && marks.second === undefined) {
    if (suggestion === null || suggestion === undefined) return { kind: 'needs', round: 'second' };
    if (within(marks.first, suggestion, tolerance)) return { kind: 'final', points: marks.first, basis: 'assisted_agreed' };
    return { kind: 'needs', round: 'second' };
  }
  if (marks.second === undefined) return { kind: 'needs', round: 'second' };
  if (within(marks.first, marks.second, tolerance)) return { kind: 'final', points: meanMark(marks.first, marks.second), basis: 'double_agreed' };
  if (marks.third === undefined) return { kind: 'needs', round: 'third' };
  const third = marks.third;
  const toFirst = Math.abs(third - marks.first);
  const toSecond = Math.abs(third - marks.second);
  if (toFirst === toSecond) {
    if (within(third, marks.first, tolerance)) return { kind: 'final', points: roundMark((marks.first + marks.second + third) / 3), basis: 'third_agreed' };
  } else {
    const closest = toFirst < toSecond ? marks.first : marks.second;
    if (within(third, closest, tolerance)) return { kind: 'final', points: meanMark(third, closest), basis: 'third_agreed' };
  }
  return { kind: 'needs', round: 'arbitration' };
}
