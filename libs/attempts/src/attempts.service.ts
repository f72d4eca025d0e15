import { randomUUID, type KeyObject } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AttemptStatus } from '@assay/contracts';
import { afterCommit, AppConfig, DomainError, driverPool, JobName, JobQueue, loggableError, TenantTransaction } from '@assay/core';
import { InvitationsService, LINK_NOT_FOUND, LinksService } from '@assay/invitations';
import { candidatePaper, PAPER_NOT_PUBLISHED, type CandidatePaper } from '@assay/papers';
import { secondsLeft } from '@assay/scoring';
import { AttemptErrors } from './attempt-errors';
import { ATTEMPT_ACCESS, LOCK_AGAINST_SAVES, RECORD_EVENTS, SAVE_ANSWERS, SAVE_ANSWERS_BATCH, START_ATTEMPT } from './attempt-sql';
import { attemptTokenKey, AttemptTokenTenants, hashAttemptToken, newAttemptToken } from './attempt-token';
import { PaperSnapshots } from './paper-snapshots';
import { SaveBatches, type SaveCall } from './save-batches';

export type SubmittedBy = 'candidate' | 'deadline' | 'sweep';

/** Who is calling from the candidate's side: their IP address and user agent, recorded with events. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface AnswerInput {
  questionId: string;
  answer: unknown;
  seq: number;
}

export interface Clock {
  serverTime: string;
  secondsLeft: number;
}

export interface StartedAttempt extends Clock {
  attemptId: string;
  /** Send as X-Attempt-Token on every later call; shown once. */
  attemptToken: string;
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  /** True when an attempt already running (on another device) was taken over. */
  takenOver: boolean;
}

export interface SavedAnswer {
  questionId: string;
  /** `saved`: this seq (or a retry of it) is stored; `superseded`: a newer seq is already stored. */
  status: 'saved' | 'superseded' | 'unknown_question';
  storedSeq: number | null;
}

/** An attempt's open answers waiting for graders (see AttemptsService.openAnswers). */
export interface OpenAnswers {
  paperId: string;
  paperVersionId: string;
  answers: { questionId: string; text: string }[];
}

export interface AttemptResult {
  points: number;
  maxPoints: number;
  pendingManual: number;
}

export interface CandidateAttemptView extends Clock {
  id: string;
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  graceSeconds: number;
  submittedAt: string | null;
  paper: CandidatePaper;
  answers: { questionId: string; answer: unknown; seq: number; savedAt: string }[];
  /** Only when the paper shows scores to candidates and the objective part is scored. */
  result: AttemptResult | null;
}

export interface SubmittedAttempt {
  id: string;
  status: AttemptStatus;
  submittedAt: string;
  result: AttemptResult | null;
}

interface AttemptRow {
  id: string;
  invitation_id: string;
  paper_id: string;
  paper_version_id: string;
  question_ids: string[];
  status: AttemptStatus;
  started_at: Date;
  deadline: Date;
  grace_seconds: number;
  submitted_at: Date | null;
  points: string | null;
  max_points: string | null;
  pending_manual: number | null;
  last_ip: string | null;
  last_user_agent: string | null;
}

/** The row of START_ATTEMPT: the attempt columns are null for a refusal or `version`. */
interface StartRow {
  outcome: 'started' | 'taken_over' | 'version' | StartRefusal;
  attempt_id: string;
  status: AttemptStatus;
  started_at: Date;
  deadline: Date;
  grace_seconds: number;
  server_time: Date;
  version_id: string | null;
  closes_at: Date;
  reminder_hours: number[];
  endpoint_ids: string[] | null;
}

type StartRefusal = 'link_not_found' | 'not_open_yet' | 'window_closed' | 'submitted' | 'time_up' | 'not_published';

/** The row of SAVE_ANSWERS. */
interface SaveRow {
  deadline: Date;
  server_time: Date;
  items: { questionId: string; known: boolean; storedSeq: string | number | null }[];
}

/** One element of SAVE_ANSWERS_BATCH's array. */
function batchElement(call: SaveCall<AnswerInput>): Record<string, unknown> {
  return { attemptId: call.attemptId, tokenHash: call.tokenHash, ip: call.ip, ua: call.userAgent, answers: call.answers };
}

