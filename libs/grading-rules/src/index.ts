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
export {
  shingles,
  jaccard,
  bandKeys,
  candidatesToCompare,
  closestNearDuplicates,
  findNearDuplicates,
  NEAR_DUPLICATE_AT,
  MIN_COMPARABLE_LENGTH,
  SHARED_BANDS_OF_NEAR_DUPLICATE,
  CLOSEST_KEPT,
  COMPARED_AT_MOST,
  BUCKET_READ_AT_MOST,
  type AnswerText,
  type SimilarPair,
  type BandCandidate,
  type NearDuplicate,
} from './similarity';
export { matchUnits } from './text';
