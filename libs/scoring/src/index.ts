export * from './types';
export { ScoringError, ScoringErrorCode } from './errors';
export { normaliseBlank, blankMatches } from './normalise';
export { scoreResponse, scoreAttempt } from './score';
export { isObjectiveQuestion, validateAnswerKey } from './validate';
export { validateRubric, scaleRubric } from './rubric';
export { seededRandom, shuffle, drawSample } from './random';
export { computeDeadline, secondsLeft, acceptsSave, type DeadlineInput } from './deadline';
export { round2 } from './round';
