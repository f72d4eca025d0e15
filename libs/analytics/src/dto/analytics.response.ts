import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * The response schemas of the analytics routes; docs/analytics.md defines every figure. Every
 * member is always present (null when there is nothing to compute), so each object requires all of
 * its members and the generated web client needs no optional chains.
 */
const str = { type: 'string' } as const;
const num = { type: 'number' } as const;
const nullableNum = { type: 'number', nullable: true } as const;
const int = { type: 'integer' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const object = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  ...(description ? { description } : {}),
});
const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
const flag = (codes: readonly string[]) => object({ code: { type: 'string', enum: [...codes] }, advice: { ...str, description: 'What the figure says and what to do about it.' } });

const SCORES = object({
  candidates: int,
  unit: { type: 'string', enum: ['points', 'percent'] },
  max: num,
  mean: nullableNum,
  sd: nullableNum,
  median: nullableNum,
  percentiles: { type: 'object', additionalProperties: { type: 'number', nullable: true } },
  histogram: list(object({ from: num, to: num, count: int }, 'One bin: from (inclusive), to (exclusive, but the last bin holds the maximum), count.')),
  passMark: nullableNum,
  passRate: nullableNum,
});

const RELIABILITY = object({
  alpha: nullableNum,
  sem: nullableNum,
  normGroupSize: int,
  tooSmallToRelyOn: { type: 'boolean' },
  flags: list(flag(['low_reliability'])),
});

const nullableStr = (values: readonly string[]) => ({ type: 'string', enum: [...values], nullable: true }) as SchemaObject;
const share = { ...nullableNum, description: 'A share from 0 to 1; null when there is nothing to count.' } as const;
const AGREEMENT = {
  pairs: int,
  exact: share,
  withinTolerance: share,
  thirdMarkingRate: share,
  arbitrationRate: share,
  icc: nullableNum,
  iccBand: nullableStr(['poor', 'moderate', 'good', 'excellent']),
};
const KAPPA_BAND = nullableStr(['poor', 'slight', 'fair', 'moderate', 'substantial', 'almost_perfect']);
const CHECKS = object({ checks: int, exact: share, withinTolerance: share, meanDifference: nullableNum });

const GRADING = {
  ...object(
    {
      answers: int,
      resolved: int,
      agreement: object(AGREEMENT, 'First against second marks of double-marked answers; ICC on fractions of each maximum.'),
      questions: list(
        object({
          questionId: uuid,
          stem: str,
          maxPoints: num,
          answers: int,
          resolved: int,
          agreement: object({ ...AGREEMENT, kappa: nullableNum, kappaBand: KAPPA_BAND }),
          suggestion: object(
            { answers: int, exact: share, withinTolerance: share, kappa: nullableNum, kappaBand: KAPPA_BAND, assistedSafe: { type: 'boolean' } },
            'The machine suggestion against final marks: where machine-assisted double marking is safe.',
          ),
        }),
      ),
      graders: list(
        object({
          graderId: uuid,
          name: str,
          marks: int,
          mean: num,
          sd: nullableNum,
          teamMean: num,
          teamSd: nullableNum,
          standardisedDifference: nullableNum,
          leaning: { type: 'string', enum: ['lenient', 'severe', 'in_line'] },
          middleBandShare: num,
          marksPerHour: nullableNum,
          reference: CHECKS,
          selfAgreement: CHECKS,
        }),
      ),
    },
    'Grader agreement, leanings, speed and quality checks, and suggestion quality per question; null when the cohort has no open answers.',
  ),
  nullable: true,
};

const QUIZ_STATISTICS = object(
  { attempts: int, maxMark: num, mean: nullableNum, median: nullableNum, standardDeviation: nullableNum, skewness: nullableNum, kurtosis: nullableNum, cic: nullableNum, errorRatio: nullableNum, standardError: nullableNum },
  "Moodle's quiz overall statistics (cic and errorRatio in percent).",
);

const ITEM = object({
  questionId: uuid,
  type: str,
  sectionTitle: str,
  stem: str,
  competencies: list(str),
  maxMark: num,
  attempts: int,
  facility: { ...nullableNum, description: 'Fraction of the marks earned, 0-1.' },
  sd: nullableNum,
  randomGuessScore: nullableNum,
  intendedWeight: nullableNum,
  effectiveWeight: nullableNum,
  discriminationIndex: { ...nullableNum, description: 'Percent, -100 to 100.' },
  discriminativeEfficiency: nullableNum,
  markVariance: nullableNum,
  otherMarkVariance: nullableNum,
  covariance: nullableNum,
  covarianceMax: nullableNum,
  covarianceWithOverallMark: nullableNum,
  upperLowerIndex: nullableNum,
  flags: list(flag(['too_hard', 'too_easy', 'low_discrimination', 'negative_discrimination'])),
  responses: {
    ...object({ answered: int, blank: int, options: list(object({ key: str, count: int, share: num, correct: { type: 'boolean' } })) }, 'Choice and true/false questions: how many chose each option.'),
    nullable: true,
  },
});

