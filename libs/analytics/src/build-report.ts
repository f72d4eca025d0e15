/**
 * Turns a cohort (attempts, marks, paper versions, invitation funnel) into the report snapshot.
 * No framework and no database: the refresh job loads the cohort, this computes every figure with
 * @assay/statistics, the job stores the result. Definitions: docs/analytics.md.
 */
import { isObjective, type QuestionType } from '@assay/contracts';
import type { SnapshotQuestion } from '@assay/papers';
import {
  competencyScores,
  histogram,
  internalConsistency,
  itemFlags,
  mean,
  median,
  moodleStatistics,
  passRate,
  percentile,
  percentileRanks,
  randomGuessScore,
  ranks,
  responseAnalysis,
  sampleSd,
  scoreBand,
  standardErrorOfMeasurement,
  testFlags,
  upperLowerIndex,
  MIN_NORM_GROUP,
  type Flag,
  type HistogramBin,
  type ItemFlagCode,
  type MoodleQuestionStatistics,
  type MoodleQuizStatistics,
  type ResponseAnalysis,
  type TestFlagCode,
} from '@assay/statistics';
import { buildGradingReport, type GradingReport } from './grading-report';
import { questionTimes, sectionDropOff, type QuestionTime, type SectionDropOff } from './timing';
import { isFinal, type AnswerCount, type Cohort, type CohortAttempt, type CohortVersion, type ReportScope } from './cohort';

const PERCENTILES = [10, 25, 50, 75, 90] as const;

interface QuestionPlace {
  question: SnapshotQuestion;
  sectionId: string;
  sectionTitle: string;
  pointsPerQuestion: number;
}

export interface Funnel {
  invited: number;
  opened: number;
  started: number;
  submitted: number;
  graded: number;
  /** Final attempts at or above their paper's pass mark. */
  passed: number;
  /** submitted / started (0-1). */
  completionRate: number | null;
  /** Median minutes from start to submission. */
  medianMinutes: number | null;
  /** Paper versions: where scored candidates stopped (docs/analytics.md, "Time and drop-off"). */
  dropOff: { answeredNothing: number; sections: SectionDropOff[] } | null;
}

export interface ScoreSummary {
  /** Final attempts the figures are computed from. */
  candidates: number;
  /** 'points' for a paper version (max = its total points), 'percent' for a job role (0-100 across papers). */
  unit: 'points' | 'percent';
  max: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  percentiles: Record<string, number | null>;
  histogram: HistogramBin[];
  passMark: number | null;
  passRate: number | null;
}

export interface Reliability {
  /** Cronbach's alpha (Moodle's cic / 100) of the final attempts on the questions all of them had. */
  alpha: number | null;
  /** Standard error of measurement in the summary's unit. */
  sem: number | null;
  normGroupSize: number;
  tooSmallToRelyOn: boolean;
  flags: Flag<TestFlagCode>[];
}

export interface ItemReport extends Omit<MoodleQuestionStatistics, 'index'> {
  questionId: string;
  type: QuestionType;
  sectionTitle: string;
  stem: string;
  competencies: string[];
  upperLowerIndex: number | null;
  flags: Flag<ItemFlagCode>[];
  responses: ResponseAnalysis | null;
}

export interface CandidateRow {
  attemptId: string;
  invitationId: string;
  candidateId: string;
  name: string;
  email: string;
  status: CohortAttempt['status'];
  final: boolean;
  paperVersionId: string;
  points: number | null;
  maxPoints: number | null;
  percent: number | null;
  /** Score +/- SEM in the summary's unit; null when not final or reliability is unknown. */
  band: { low: number; high: number } | null;
  /** Within the report's norm group (its final candidates). */
  percentile: number | null;
  rank: number | null;
  sections: { sectionId: string; title: string; points: number; maxPoints: number }[];
  /** 0-100 per competency, and the candidate's rank on it among final candidates. */
  competencies: { competency: string; score: number; rank: number | null }[];
  integrityEvents: number;
  minutes: number | null;
}

export interface Report {
  scope: ReportScope;
  scopeId: string;
  title: string;
  jobRole: { id: string; name: string };
  versions: { id: string; version: number; title: string; attempts: number }[];
  funnel: Funnel;
  scores: ScoreSummary;
  reliability: Reliability;
  sections: { sectionId: string; title: string; mean: number | null; maxPoints: number }[];
  competencies: { competency: string; mean: number | null; candidates: number }[];
  /** Paper versions: median seconds per question in paper order, estimated from first saves. */
  questionTimes: (QuestionTime & { sectionTitle: string; stem: string })[];
  /** Item analysis on the objective questions of every scored attempt, final or not (paper versions only). */
  items: { attempts: number; quiz: MoodleQuizStatistics; questions: ItemReport[] } | null;
  awaitingGrading: number;
  /** Grader agreement and leanings, suggestion quality per question; null without open answers (docs/analytics.md). */
  grading: GradingReport | null;
}

