import type { AttemptExport, AttemptRecord } from '@assay/attempts';
import type { GradingExport } from '@assay/grading';
import type { Candidate, CandidateMailRecord, Invitation } from '@assay/invitations';
import type { WebhookEventRecord } from '@assay/webhooks';

/** Names the document's shape; a new shape gets a new version. */
export const CANDIDATE_EXPORT_FORMAT = 'assay.candidate-export.v1';

/** What an erasure changed: counts of rows, never their content. */
export interface ErasureReport {
  candidateId: string;
  erasedAt: string;
  invitations: number;
  emails: number;
  attempts: number;
  answers: number;
  attemptEvents: number;
  gradingAnswers: number;
  gradingMarks: number;
  analyticsRows: number;
  webhookEvents: number;
  idempotentResponses: number;
}

/**
 * Everything held about one candidate (docs/privacy.md, "Export"). Questions, answer keys and
 * reference answers are the company's, not the person's data, and are left out; so are the
 * graders' identities and every other candidate.
 */
export interface CandidateExport {
  format: typeof CANDIDATE_EXPORT_FORMAT;
  exportedAt: string;
  candidate: Candidate;
  invitations: Invitation[];
  emails: CandidateMailRecord[];
  attempts: AttemptRecord[];
  answers: AttemptExport['responses'];
  attemptEvents: AttemptExport['events'];
  grading: GradingExport;
  webhookEvents: WebhookEventRecord[];
}