const MAX_EVENTS_PER_CALL = 100;
/** Server-written event types; clients cannot send them. */
export const SERVER_EVENT_TYPES = ['started', 'taken_over', 'client_changed', 'submitted'] as const;


@Injectable()
export class AttemptsService {
  private readonly logger = new Logger(AttemptsService.name);

  constructor(
    private readonly tx: TenantTransaction,
    /** Only for SAVE_ANSWERS and START_ATTEMPT, statements that bind their own tenant; everything else goes through tx. */
    private readonly dataSource: DataSource,
    private readonly links: LinksService,
    private readonly invitations: InvitationsService,
    private readonly snapshots: PaperSnapshots,
    private readonly jobs: JobQueue,
    config: AppConfig,
  ) {
    this.tokenKey = attemptTokenKey(config.LINK_SECRET);
    this.tokenTenants = new AttemptTokenTenants(this.tokenKey);
  }

  /** Seals the tenant inside attempt tokens (attempt-token.ts). */
  private readonly tokenKey: KeyObject;
  /** Opens them, remembering the seals of running attempts (every save of an attempt sends the same token). */
  private readonly tokenTenants: AttemptTokenTenants;

  /**
   * Starts the attempt of an invitation, or takes over the running one (a second device): a new
   * attempt token, the old one answers 409 attempt.taken_over. Two round trips: the link's
   * invitation (and its tenant and paper), then START_ATTEMPT, one autocommit statement that locks
   * the invitation (two devices starting at once serialise), checks it, and inserts the attempt
   * drawn here from the cached snapshot of the paper's latest version (guessed from the last start
   * of the paper and checked there; a wrong guess costs one more call). Redis work (the deadline
   * job, the webhook deliveries, dropping the reminders) follows the commit, is not awaited and may
   * fail without failing the start: the sweeps recover what it lost.
   */
  async start(linkToken: string, client: ClientInfo): Promise<StartedAttempt> {
    const { tenantId, invitationId, paperId } = await this.links.resolve(linkToken);
    const attemptToken = newAttemptToken(tenantId, this.tokenKey);
    const tokenHash = hashAttemptToken(attemptToken);
    const attemptId = randomUUID();
    let row = await this.startAs(tenantId, invitationId, this.snapshots.latestGuess(paperId), attemptId, tokenHash, client);
    // The guess was missing or stale (a new version was published): draw from the one named. A
    // version published between the two calls again is so rare that refusing it is fine.
    for (let tries = 0; row.outcome === 'version' && tries < 2; tries += 1) {
      this.snapshots.noteLatest(paperId, row.version_id as string);
      row = await this.startAs(tenantId, invitationId, row.version_id, attemptId, tokenHash, client);
    }
    if (row.outcome !== 'started' && row.outcome !== 'taken_over') throw startRefusal(row.outcome);
    if (row.outcome === 'started') {
      // After the commit, not awaited: the candidate's answer does not wait on Redis.
      void this.scheduleDeadline(tenantId, attemptId, row.deadline, row.grace_seconds);
      void this.invitations.afterStart({ id: invitationId, tenantId, closesAt: row.closes_at, reminderHours: row.reminder_hours }, row.endpoint_ids ?? []);
    }
    return {
      attemptId: row.attempt_id,
      attemptToken,
      status: row.status,
      startedAt: row.started_at.toISOString(),
      deadline: row.deadline.toISOString(),
      serverTime: row.server_time.toISOString(),
      secondsLeft: secondsLeft(row.deadline, row.server_time),
      takenOver: row.outcome === 'taken_over',
    };
  }

  /** One START_ATTEMPT with the questions of `versionId` drawn for `attemptId` (none when no version is known yet). */
  private async startAs(tenantId: string, invitationId: string, versionId: string | null, attemptId: string, tokenHash: string, client: ClientInfo): Promise<StartRow> {
    const drawn = versionId === null ? null : await this.snapshots.getAs(tenantId, versionId);
    const questionIds = drawn && candidatePaper(drawn.snapshot, drawn.version, attemptId).sections.flatMap((s) => s.questions.map((q) => q.id));
    const { rows } = await driverPool(this.dataSource).query<StartRow>({
      ...START_ATTEMPT,
      values: [
        tenantId,
        invitationId,
        versionId,
        attemptId,
        questionIds,
        drawn?.snapshot.durationMinutes ?? null,
        drawn?.snapshot.settings.timerGraceSeconds ?? null,
        tokenHash,
        client.ip,
        client.userAgent,
      ],
    });
    return rows[0];
  }