export interface BuiltReport {
  report: Report;
  candidates: CandidateRow[];
}

function questionPlaces(versions: readonly CohortVersion[]): Map<string, QuestionPlace> {
  const places = new Map<string, QuestionPlace>();
  for (const v of versions) {
    for (const section of v.snapshot.sections) {
      for (const question of section.questions) places.set(question.id, { question, sectionId: section.id, sectionTitle: section.title, pointsPerQuestion: section.pointsPerQuestion });
    }
  }
  return places;
}

/** Questions every attempt had (fixed sections): the only ones a Moodle matrix can hold without gaps. */
function commonQuestions(attempts: readonly CohortAttempt[]): string[] {
  if (attempts.length === 0) return [];
  // Attempts of one version mostly share one list object (the cohort's reader shares them): count lists, then ids.
  const lists = new Map<readonly string[], number>();
  for (const a of attempts) lists.set(a.questionIds, (lists.get(a.questionIds) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const [ids, count] of lists) for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + count);
  return attempts[0].questionIds.filter((id) => seen.get(id) === attempts.length);
}

/** `of(list)` once per distinct question list (lists are shared between attempts): per-question lookups done once, not once per attempt. */
function perList<T>(of: (questionIds: readonly string[]) => T): (questionIds: readonly string[]) => T {
  const cache = new Map<readonly string[], T>();
  return (questionIds) => {
    let value = cache.get(questionIds);
    if (value === undefined) {
      value = of(questionIds);
      cache.set(questionIds, value);
    }
    return value;
  };
}

/** Rows of attempts, columns of `questionIds` (each attempt holds them in its own order). */
function marksMatrix(attempts: readonly CohortAttempt[], questionIds: readonly string[]): (number | null)[][] {
  const column = new Map(questionIds.map((id, j) => [id, j]));
  return attempts.map((a) => {
    const row = new Array<number | null>(questionIds.length).fill(null);
    a.questionIds.forEach((id, i) => {
      const j = column.get(id);
      if (j !== undefined) row[j] = a.marks.points[i];
    });
    return row;
  });
}

/** A question is worth its section's points per question in the paper (not the bank's points). */
function maxMarksOf(questionIds: readonly string[], places: Map<string, QuestionPlace>): number[] {
  return questionIds.map((id) => places.get(id)?.pointsPerQuestion ?? 0);
}

function choiceAnalysis(question: SnapshotQuestion, answers: readonly AnswerCount[], shown: number): ResponseAnalysis | null {
  const picked = (answer: unknown): string | string[] | null => {
    if (typeof answer === 'string') return answer;
    if (typeof answer === 'boolean') return String(answer);
    if (Array.isArray(answer) && answer.every((a) => typeof a === 'string')) return answer as string[];
    return null;
  };
  const counted = answers.map((a) => ({ picked: picked(a.answer), count: a.count }));
  switch (question.type) {
    case 'single_choice':
      return responseAnalysis(question.options.map((o) => o.key), [String(question.answerKey)], counted, shown);
    case 'multiple_choice':
      return responseAnalysis(question.options.map((o) => o.key), (question.answerKey as string[]) ?? [], counted, shown);
    case 'true_false':
      return responseAnalysis(['true', 'false'], [String(question.answerKey)], counted, shown);
    default:
      return null;
  }
}