const REPORT = object({
  scope: { type: 'string', enum: ['paper_version', 'job_role'] },
  scopeId: uuid,
  title: str,
  jobRole: object({ id: uuid, name: str }),
  versions: list(object({ id: uuid, version: int, title: str, attempts: int })),
  funnel: object({
    invited: int,
    opened: int,
    started: int,
    submitted: int,
    graded: int,
    passed: int,
    completionRate: nullableNum,
    medianMinutes: nullableNum,
    dropOff: {
      ...object(
        {
          answeredNothing: int,
          sections: list(object({ sectionId: uuid, title: str, reached: int, leftHere: int })),
        },
        'Paper versions: candidates who reached each section, and who stopped in it without submitting (the deadline submitted).',
      ),
      nullable: true,
    },
  }),
  scores: SCORES,
  reliability: RELIABILITY,
  sections: list(object({ sectionId: uuid, title: str, mean: nullableNum, maxPoints: num })),
  competencies: list(object({ competency: str, mean: nullableNum, candidates: int })),
  questionTimes: list(
    object(
      { questionId: uuid, sectionTitle: str, stem: str, answered: int, medianSeconds: nullableNum },
      'Paper versions: median seconds per question in paper order, estimated from when each answer was first saved.',
    ),
  ),
  items: {
    ...object({ attempts: int, quiz: QUIZ_STATISTICS, questions: list(ITEM) }, "Moodle's quiz and question statistics of the objective questions (paper versions only), with flags and response analysis."),
    nullable: true,
  },
  awaitingGrading: int,
  grading: GRADING,
});

export const CANDIDATE_ROW = object({
  attemptId: uuid,
  invitationId: uuid,
  candidateId: uuid,
  name: str,
  email: str,
  status: str,
  final: { type: 'boolean' },
  paperVersionId: uuid,
  points: nullableNum,
  maxPoints: nullableNum,
  percent: nullableNum,
  band: { ...object({ low: num, high: num }, 'Score +/- SEM; null when not final or reliability is unknown.'), nullable: true },
  percentile: nullableNum,
  rank: { type: 'integer', nullable: true },
  sections: list(object({ sectionId: uuid, title: str, points: num, maxPoints: num })),
  competencies: list(object({ competency: str, score: num, rank: { type: 'integer', nullable: true } })),
  integrityEvents: int,
  minutes: nullableNum,
});

export const STORED_REPORT = object({ computedAt: { type: 'string', format: 'date-time' }, report: REPORT });

export const CANDIDATE_PAGE = object({ items: list(CANDIDATE_ROW), total: int, page: int, pageSize: int });

export const CANDIDATE_REPORT = object({
  computedAt: { type: 'string', format: 'date-time' },
  report: object({ scope: str, scopeId: uuid, title: str, jobRole: object({ id: uuid, name: str }), scores: SCORES, reliability: RELIABILITY, competencies: list(object({ competency: str, mean: nullableNum, candidates: int })) }),
  candidate: CANDIDATE_ROW,
  timePerQuestion: list(object({ questionId: uuid, seconds: num }, 'Seconds each answered question took, in answering order (estimated from first saves).')),
  similarityFlags: list(
    object(
      { questionId: uuid, similarity: num, otherAttemptId: uuid, otherCode: str },
      "Near-identical answers to the same question by another candidate of the paper (the other attempt and its graders' anonymous code): the closest 20 per question, most similar first.",
    ),
  ),
  similarityCounts: list(
    object(
      { questionId: uuid, others: int, shown: int },
      'Per question with near-identical answers: how many other candidates answered it near-identically (counted when read) and how many of them similarityFlags shows.',
    ),
  ),
});

export const COMPARISON = object({
  sem: nullableNum,
  unit: { type: 'string', enum: ['points', 'percent'] },
  candidates: list(CANDIDATE_ROW),
  pairs: list(object({ first: uuid, second: uuid, difference: nullableNum, result: { type: 'string', nullable: true, enum: ['higher', 'lower', 'not_distinguishable'] } })),
});
