/**
 * Thrown only for programming or data-integrity errors (an invalid question, impossible deadline
 * input). Candidate input never throws: a malformed response simply scores 0.
 */
export const ScoringErrorCode = {
  InvalidQuestion: 'SCORING_INVALID_QUESTION',
  InvalidRubric: 'SCORING_INVALID_RUBRIC',
  InvalidSample: 'SCORING_INVALID_SAMPLE',
  InvalidDeadlineInput: 'SCORING_INVALID_DEADLINE_INPUT',
} as const;
export type ScoringErrorCode = (typeof ScoringErrorCode)[keyof typeof ScoringErrorCode];

export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ScoringError';
  }
}