function itemAnalysis(cohort: Cohort, places: Map<string, QuestionPlace>): Report['items'] {
  const objective = commonQuestions(cohort.attempts).flatMap((id) => {
    const place = places.get(id);
    return place && isObjective(place.question.type) ? [place] : [];
  });
  if (objective.length === 0) return null;
  const questionIds = objective.map((p) => p.question.id);
  const marks = marksMatrix(cohort.attempts, questionIds);
  const maxMarks = maxMarksOf(questionIds, places);
  const answersOf = new Map<string, AnswerCount[]>();
  for (const count of cohort.answerCounts) answersOf.set(count.questionId, [...(answersOf.get(count.questionId) ?? []), count]);
  const stats = moodleStatistics({
    marks,
    maxMarks,
    randomGuessScores: objective.map((p) => randomGuessScore(p.question)),
  });
  const totals = marks.map((row) => row.reduce<number>((acc, m) => acc + (m ?? 0), 0));
  return {
    attempts: cohort.attempts.length,
    quiz: stats.quiz,
    questions: stats.questions.map(({ index, ...q }) => {
      const { question, sectionTitle } = objective[index];
      const column = marks.map((row) => row[index] ?? 0);
      return {
        ...q,
        questionId: question.id,
        type: question.type,
        sectionTitle,
        stem: question.stem.slice(0, 200),
        competencies: question.competencies.map((c) => c.name),
        upperLowerIndex: upperLowerIndex(column, totals, maxMarks[index]),
        flags: itemFlags(q.facility, q.discriminationIndex === null ? null : q.discriminationIndex / 100),
        responses: choiceAnalysis(question, answersOf.get(question.id) ?? [], cohort.attempts.length),
      };
    }),
  };
}

/** Alpha (0-1) of one version's final attempts over the questions all of them had. */
function versionAlpha(attempts: readonly CohortAttempt[], version: CohortVersion) {
  const own = attempts.filter((a) => a.paperVersionId === version.id);
  const questionIds = commonQuestions(own);
  if (questionIds.length === 0) return null;
  const cic = internalConsistency({ marks: marksMatrix(own, questionIds) });
  return cic === null ? null : cic / 100;
}

function dropOffOf(cohort: Cohort, version: CohortVersion | null, places: Map<string, QuestionPlace>): Funnel['dropOff'] {
  if (!version) return null;
  const order = new Map(version.snapshot.sections.map((s, i) => [s.id, i]));
  const attempts = cohort.attempts.map((a) => {
    const furthest = a.questionIds.reduce((acc, id, i) => (a.marks.firstSavedAt[i] === null ? acc : Math.max(acc, order.get(places.get(id)?.sectionId ?? '') ?? -1)), -1);
    return { furthest, submittedByCandidate: a.submittedBy === 'candidate' };
  });
  return {
    answeredNothing: attempts.filter((a) => a.furthest === -1).length,
    sections: sectionDropOff(
      version.snapshot.sections.map((s) => ({ sectionId: s.id, title: s.title })),
      attempts,
    ),
  };
}

function questionTimesOf(cohort: Cohort, version: CohortVersion | null, places: Map<string, QuestionPlace>): Report['questionTimes'] {
  if (!version) return [];
  const order = version.snapshot.sections.flatMap((s) => s.questions.map((q) => q.id));
  return questionTimes(
    order,
    cohort.attempts.map((a) => ({ startedAt: a.startedAt.getTime(), questionIds: a.questionIds, firstSavedAt: a.marks.firstSavedAt })),
  ).map((time) => {
      const place = places.get(time.questionId);
      return { ...time, sectionTitle: place?.sectionTitle ?? '', stem: (place?.question.stem ?? '').slice(0, 200) };
    });
}

function funnelOf(cohort: Cohort, final: readonly CohortAttempt[], passMarks: Map<string, number | null>, dropOff: Funnel['dropOff']): Funnel {
  const minutes = cohort.attempts.flatMap((a) => (a.submittedAt ? [(a.submittedAt.getTime() - a.startedAt.getTime()) / 60_000] : []));
  const passed = final.filter((a) => {
    const mark = passMarks.get(a.paperVersionId);
    return mark !== null && mark !== undefined && (a.points ?? 0) >= mark;
  }).length;
  const { invited, opened, started, submitted, graded } = cohort.funnel;
  return { invited, opened, started, submitted, graded, passed, completionRate: started > 0 ? submitted / started : null, medianMinutes: median(minutes), dropOff };
}

/**
 * Every attempt's score per competency and every final attempt's rank on it, as arrays aligned
 * with the cohort's attempts and the sorted competency names (no map per attempt: a role can have
 * 100,000). `of(k)` is attempt k's row entry; `cohort()` the report's means over final attempts.
 */