  /** The deadline job runs at deadline + grace (saves are accepted until then). A lost job is caught by the sweep. */
  private async scheduleDeadline(tenantId: string, attemptId: string, deadline: Date, graceSeconds: number): Promise<void> {
    const delayMs = Math.max(0, deadline.getTime() + graceSeconds * 1000 - Date.now()) + 500;
    await afterCommit(this.logger, { attemptId, tenantId }, 'Could not schedule the deadline job; the sweep will cover it', () =>
      this.jobs.enqueue(JobName.AttemptDeadline, { tenantId, attemptId }, { delayMs }),
    );
  }

  /**
   * Autosave of one or many answers: ONE round trip of an autocommit statement, this save's alone
   * (SAVE_ANSWERS) or, when saves queued behind the ones in flight, shared with them
   * (SAVE_ANSWERS_BATCH, see save-batches.ts). The function binds the tenant itself, then saves;
   * only a refusal opens a tenant transaction, to tell why.
   */
  async save(attemptId: string, token: string | undefined, answers: AnswerInput[], client: ClientInfo): Promise<Clock & { items: SavedAnswer[] }> {
    const { tenantId, tokenHash } = this.credentials(token);
    const row = await this.saves.save({ tenantId, attemptId, tokenHash, answers, ip: client.ip, userAgent: client.userAgent });
    if (!row) throw await this.tx.runAs(tenantId, (manager) => this.refusal(manager, attemptId, tokenHash));
    const items = row.items.map((item, index): SavedAnswer => {
      const storedSeq = item.storedSeq === null ? null : Number(item.storedSeq);
      if (!item.known) return { questionId: item.questionId, status: 'unknown_question', storedSeq: null };
      return { questionId: item.questionId, status: storedSeq !== null && storedSeq > answers[index].seq ? 'superseded' : 'saved', storedSeq };
    });
    return { items, serverTime: row.server_time.toISOString(), secondsLeft: secondsLeft(row.deadline, row.server_time) };
  }

  /** The statements of the saves: one alone, several of a tenant together. */
  private readonly saves = new SaveBatches<AnswerInput, SaveRow>({
    one: async (call) => {
      const { rows } = await driverPool(this.dataSource).query<SaveRow>({
        ...SAVE_ANSWERS,
        values: [call.tenantId, call.attemptId, call.tokenHash, JSON.stringify(call.answers), call.ip, call.userAgent],
      });
      return rows[0] ?? null;
    },
    many: async (tenantId, calls) => {
      const { rows } = await driverPool(this.dataSource).query<Omit<SaveRow, 'deadline'> & { deadline: Date | null }>({
        ...SAVE_ANSWERS_BATCH,
        values: [tenantId, JSON.stringify(calls.map(batchElement))],
      });
      // One row per save, or nothing is trusted: SaveBatches then sends each save alone.
      if (rows.length !== calls.length) throw new Error(`attempt_save_batch answered ${rows.length} rows for ${calls.length} saves`);
      return rows.map((row) => (row.deadline === null ? null : { ...row, deadline: row.deadline }));
    },
    sharedFailed: (error, saves) =>
      this.logger.warn({ err: loggableError(error), saves }, 'A shared save statement failed; its saves go again alone'),
  });

  /** The resume view: the candidate paper in this attempt's order, every saved answer, the clock. */
  async view(attemptId: string, token: string | undefined): Promise<CandidateAttemptView> {
    const { tenantId, tokenHash } = this.credentials(token);
    return this.tx.runAs(tenantId, async (manager) => {
      const [attempt] = (await manager.query('SELECT *, now() AS now FROM attempts WHERE id = $1 AND token_hash = $2', [attemptId, tokenHash])) as (AttemptRow & {
        now: Date;
      })[];
      if (!attempt) throw await this.refusal(manager, attemptId, tokenHash);
      const { snapshot, version } = await this.snapshots.get(manager, attempt.paper_version_id);
      const answers = (await manager.query('SELECT question_id, answer, seq, saved_at FROM responses WHERE attempt_id = $1 AND seq > 0', [attemptId])) as {
        question_id: string;
        answer: unknown;
        seq: string;
        saved_at: Date;
      }[];
      return {
        id: attempt.id,
        status: attempt.status,
        startedAt: attempt.started_at.toISOString(),
        deadline: attempt.deadline.toISOString(),
        graceSeconds: attempt.grace_seconds,
        submittedAt: attempt.submitted_at?.toISOString() ?? null,
        serverTime: attempt.now.toISOString(),
        secondsLeft: attempt.status === 'in_progress' ? secondsLeft(attempt.deadline, attempt.now) : 0,
        paper: candidatePaper(snapshot, version, attempt.id),
        answers: answers.map((a) => ({ questionId: a.question_id, answer: a.answer, seq: Number(a.seq), savedAt: a.saved_at.toISOString() })),
        result: snapshot.settings.showScoreToCandidate ? resultOf(attempt) : null,
      };
    });
  }

