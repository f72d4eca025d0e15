export { roundMark, meanMark } from './marks';
export {
  MARKING_MODES,
  MARKING_ROUNDS,
  TOLERANCE_KINDS,
  DEFAULT_TOLERANCE,
  tolerancePoints,
  resolveMarks,
  type MarkingMode,
  type MarkingRound,
  type Tolerance,
  type RoundMarks,
  type Resolution,
  type FinalBasis,
  type ResolveInput,
} from './marking-rule';
export { checkRubricMarks, markingCriteria, type MarkProblem, type RubricMarkInput } from './rubric-marks';
export { extractKeyPoints, type KeyPoint } from './key-points';
export { matchKeyPoint, suggestMark, COVERED_AT, PARTLY_COVERED_AT, type KeyPointCoverage, type Suggestion } from './coverage';
export { shingles, jaccard, findNearDuplicates, NEAR_DUPLICATE_AT, MIN_COMPARABLE_LENGTH, type AnswerText, type SimilarPair } from './similarity';
export { matchUnits } from './text';
