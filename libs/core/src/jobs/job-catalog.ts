import type { JobsOptions } from 'bullmq';

/**
 * The one job catalogue shared by producers (api, services) and processors (worker): queue names,
 * job names, typed payloads and options. A job name belongs to exactly one queue.
 */
export enum QueueName {
  Mail = 'mail',
  Invitations = 'invitations',
  Maintenance = 'maintenance',
  Attempts = 'attempts',
  Analytics = 'analytics',
  Grading = 'grading',
  Webhooks = 'webhooks',
  Privacy = 'privacy',
}

export enum JobName {
  SendOutboxMessage = 'send-outbox-message',
  DispatchOutbox = 'dispatch-outbox',
  RemindInvitation = 'remind',
  SweepReminders = 'sweep-reminders',
  PurgeExpired = 'purge-expired',
  AttemptDeadline = 'deadline',
  ScoreAttempt = 'score-attempt',
  SweepOverdue = 'sweep-overdue',
  RefreshAnalytics = 'refresh-analytics',
  SweepAnalytics = 'sweep-analytics',
  CreateGradingTasks = 'create-grading-tasks',
  ReleaseGradingLeases = 'release-grading-leases',
  FinaliseGrading = 'finalise-grading',
  SweepGrading = 'sweep-grading',
  DeliverWebhooks = 'deliver-webhooks',
  SweepWebhooks = 'sweep-webhooks',
  EraseCandidate = 'erase-candidate',
  SweepRetention = 'sweep-retention',
}

/**
 * Payload of each job. Every tenant-scoped job carries `tenantId`; the maintenance jobs are the
 * exception: they act on all tenants through narrow SECURITY DEFINER functions.
 */
export interface JobPayloads {
  /** Deliver one outbox row. */
  [JobName.SendOutboxMessage]: { tenantId: string; outboxId: string };
  /** Re-queue outbox rows whose job was lost (Redis flushed, enqueue failed after commit). */
  [JobName.DispatchOutbox]: Record<string, never>;
  /** Reminder number `reminder` of an invitation for the window ending at `closesAt`. */
  [JobName.RemindInvitation]: { tenantId: string; invitationId: string; reminder: number; closesAt: string };
  /** Queues again reminder jobs lost to a Redis outage, shortly before they are due (all tenants). */
  [JobName.SweepReminders]: Record<string, never>;
  [JobName.PurgeExpired]: Record<string, never>;
  /** Submits an attempt still in progress at its deadline + grace. */
  [JobName.AttemptDeadline]: { tenantId: string; attemptId: string };
  /** Scores a submitted attempt's objective answers. */
  [JobName.ScoreAttempt]: { tenantId: string; attemptId: string };
  /** Submits overdue attempts whose deadline job was lost, and re-queues lost scoring jobs (all tenants). */
  [JobName.SweepOverdue]: Record<string, never>;
  /**
   * Recomputes the analytics snapshot of a paper version or job role. `window` is the debounce
   * window (see analyticsRefreshJobs in @assay/analytics): every request within one window is the
   * same job, run once when the window closes.
   */
  [JobName.RefreshAnalytics]: { tenantId: string; scope: 'paper_version' | 'job_role'; scopeId: string; window: number };
  /** Re-queues refreshes lost between a scoring or finalisation commit and its enqueue (all tenants). */
  [JobName.SweepAnalytics]: Record<string, never>;
  /** Turns the open answers of an attempt awaiting grading into grading tasks (idempotent). */
  [JobName.CreateGradingTasks]: { tenantId: string; attemptId: string };
  /** Returns tasks whose grader's lease expired to the queue (all tenants). */
  [JobName.ReleaseGradingLeases]: Record<string, never>;
  /** Final total, pass/fail and `graded` for one revision of an attempt's marks, exactly once. */
  [JobName.FinaliseGrading]: { tenantId: string; attemptId: string; revision: number };
  /** Re-queues lost task creation and finalisation jobs (all tenants). */
  [JobName.SweepGrading]: Record<string, never>;
  /**
   * Delivers the due deliveries of one webhook endpoint, oldest first. `at` (epoch ms) tells
   * apart the runs of one endpoint: when its events were written, a retry's time, the sweep's minute.
   */
  [JobName.DeliverWebhooks]: { tenantId: string; endpointId: string; at: number };
  /** Queues again deliveries of endpoints whose job was lost (all tenants). */
  [JobName.SweepWebhooks]: Record<string, never>;
  /** Erases one candidate's personal data past their company's retention period (docs/privacy.md); skipped once erased. */
  [JobName.EraseCandidate]: { tenantId: string; candidateId: string };
  /** Queues the erasure of candidates past their company's retention period, a batch at a time (all tenants). */
  [JobName.SweepRetention]: Record<string, never>;
}

export type JobOf<N extends JobName> = JobPayloads[N];