function competencyTable(attempts: readonly CohortAttempt[], places: Map<string, QuestionPlace>) {
  const all = [...new Set([...places.values()].flatMap((p) => p.question.competencies.map((c) => c.name)))].sort();
  const index = new Map(all.map((name, j) => [name, j]));
  const indexesOf = perList((ids) => ids.map((id) => places.get(id)?.question.competencies.map((c) => index.get(c.name) as number)));
  const scores = attempts.map((a) => competencyScores(a.marks.points, a.marks.maxPoints, indexesOf(a.questionIds), all.length));
  // Final attempts holding a score on competency j, and their ranks among themselves.
  const holders = all.map((_, j) => {
    const ks: number[] = [];
    attempts.forEach((a, k) => {
      if (isFinal(a) && scores[k][j] !== null) ks.push(k);
    });
    return ks;
  });
  const rankColumns = holders.map((ks, j) => {
    const column = new Array<number | null>(attempts.length).fill(null);
    const r = ranks(ks.map((k) => scores[k][j] as number));
    ks.forEach((k, i) => (column[k] = r[i]));
    return column;
  });
  // Competencies nobody could score on stay out of the report, as before.
  const used = all.flatMap((_, j) => (scores.some((row) => row[j] !== null) ? [j] : []));
  return {
    of: (k: number) => used.flatMap((j) => {
      const score = scores[k][j];
      return score === null ? [] : [{ competency: all[j], score, rank: rankColumns[j][k] }];
    }),
    cohort: () => used.map((j) => {
      const values = holders[j].map((k) => scores[k][j] as number);
      return { competency: all[j], mean: mean(values), candidates: values.length };
    }),
  };
}

/**
 * The report's candidate rows in its order (best first, those awaiting grading after every final
 * one), each built when asked for, and the report itself: the refresh writes the first rows while
 * the next ones and the report are built (build-report.task.ts).
 */
export interface ReportBuilder {
  candidates: number;
  /** The rows at positions start (inclusive) to end (exclusive). */
  rows(start: number, end: number): CandidateRow[];
  report(): Report;
}

/** The order of the candidate rows: final ones first, then by percent (none last), then by attempt id. */
function rankOrder(attempts: readonly CohortAttempt[], final: readonly boolean[], percents: readonly (number | null)[]): Int32Array {
  const order = Int32Array.from(attempts, (_, k) => k);
  return order.sort(
    (x, y) => Number(final[y]) - Number(final[x]) || (percents[y] ?? -1) - (percents[x] ?? -1) || (attempts[x].attemptId < attempts[y].attemptId ? -1 : 1),
  );
}

