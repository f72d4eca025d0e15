import { DomainError } from '@assay/core';

/** Codes candidates' clients switch on (see docs/attempts.md). */
export const AttemptErrors = {
  notFound: () => new DomainError('not_found', 'attempt.not_found', 'No such attempt, or the attempt token does not belong to it.'),
  tokenRequired: () =>
    new DomainError('unauthenticated', 'attempt.token_required', 'Send the attempt token you received on starting as the X-Attempt-Token header.'),
  takenOver: () =>
    new DomainError('conflict', 'attempt.taken_over', 'The test was continued on another device; this page can no longer save. Continue on the other device, or open the link again here to take it back.'),
  timeUp: () => new DomainError('conflict', 'attempt.time_up', 'Time is up: this answer arrived after the deadline and was not saved. Everything saved before the deadline is kept.'),
  submitted: () => new DomainError('conflict', 'attempt.submitted', 'The test has been submitted; answers can no longer change.'),
  questionNotFound: () => new DomainError('not_found', 'attempt.question_not_found', 'This question is not part of this attempt.'),
  notOpenYet: () => new DomainError('conflict', 'attempt.not_open_yet', 'The assessment is not open yet; open the link again when the window starts.'),
  windowClosed: () => new DomainError('conflict', 'attempt.window_closed', 'The time window of this assessment has ended.'),
};