/**
 * Each job's id, built from its payload in this one place: the same work always gets the same id,
 * so it is never queued twice and can be found again to cancel or revive it. Null for the
 * repeatable jobs, whose scheduler names them.
 */
export const JOB_IDS: { [N in JobName]: ((data: JobOf<N>) => string) | null } = {
  [JobName.SendOutboxMessage]: (data) => data.outboxId,
  [JobName.DispatchOutbox]: null,
  // The window end is part of the id: an extended invitation gets new reminders, and the old ones
  // (cancelled, or skipped by the handler's state guard) can never remind for the old window.
  [JobName.RemindInvitation]: (data) => `${data.invitationId}-r${data.reminder}-${Date.parse(data.closesAt)}`,
  [JobName.SweepReminders]: null,
  [JobName.PurgeExpired]: null,
  [JobName.AttemptDeadline]: (data) => `deadline-${data.attemptId}`,
  [JobName.ScoreAttempt]: (data) => data.attemptId,
  [JobName.SweepOverdue]: null,
  [JobName.RefreshAnalytics]: (data) => `analytics-${data.scope}-${data.scopeId}-${data.window}`,
  [JobName.SweepAnalytics]: null,
  [JobName.CreateGradingTasks]: (data) => `grading-tasks-${data.attemptId}`,
  [JobName.ReleaseGradingLeases]: null,
  // The revision is part of the id: an override after finalisation needs a new finalisation.
  [JobName.FinaliseGrading]: (data) => `finalise-${data.attemptId}-r${data.revision}`,
  [JobName.SweepGrading]: null,
  [JobName.DeliverWebhooks]: (data) => `webhooks-${data.endpointId}-${data.at}`,
  [JobName.SweepWebhooks]: null,
  [JobName.EraseCandidate]: (data) => `erase-${data.candidateId}`,
  [JobName.SweepRetention]: null,
};

/** The catalogue's id of one job (undefined for repeatable jobs). */
export function jobIdOf<N extends JobName>(name: N, data: JobOf<N>): string | undefined {
  const build = JOB_IDS[name] as ((data: JobOf<N>) => string) | null;
  return build ? build(data) : undefined;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendOutboxMessage]: QueueName.Mail,
  [JobName.DispatchOutbox]: QueueName.Mail,
  [JobName.RemindInvitation]: QueueName.Invitations,
  [JobName.SweepReminders]: QueueName.Invitations,
  [JobName.PurgeExpired]: QueueName.Maintenance,
  [JobName.AttemptDeadline]: QueueName.Attempts,
  [JobName.ScoreAttempt]: QueueName.Attempts,
  [JobName.SweepOverdue]: QueueName.Attempts,
  [JobName.RefreshAnalytics]: QueueName.Analytics,
  [JobName.SweepAnalytics]: QueueName.Analytics,
  [JobName.CreateGradingTasks]: QueueName.Grading,
  [JobName.ReleaseGradingLeases]: QueueName.Grading,
  [JobName.FinaliseGrading]: QueueName.Grading,
  [JobName.SweepGrading]: QueueName.Grading,
  [JobName.DeliverWebhooks]: QueueName.Webhooks,
  [JobName.SweepWebhooks]: QueueName.Webhooks,
  [JobName.EraseCandidate]: QueueName.Privacy,
  [JobName.SweepRetention]: QueueName.Privacy,
};

/** Retries with exponential backoff; finished jobs are kept a while for inspection, then trimmed. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Mail]: 5,
  [QueueName.Invitations]: 5,
  [QueueName.Maintenance]: 1,
  [QueueName.Attempts]: 10,
  // Refreshes are heavy (a whole cohort each); two at a time leave the database to the requests.
  [QueueName.Analytics]: 2,
  [QueueName.Grading]: 5,
  // Each job holds one endpoint (deliveries to it go one at a time, in order); several endpoints at once.
  [QueueName.Webhooks]: 10,
  // Erasures are a few statements each and never urgent: two at a time leave the database to the requests.
  [QueueName.Privacy]: 2,
};

/** Repeatable jobs, upserted by the worker at start-up (idempotent: one scheduler per id). */
export const JOB_SCHEDULES: { name: JobName; everyMs: number }[] = [
  { name: JobName.DispatchOutbox, everyMs: 60_000 },
  // Every 10 minutes, looking 15 ahead (REMINDER_SWEEP_AHEAD): every reminder is seen before it is due.
  { name: JobName.SweepReminders, everyMs: 600_000 },
  { name: JobName.PurgeExpired, everyMs: 3600_000 },
  { name: JobName.SweepOverdue, everyMs: 60_000 },
  { name: JobName.ReleaseGradingLeases, everyMs: 30_000 },
  { name: JobName.SweepGrading, everyMs: 60_000 },
  { name: JobName.SweepAnalytics, everyMs: 60_000 },
  { name: JobName.SweepWebhooks, everyMs: 60_000 },
  { name: JobName.SweepRetention, everyMs: 3600_000 },
];
