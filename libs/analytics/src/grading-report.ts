/**
 * The grading part of a report: how far graders agree, who leans which way, how fast they work,
 * how they do on reference scripts and re-sent answers, and how good the machine suggestion is per
 * question. Pure: fed by the cohort's grading rows, computed with @assay/statistics.
 * Definitions: docs/analytics.md ("Graders").
 */
import {
  graderLeanings,
  iccBand,
  intraclassCorrelation,
  kappaBand,
  mean,
  quadraticWeightedKappa,
  type GraderLeaning,
  type IccBand,
  type KappaBand,
  type MarkPair,
} from '@assay/statistics';
import type { CohortCheck, CohortGradedAnswer, CohortGrading, CohortMark } from './cohort';

/** A gap between two marks longer than this is a break, not marking time. */
export const BREAK_AFTER_MS = 30 * 60_000;

/** The suggestion may stand in for the second marker where it agrees this well with final marks. */
export const ASSISTED_SAFE = { minAnswers: 30, minWithinTolerance: 0.9, minKappa: 0.8 } as const;

export interface Agreement {
  /** Answers marked by two graders (first and second round). */
  pairs: number;
  exact: number | null;
  withinTolerance: number | null;
  /** Share of double-marked answers that needed a third marker. */
  thirdMarkingRate: number | null;
  /** Share of double-marked answers that went to arbitration. */
  arbitrationRate: number | null;
  /** ICC(2,1) of the two marks; on fractions of the maximum when questions differ in size. */
  icc: number | null;
  iccBand: IccBand | null;
}

export interface SuggestionQuality {
  /** Resolved answers that had a suggestion. */
  answers: number;
  exact: number | null;
  withinTolerance: number | null;
  kappa: number | null;
  kappaBand: KappaBand | null;
  /** Enough evidence that machine-assisted double marking is safe on this question. */
  assistedSafe: boolean;
}

export interface QuestionGrading {
  questionId: string;
  stem: string;
  maxPoints: number;
  answers: number;
  resolved: number;
  agreement: Agreement & { kappa: number | null; kappaBand: KappaBand | null };
  suggestion: SuggestionQuality;
}

export interface CheckAgreement {
  checks: number;
  exact: number | null;
  withinTolerance: number | null;
  /** Mean of given − expected, in points: above 0 lenient, below 0 severe. */
  meanDifference: number | null;
}

export interface GraderReport extends Omit<GraderLeaning, 'grader'> {
  graderId: string;
  name: string;
  marksPerHour: number | null;
  reference: CheckAgreement;
  selfAgreement: CheckAgreement;
}

export interface GradingReport {
  answers: number;
  resolved: number;
  agreement: Agreement;
  questions: QuestionGrading[];
  graders: GraderReport[];
}

const share = (count: number, of: number) => (of > 0 ? count / of : null);

/** Two marks agree within a tolerance; the epsilon keeps 0.1 + 0.2 style sums inside it. */
const agrees = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance + 1e-9;

/** Kappa needs integer categories: marks are counted in half points, which keeps its value for whole ones. */
function kappaOf(pairs: readonly MarkPair[], maxPoints: number): number | null {
  const max = Math.round(maxPoints * 2);
  if (max < 1 || pairs.length === 0) return null;
  const halves = pairs.map((p) => ({ first: Math.min(max, Math.max(0, p.first * 2)), second: Math.min(max, Math.max(0, p.second * 2)) }));
  return quadraticWeightedKappa(halves, 0, max);
}

function marksByAnswer(marks: readonly CohortMark[]): Map<string, Partial<Record<CohortMark['round'], CohortMark>>> {
  const byAnswer = new Map<string, Partial<Record<CohortMark['round'], CohortMark>>>();
  for (const mark of marks) byAnswer.set(mark.answerId, { ...byAnswer.get(mark.answerId), [mark.round]: mark });
  return byAnswer;
}

/** Agreement of first and second marks over `answers`; `scale` turns points into the ICC's unit. */
function agreementOf(answers: readonly CohortGradedAnswer[], rounds: ReturnType<typeof marksByAnswer>, scale: (a: CohortGradedAnswer) => number): Agreement {
  const doubled = answers.flatMap((answer) => {
    const own = rounds.get(answer.answerId);
    return own?.first && own.second ? [{ answer, own, first: own.first.points, second: own.second.points }] : [];
  });
  // Within tolerance is per answer (each question has its own tolerance).
  const within = doubled.filter((d) => agrees(d.first, d.second, d.answer.tolerance)).length;
  const icc = intraclassCorrelation(doubled.map((d) => [d.first / scale(d.answer), d.second / scale(d.answer)]));
  return {
    pairs: doubled.length,
    exact: share(doubled.filter((d) => d.first === d.second).length, doubled.length),
    withinTolerance: share(within, doubled.length),
    thirdMarkingRate: share(doubled.filter((d) => d.own.third).length, doubled.length),
    arbitrationRate: share(doubled.filter((d) => d.own.arbitration).length, doubled.length),
    icc,
    iccBand: icc === null ? null : iccBand(icc),
  };
}