export function reportBuilder(cohort: Cohort, jobRole: { id: string; name: string }): ReportBuilder {
  const places = questionPlaces(cohort.versions);
  const versionOf = new Map(cohort.versions.map((v) => [v.id, v]));
  const final = cohort.attempts.filter(isFinal);
  const byVersion = cohort.scope === 'paper_version';
  const single = byVersion ? cohort.versions[0] : null;

  // A version reports in points on its own scale; a role mixes papers, so it reports percent.
  const unit: ScoreSummary['unit'] = byVersion ? 'points' : 'percent';
  const max = single ? single.snapshot.totalPoints : 100;
  const scoreOf = (a: CohortAttempt): number | null => {
    if (a.points === null) return null;
    if (byVersion) return a.points;
    return a.maxPoints ? (100 * a.points) / a.maxPoints : null;
  };
  const finalScores = final.map((a) => scoreOf(a) ?? 0);
  const passMarks = new Map(cohort.versions.map((v) => [v.id, v.snapshot.passMark]));

  // SEM per version, in the report's unit (a role converts each version's SEM to percent).
  const alphas = new Map(cohort.versions.map((v) => [v.id, versionAlpha(final, v)]));
  const semOf = (versionId: string): number | null => {
    const own = final.filter((a) => a.paperVersionId === versionId);
    const sem = standardErrorOfMeasurement(sampleSd(own.map((a) => a.points ?? 0)), alphas.get(versionId) ?? null);
    const total = versionOf.get(versionId)?.snapshot.totalPoints;
    if (sem === null) return null;
    return byVersion ? sem : total ? (100 * sem) / total : null;
  };
  const sems = new Map(cohort.versions.map((v) => [v.id, semOf(v.id)]));

  const ranked = percentileRanks(finalScores);
  const overallRanks = ranks(finalScores);
  const finalIndex = new Map(final.map((a, i) => [a.attemptId, i]));

  const competencies = competencyTable(cohort.attempts, places);

  const sectionIdsOf = perList((ids) => ids.map((id) => places.get(id)?.sectionId));
  const sectionsOf = (a: CohortAttempt) => {
    const version = versionOf.get(a.paperVersionId);
    if (!version) return [];
    const sectionIds = sectionIdsOf(a.questionIds);
    return version.snapshot.sections.map((s) => {
      let points = 0;
      let count = 0;
      sectionIds.forEach((id, i) => {
        if (id !== s.id) return;
        count += 1;
        points += a.marks.points[i] ?? 0;
      });
      return { sectionId: s.id, title: s.title, points, maxPoints: s.pointsPerQuestion * count };
    });
  };

  const isFinalAt = cohort.attempts.map((a) => finalIndex.has(a.attemptId));
  const percents = cohort.attempts.map((a) => (a.points !== null && a.maxPoints ? (100 * a.points) / a.maxPoints : null));
  const rowOf = (k: number): CandidateRow => {
    const a = cohort.attempts[k];
    const index = finalIndex.get(a.attemptId);
    const score = scoreOf(a);
    const sem = sems.get(a.paperVersionId) ?? null;
    const band = index !== undefined && score !== null && sem !== null ? scoreBand(score, sem) : null;
    return {
      attemptId: a.attemptId,
      invitationId: a.invitationId,
      candidateId: a.candidateId,
      name: a.name,
      email: a.email,
      status: a.status,
      final: index !== undefined,
      paperVersionId: a.paperVersionId,
      points: a.points,
      maxPoints: a.maxPoints,
      percent: percents[k],
      band: band && { low: band.low, high: band.high },
      percentile: index === undefined ? null : ranked[index].percentile,
      rank: index === undefined ? null : overallRanks[index],
      sections: sectionsOf(a),
      competencies: competencies.of(k),
      integrityEvents: a.integrityEvents,
      minutes: a.submittedAt ? (a.submittedAt.getTime() - a.startedAt.getTime()) / 60_000 : null,
    };
  };
  const order = rankOrder(cohort.attempts, isFinalAt, percents);

  const assemble = (): Report => {
    // The final candidates' sections in the rows' order (the means add them up in that order).
    const finalSections = single ? Array.from(order.filter((k) => isFinalAt[k]), (k) => sectionsOf(cohort.attempts[k])) : [];
    const funnel = funnelOf(cohort, final, passMarks, dropOffOf(cohort, single, places));
    // A role's pass rate counts each attempt against its own paper's pass mark.
    const rolePassRate = final.length > 0 && [...passMarks.values()].some((m) => m !== null) ? funnel.passed / final.length : null;
    const alpha = single ? (alphas.get(single.id) ?? null) : null;
    const report: Report = {
      scope: cohort.scope,
      scopeId: cohort.scopeId,
      title: single ? `${single.snapshot.title} v${single.version}` : jobRole.name,
      jobRole,
      versions: cohort.versions.map((v) => ({ id: v.id, version: v.version, title: v.snapshot.title, attempts: cohort.attempts.filter((a) => a.paperVersionId === v.id).length })),
      funnel,
      scores: {
        candidates: final.length,
        unit,
        max,
        mean: mean(finalScores),
        sd: sampleSd(finalScores),
        median: median(finalScores),
        percentiles: Object.fromEntries(PERCENTILES.map((p) => [`p${p}`, percentile(finalScores, p)])),
        histogram: histogram(finalScores, max > 0 ? max : 1),
        passMark: single ? single.snapshot.passMark : null,
        // A role's pass rate counts each attempt against its own paper's pass mark.
        passRate: single ? (single.snapshot.passMark === null ? null : passRate(finalScores, single.snapshot.passMark)) : rolePassRate,
      },
      reliability: {
        alpha,
        sem: single ? (sems.get(single.id) ?? null) : null,
        normGroupSize: final.length,
        tooSmallToRelyOn: final.length < MIN_NORM_GROUP,
        flags: testFlags(alpha),
      },
      sections: single
        ? single.snapshot.sections.map((s) => {
            const points = finalSections.map((sections) => sections.find((x) => x.sectionId === s.id)?.points ?? 0);
            return { sectionId: s.id, title: s.title, mean: mean(points), maxPoints: finalSections[0]?.find((x) => x.sectionId === s.id)?.maxPoints ?? 0 };
          })
        : [],
      competencies: competencies.cohort(),
      questionTimes: questionTimesOf(cohort, single, places),
      items: byVersion ? itemAnalysis(cohort, places) : null,
      awaitingGrading: cohort.attempts.length - final.length,
      grading: buildGradingReport(cohort.grading, (id) => places.get(id)?.question.stem ?? ''),
    };
    return report;
  };
  return {
    candidates: order.length,
    rows: (start, end) => Array.from(order.subarray(start, end), rowOf),
    report: assemble,
  };
}

export function buildReport(cohort: Cohort, jobRole: { id: string; name: string }): BuiltReport {
  const builder = reportBuilder(cohort, jobRole);
  return { report: builder.report(), candidates: builder.rows(0, builder.candidates) };
}