  /** The candidate's submission; submitting again returns the same submission. */
  async submitByCandidate(attemptId: string, token: string | undefined, client: ClientInfo): Promise<SubmittedAttempt> {
    const { tenantId, tokenHash } = this.credentials(token);
    const outcome = await this.tx.runAs(tenantId, async (manager) => {
      // First, so the token is checked as of now (a take-over also takes this lock).
      await this.lockAgainstSaves(manager, attemptId);
      const [access] = (await manager.query(ATTEMPT_ACCESS, [attemptId, tokenHash])) as { status: AttemptStatus; token_ok: boolean; replaced: boolean }[];
      if (!access || (!access.token_ok && !access.replaced)) throw AttemptErrors.notFound();
      if (!access.token_ok) throw AttemptErrors.takenOver();
      const submitted = await this.markSubmitted(manager, attemptId, 'candidate', client);
      const [attempt] = (await manager.query('SELECT * FROM attempts WHERE id = $1', [attemptId])) as AttemptRow[];
      const { snapshot } = await this.snapshots.get(manager, attempt.paper_version_id);
      return { submitted, attempt, showScore: snapshot.settings.showScoreToCandidate };
    });
    if (outcome.submitted) await this.afterSubmit(tenantId, attemptId, true);
    const { attempt } = outcome;
    return {
      id: attempt.id,
      status: attempt.status,
      submittedAt: (attempt.submitted_at as Date).toISOString(),
      result: outcome.showScore ? resultOf(attempt) : null,
    };
  }

  /**
   * Submission by the deadline job or the sweep: only an attempt past deadline + grace. Returns
   * 'not_due' when it is still running on time (a job that fired early), 'skipped' when already submitted.
   */
  async submitOverdue(tenantId: string, attemptId: string, by: 'deadline' | 'sweep'): Promise<'done' | 'skipped' | 'not_due'> {
    const result = await this.tx.runAs(tenantId, async (manager) => {
      await this.lockAgainstSaves(manager, attemptId);
      const [row] = (await manager.query(
        `SELECT status, now() > deadline + make_interval(secs => grace_seconds) AS due FROM attempts WHERE id = $1 FOR UPDATE`,
        [attemptId],
      )) as { status: AttemptStatus; due: boolean }[];
      if (!row) return 'skipped' as const;
      if (row.status !== 'in_progress') return row.status === 'submitted' ? ('unscored' as const) : ('skipped' as const);
      if (!row.due) return 'not_due' as const;
      await this.markSubmitted(manager, attemptId, by, { ip: null, userAgent: null });
      return 'done' as const;
    });
    if (result === 'done' || result === 'unscored') await this.afterSubmit(tenantId, attemptId, false);
    return result === 'unscored' ? 'skipped' : result;
  }

  /**
   * The attempt's submission lock, exclusive until the caller's commit (LOCK_AGAINST_SAVES): every
   * save acknowledged before it is committed and visible, every save after it sees what the caller
   * changed. Taken before the caller reads or locks the attempt row.
   */
  private async lockAgainstSaves(manager: EntityManager, attemptId: string): Promise<void> {
    await manager.query(LOCK_AGAINST_SAVES, [attemptId]);
  }

