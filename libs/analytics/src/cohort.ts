import type { AttemptStatus } from '@assay/contracts';
import type { PaperSnapshot } from '@assay/papers';

/** What a report is computed from: read once per refresh from the other domains' tables. */
export type ReportScope = 'paper_version' | 'job_role';

export interface CohortAttempt {
  attemptId: string;
  invitationId: string;
  candidateId: string;
  name: string;
  email: string;
  status: AttemptStatus;
  paperVersionId: string;
  points: number | null;
  maxPoints: number | null;
  startedAt: Date;
  submittedAt: Date | null;
  /** Who ended the attempt: the candidate, or the deadline (job or sweep). */
  submittedBy: 'candidate' | 'deadline' | 'sweep' | null;
  /** The attempt's questions in its own order; `marks` are aligned with it. */
  questionIds: string[];
  marks: AttemptMarks;
  integrityEvents: number;
}

/**
 * An attempt's marks as columns aligned with its `questionIds` (entry i is question i): one
 * object per attempt rather than per answer, so 100,000 attempts of 30 questions stay small.
 */
export interface AttemptMarks {
  /** Null while the answer waits for a grader (or when there is no response row). */
  points: (number | null)[];
  maxPoints: (number | null)[];
  /** When the candidate first saved an answer to it (ms since the epoch); null if never, or saved before this was recorded. */
  firstSavedAt: (number | null)[];
}

/** How many of the cohort's attempts gave one answer to an objective question (counted by the database). */
export interface AnswerCount {
  questionId: string;
  answer: unknown;
  count: number;
}

export interface CohortVersion {
  id: string;
  version: number;
  snapshot: PaperSnapshot;
}

/** Invitation counts: each stage counts everyone who reached it (a submitted candidate also opened and started). */
export interface FunnelCounts {
  invited: number;
  opened: number;
  started: number;
  submitted: number;
  graded: number;
}

export interface Cohort {
  scope: ReportScope;
  scopeId: string;
  /** Scored attempts (objective scoring done), final or waiting for graders. */
  attempts: CohortAttempt[];
  /** The answers to the objective questions, counted, for the response analysis. */
  answerCounts: AnswerCount[];
  versions: CohortVersion[];
  funnel: FunnelCounts;
  grading: CohortGrading;
}

/** Final: every answer has its mark. Awaiting grading: objective marks only. */
export const FINAL_STATUSES: readonly AttemptStatus[] = ['scored', 'graded'];
export const isFinal = (a: CohortAttempt) => FINAL_STATUSES.includes(a.status);

/** An open answer of the cohort as the grading domain holds it. */
export interface CohortGradedAnswer {
  answerId: string;
  questionId: string;
  maxPoints: number;
  /** The paper's tolerance for this question, in points. */
  tolerance: number;
  suggestedPoints: number | null;
  /** Null until the marking rule resolves the answer. */
  finalPoints: number | null;
}

/** One grader's mark on a candidate's answer (reference scripts and self-checks are in `checks`). */
export interface CohortMark {
  answerId: string;
  round: 'first' | 'second' | 'third' | 'arbitration';
  graderId: string;
  points: number;
  at: Date;
}

/** A grader's mark on a reference script (标准卷) or a re-sent answer of their own (自评卷). */
export interface CohortCheck {
  graderId: string;
  kind: 'reference' | 'self_check';
  expected: number;
  given: number;
  tolerance: number;
}

export interface CohortGrading {
  answers: CohortGradedAnswer[];
  marks: CohortMark[];
  checks: CohortCheck[];
  graders: { id: string; name: string }[];
}
