import { DomainError, type FieldProblem } from '@assay/core';

/** The grading domain's errors; codes are stable for clients. */
export const GradingErrors = {
  taskNotFound: () => DomainError.notFound('grading_task'),
  answerNotFound: () => DomainError.notFound('grading_answer'),
  paperNotFound: () => DomainError.notFound('paper'),
  userNotFound: () => DomainError.invalid('grading.user_not_found', 'No staff member with this id.', [{ field: 'userId', reason: 'no staff member with this id' }]),
  leaseLost: () => new DomainError('conflict', 'grading.lease_lost', 'This task is no longer leased to you (the lease expired and it went back to the queue, or it was marked).'),
  notArbitration: () => new DomainError('conflict', 'grading.not_arbitration', 'This task is not waiting for arbitration.'),
  notLead: () => new DomainError('forbidden', 'grading.not_lead', 'Only an admin or a lead of this paper may do this.'),
  invalidMarks: (problems: FieldProblem[]) => DomainError.invalid('grading.invalid_marks', 'The scores do not fit the rubric.', problems),
  invalidPoints: (reason: string) => DomainError.invalid('grading.invalid_points', 'The points do not fit the question.', [{ field: 'points', reason }]),
  notFinal: () => new DomainError('conflict', 'grading.answer_not_final', 'Only an answer with a final mark can be a reference script.'),
};