  /** in_progress -> submitted, and the invitation -> submitted, in the caller's transaction (which holds the submission lock). */
  private async markSubmitted(manager: EntityManager, attemptId: string, by: SubmittedBy, client: ClientInfo): Promise<boolean> {
    const rows = (await manager.query(
      `WITH submitted AS (
         UPDATE attempts SET status = 'submitted', submitted_at = now(), submitted_by = $2, updated_at = now()
          WHERE id = $1 AND status = 'in_progress'
         RETURNING id, invitation_id, submitted_at),
       event AS (
         INSERT INTO attempt_events (attempt_id, type, ip, user_agent, detail)
         SELECT id, 'submitted', $3, $4, jsonb_build_object('by', $2::text) FROM submitted)
       SELECT invitation_id, submitted_at FROM submitted`,
      [attemptId, by, client.ip, client.userAgent],
    )) as { invitation_id: string; submitted_at: Date }[];
    if (rows.length === 0) return false;
    await this.invitations.markSubmitted(manager, rows[0].invitation_id, rows[0].submitted_at, attemptId);
    return true;
  }

  /** After the commit: score (job id = attempt id, never doubled); a lost enqueue is re-queued by the sweep. */
  private async afterSubmit(tenantId: string, attemptId: string, cancelDeadline: boolean): Promise<void> {
    // A deadline job left behind finds the attempt submitted and skips it.
    await afterCommit(this.logger, { attemptId, tenantId }, 'Could not queue scoring; the sweep will re-queue it', async () => {
      await this.jobs.enqueue(JobName.ScoreAttempt, { tenantId, attemptId });
      if (cancelDeadline) await this.jobs.cancel(JobName.AttemptDeadline, { tenantId, attemptId });
    });
  }

  /** Integrity events from the candidate's client; never blocks the candidate. */
  async recordEvents(
    attemptId: string,
    token: string | undefined,
    events: { type: string; at?: Date; detail?: unknown }[],
    client: ClientInfo,
  ): Promise<{ recorded: number }> {
    const { tenantId, tokenHash } = this.credentials(token);
    if (events.length > MAX_EVENTS_PER_CALL) {
      throw DomainError.invalid('request.validation_failed', `At most ${MAX_EVENTS_PER_CALL} events per call.`, [{ field: 'events', reason: 'too many' }]);
    }
    const reserved = events.findIndex((e) => (SERVER_EVENT_TYPES as readonly string[]).includes(e.type));
    if (reserved >= 0) {
      throw DomainError.invalid('request.validation_failed', `Event type ${events[reserved].type} is written by the server only.`, [
        { field: `events[${reserved}].type`, reason: 'reserved for the server' },
      ]);
    }
    const payload = JSON.stringify(events.map((e) => ({ type: e.type, at: e.at ?? null, detail: e.detail ?? null })));
    return this.tx.runAs(tenantId, async (manager) => {
      const [row] = (await manager.query(RECORD_EVENTS, [attemptId, tokenHash, payload, client.ip, client.userAgent])) as { recorded: number }[];
      if (!row) throw await this.refusal(manager, attemptId, tokenHash);
      return { recorded: row.recorded };
    });
  }

  /**
   * For the grading domain, inside its transaction: an attempt awaiting grading (locked) with the
   * text of its open answers that wait for a grader. Null when the attempt is not awaiting grading.
   */
  async openAnswers(manager: EntityManager, attemptId: string): Promise<OpenAnswers | null> {
    const [attempt] = (await manager.query(
      `SELECT paper_id, paper_version_id FROM attempts WHERE id = $1 AND status = 'awaiting_grading' FOR UPDATE`,
      [attemptId],
    )) as { paper_id: string; paper_version_id: string }[];
    if (!attempt) return null;
    const answers = (await manager.query(
      `SELECT question_id, answer->>'text' AS text FROM responses WHERE attempt_id = $1 AND outcome = 'pending_manual'`,
      [attemptId],
    )) as { question_id: string; text: string | null }[];
    return {
      paperId: attempt.paper_id,
      paperVersionId: attempt.paper_version_id,
      answers: answers.map((row) => ({ questionId: row.question_id, text: row.text ?? '' })),
    };
  }

