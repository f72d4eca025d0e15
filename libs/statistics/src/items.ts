/**
 * Item analysis beyond Moodle: the classical upper-vs-lower 27% discrimination index, the share
 * of candidates choosing each option, the random guess score of our question types, and flags
 * with what to do about them.
 */
import type { QuestionContent } from '@assay/contracts';

/**
 * Kelley's upper-lower index: the mean mark (as a fraction of the maximum) of the top 27% of
 * candidates by total minus that of the bottom 27%. Range -1..1. Null below 4 candidates (a
 * group of one says nothing) or for a question worth nothing. Ties at the cut are broken by
 * candidate order, so the groups always have the same size.
 */
export function upperLowerIndex(marks: readonly number[], totals: readonly number[], maxMark: number, share = 0.27): number | null {
  if (marks.length !== totals.length) throw new RangeError('paired lists differ in length');
  const groupSize = Math.round(marks.length * share);
  if (marks.length < 4 || groupSize < 1 || maxMark === 0) return null;
  const byTotal = orderByTotal(totals);
  const average = (group: ArrayLike<number>) => Array.from(group).reduce((acc, i) => acc + marks[i], 0) / group.length / maxMark;
  return average(byTotal.subarray(byTotal.length - groupSize)) - average(byTotal.subarray(0, groupSize));
}

/** Candidates' indexes by total, ascending, ties by index. Kept per totals list: every question of a report sorts the same totals. */
const orders = new WeakMap<readonly number[], Int32Array>();

function orderByTotal(totals: readonly number[]): Int32Array {
  const known = orders.get(totals);
  if (known) return known;
  const order = Int32Array.from(totals.keys()).sort((a, b) => totals[a] - totals[b] || a - b);
  orders.set(totals, order);
  return order;
}

export interface OptionShare {
  key: string;
  count: number;
  /** Share of the candidates who answered the question (0-1). */
  share: number;
  correct: boolean;
}

export interface ResponseAnalysis {
  /** Candidates who gave any answer. */
  answered: number;
  /** Candidates shown the question who left it blank. */
  blank: number;
  options: OptionShare[];
}

/** One distinct answer to a choice question and how many candidates gave it. */
export interface CountedResponse {
  /** The option key(s) picked; null or [] for none. */
  picked: string | readonly string[] | null;
  count: number;
}

/**
 * Moodle's response analysis for choice questions: how many candidates chose each option. A
 * multiple-choice answer counts once for every option it picks, so shares may add up to more than 1.
 * Takes answers already counted (the database groups a cohort's answers), and how many candidates
 * were shown the question: those without a counted answer left it blank.
 */
export function responseAnalysis(optionKeys: readonly string[], correctKeys: readonly string[], responses: readonly CountedResponse[], shown: number): ResponseAnalysis {
  const counts = new Map(optionKeys.map((k) => [k, 0]));
  let answered = 0;
  for (const { picked, count } of responses) {
    const keys = picked === null ? [] : typeof picked === 'string' ? [picked] : picked;
    if (keys.length === 0) continue;
    answered += count;
    for (const key of new Set(keys)) {
      const current = counts.get(key);
      if (current !== undefined) counts.set(key, current + count);
    }
  }
  return {
    answered,
    blank: Math.max(0, shown - answered),
    options: optionKeys.map((key) => {
      const count = counts.get(key) ?? 0;
      return { key, count, share: answered === 0 ? 0 : count / answered, correct: correctKeys.includes(key) };
    }),
  };
}

/**
 * The fraction of the maximum a candidate earns on average by guessing, as Moodle defines it per
 * type: 1/options for a single choice (one right option), 1/2 for true/false; none for multiple
 * choice (Moodle: "pretty much impossible to compute"), blanks and open answers.
 */
export function randomGuessScore(question: Pick<QuestionContent, 'type' | 'options'>): number | null {
  switch (question.type) {
    case 'single_choice':
      return question.options.length > 0 ? 1 / question.options.length : null;
    case 'true_false':
      return 0.5;
    default:
      return null;
  }
}

export type ItemFlagCode = 'too_hard' | 'too_easy' | 'low_discrimination' | 'negative_discrimination';
export type TestFlagCode = 'low_reliability';

export interface Flag<Code extends string> {
  code: Code;
  /** What the figure says and what to do about it, for the paper's author. */
  advice: string;
}

export const ITEM_THRESHOLDS = { minFacility: 0.2, maxFacility: 0.8, minDiscrimination: 0.2, minAlpha: 0.7 } as const;

/**
 * Flags of one question. `facility` is a fraction (0-1) and `discrimination` a correlation
 * (-1..1, i.e. Moodle's discrimination index / 100); null figures raise no flag.
 */
export function itemFlags(facility: number | null, discrimination: number | null): Flag<ItemFlagCode>[] {
  const flags: Flag<ItemFlagCode>[] = [];
  if (facility !== null && facility < ITEM_THRESHOLDS.minFacility) {
    flags.push({ code: 'too_hard', advice: 'Fewer than 20% of the marks were earned: check the key and the wording, or move it to a harder paper.' });
  }
  if (facility !== null && facility > ITEM_THRESHOLDS.maxFacility) {
    flags.push({ code: 'too_easy', advice: 'More than 80% of the marks were earned: it barely separates candidates; make it harder or drop it.' });
  }
  if (discrimination !== null && discrimination < 0) {
    flags.push({ code: 'negative_discrimination', advice: 'Weaker candidates did better on it than stronger ones: check the answer key first, then the wording.' });
  } else if (discrimination !== null && discrimination < ITEM_THRESHOLDS.minDiscrimination) {
    flags.push({ code: 'low_discrimination', advice: 'It hardly tells strong from weak candidates: revise it or replace it.' });
  }
  return flags;
}

/** Flags of the whole paper; `alpha` is Cronbach's alpha as a fraction (Moodle's cic / 100). */
export function testFlags(alpha: number | null): Flag<TestFlagCode>[] {
  if (alpha === null || alpha >= ITEM_THRESHOLDS.minAlpha) return [];
  return [
    {
      code: 'low_reliability',
      advice: 'Internal consistency (alpha) is below 0.7: scores are too noisy to rank candidates closely; add questions or remove the flagged ones.',
    },
  ];
}