function suggestionQuality(answers: readonly CohortGradedAnswer[], maxPoints: number): SuggestionQuality {
  const judged = answers.filter((a) => a.finalPoints !== null && a.suggestedPoints !== null);
  const pairs = judged.map((a) => ({ first: a.suggestedPoints as number, second: a.finalPoints as number }));
  const within = judged.filter((a) => agrees(a.suggestedPoints as number, a.finalPoints as number, a.tolerance)).length;
  const kappa = kappaOf(pairs, maxPoints);
  const withinTolerance = share(within, judged.length);
  return {
    answers: judged.length,
    exact: share(pairs.filter((p) => p.first === p.second).length, judged.length),
    withinTolerance,
    kappa,
    kappaBand: kappa === null ? null : kappaBand(kappa),
    assistedSafe:
      judged.length >= ASSISTED_SAFE.minAnswers && (withinTolerance ?? 0) >= ASSISTED_SAFE.minWithinTolerance && kappa !== null && kappa >= ASSISTED_SAFE.minKappa,
  };
}

/**
 * Marks per hour of marking time: the gaps between a grader's consecutive marks, breaks (over
 * BREAK_AFTER_MS) left out; each counted gap is the time one mark took. Null below two marks.
 */
export function marksPerHour(times: readonly Date[]): number | null {
  const sorted = times.map((t) => t.getTime()).sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]).filter((gap) => gap <= BREAK_AFTER_MS);
  const working = gaps.reduce((a, b) => a + b, 0);
  return working > 0 ? gaps.length / (working / 3_600_000) : null;
}

export function checkAgreement(checks: readonly CohortCheck[]): CheckAgreement {
  return {
    checks: checks.length,
    exact: share(checks.filter((c) => c.given === c.expected).length, checks.length),
    withinTolerance: share(checks.filter((c) => agrees(c.given, c.expected, c.tolerance)).length, checks.length),
    meanDifference: mean(checks.map((c) => c.given - c.expected)),
  };
}

function graderReports(grading: CohortGrading, answers: Map<string, CohortGradedAnswer>): GraderReport[] {
  const fractions = grading.marks.flatMap((m) => {
    const answer = answers.get(m.answerId);
    return answer && answer.maxPoints > 0 ? [{ grader: m.graderId, question: answer.questionId, fraction: m.points / answer.maxPoints }] : [];
  });
  const names = new Map(grading.graders.map((g) => [g.id, g.name]));
  return graderLeanings(fractions)
    .map(({ grader, ...leaning }) => {
      const checks = grading.checks.filter((c) => c.graderId === grader);
      return {
        graderId: grader,
        name: names.get(grader) ?? '',
        ...leaning,
        marksPerHour: marksPerHour(grading.marks.filter((m) => m.graderId === grader).map((m) => m.at)),
        reference: checkAgreement(checks.filter((c) => c.kind === 'reference')),
        selfAgreement: checkAgreement(checks.filter((c) => c.kind === 'self_check')),
      };
    })
    .sort((a, b) => b.marks - a.marks || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Null when the cohort has no open answers. */
export function buildGradingReport(grading: CohortGrading, stemOf: (questionId: string) => string): GradingReport | null {
  if (grading.answers.length === 0) return null;
  const rounds = marksByAnswer(grading.marks);
  const byQuestion = new Map<string, CohortGradedAnswer[]>();
  for (const answer of grading.answers) byQuestion.set(answer.questionId, [...(byQuestion.get(answer.questionId) ?? []), answer]);
  const questions = [...byQuestion].map(([questionId, answers]): QuestionGrading => {
    const maxPoints = Math.max(...answers.map((a) => a.maxPoints));
    const pairs = answers.flatMap((a) => {
      const own = rounds.get(a.answerId);
      return own?.first && own.second ? [{ first: own.first.points, second: own.second.points }] : [];
    });
    const kappa = kappaOf(pairs, maxPoints);
    return {
      questionId,
      stem: stemOf(questionId).slice(0, 200),
      maxPoints,
      answers: answers.length,
      resolved: answers.filter((a) => a.finalPoints !== null).length,
      agreement: { ...agreementOf(answers, rounds, () => 1), kappa, kappaBand: kappa === null ? null : kappaBand(kappa) },
      suggestion: suggestionQuality(answers, maxPoints),
    };
  });
  return {
    answers: grading.answers.length,
    resolved: grading.answers.filter((a) => a.finalPoints !== null).length,
    agreement: agreementOf(grading.answers, rounds, (a) => a.maxPoints || 1),
    questions,
    graders: graderReports(grading, new Map(grading.answers.map((a) => [a.answerId, a]))),
  };
}