  /**
   * For the grading domain, inside its transaction: the attempt's final result once its open
   * answers are marked: objective points plus `openPoints`, pass/fail against `passMark`, status
   * `graded` on the attempt and its invitation. Run again after a re-grade, it rewrites the result.
   * Answers with the version and job role, whose reports the caller refreshes after its commit.
   */
  async markGraded(
    manager: EntityManager,
    attemptId: string,
    openMarks: readonly { questionId: string; points: number }[],
    passMark: number | null,
  ): Promise<{ points: number; passed: boolean | null; paperVersionId: string; jobRoleId: string }> {
    // The open answers' final marks go on their responses, so the responses (and the sheet made
    // from them) hold every mark of the attempt; `outcome` stays `pending_manual` (how it was scored).
    await manager.query(
      `UPDATE responses r SET points = m.points
         FROM jsonb_to_recordset($2::jsonb) AS m(question_id uuid, points numeric)
        WHERE r.attempt_id = $1 AND r.question_id = m.question_id AND r.outcome = 'pending_manual'`,
      [attemptId, JSON.stringify(openMarks.map((m) => ({ question_id: m.questionId, points: m.points })))],
    );
    // UPDATE answers [rows, rowCount] through TypeORM.
    const [[row]] = (await manager.query(
      `UPDATE attempts a
          SET status = 'graded', graded_at = now(), updated_at = now(), pending_manual = 0,
              points = o.objective + o.open,
              passed = CASE WHEN $2::numeric IS NULL THEN NULL ELSE o.objective + o.open >= $2::numeric END,
              sheet = attempt_sheet(a.tenant_id, a.id)
         FROM (SELECT COALESCE(SUM(points) FILTER (WHERE outcome <> 'pending_manual'), 0) AS objective,
                      COALESCE(SUM(points) FILTER (WHERE outcome = 'pending_manual'), 0) AS open
                 FROM responses WHERE attempt_id = $1) o
        WHERE a.id = $1 AND a.status IN ('awaiting_grading', 'graded')
        RETURNING a.invitation_id, a.points, a.passed, a.paper_version_id, (SELECT job_role_id FROM invitations WHERE id = a.invitation_id) AS job_role_id`,
      [attemptId, passMark],
    )) as [{ invitation_id: string; points: string; passed: boolean | null; paper_version_id: string; job_role_id: string }[], number];
    if (!row) throw new Error(`attempt ${attemptId} is not awaiting grading`);
    await this.invitations.markGraded(manager, row.invitation_id, { attemptId, passed: row.passed });
    return { points: Number(row.points), passed: row.passed, paperVersionId: row.paper_version_id, jobRoleId: row.job_role_id };
  }

  private credentials(token: string | undefined): { tenantId: string; tokenHash: string } {
    if (!token) throw AttemptErrors.tokenRequired();
    const tenantId = this.tokenTenants.tenantOf(token);
    if (!tenantId) throw AttemptErrors.notFound();
    return { tenantId, tokenHash: hashAttemptToken(token) };
  }

  /** Slow path: why the attempt refused a call. */
  private async refusal(manager: EntityManager, attemptId: string, tokenHash: string): Promise<DomainError> {
    const [access] = (await manager.query(ATTEMPT_ACCESS, [attemptId, tokenHash])) as {
      status: AttemptStatus;
      token_ok: boolean;
      replaced: boolean;
      time_up: boolean;
    }[];
    if (!access || (!access.token_ok && !access.replaced)) return AttemptErrors.notFound();
    if (!access.token_ok) return AttemptErrors.takenOver();
    if (access.time_up) return AttemptErrors.timeUp();
    if (access.status !== 'in_progress') return AttemptErrors.submitted();
    return new DomainError('conflict', 'resource.conflict', 'The attempt changed while saving; retry.');
  }
}

/** The error of a start that `attempt_start` refused (a `version` left after the retries: the paper keeps changing). */
function startRefusal(outcome: StartRow['outcome']): DomainError {
  switch (outcome) {
    case 'link_not_found':
      return LINK_NOT_FOUND();
    case 'not_open_yet':
      return AttemptErrors.notOpenYet();
    case 'window_closed':
      return AttemptErrors.windowClosed();
    case 'submitted':
      return AttemptErrors.submitted();
    case 'time_up':
      return AttemptErrors.timeUp();
    case 'not_published':
      return PAPER_NOT_PUBLISHED();
    default:
      return new DomainError('conflict', 'resource.conflict', 'The paper changed while starting; retry.');
  }
}

function resultOf(attempt: Pick<AttemptRow, 'status' | 'points' | 'max_points' | 'pending_manual'>): AttemptResult | null {
  if (attempt.status !== 'scored' && attempt.status !== 'awaiting_grading') return null;
  return { points: Number(attempt.points), maxPoints: Number(attempt.max_points), pendingManual: attempt.pending_manual ?? 0 };
}
