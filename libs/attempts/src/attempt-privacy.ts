import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@assay/core';
import { PaperSnapshots } from './paper-snapshots';

/** Answers that are only a choice among the paper's options: no words of the candidate's, kept for item analysis. */
const CHOICE_TYPES = ['single_choice', 'multiple_choice', 'true_false'];

export interface AttemptRecord {
  id: string;
  invitationId: string;
  paperVersionId: string;
  status: string;
  startedAt: Date;
  submittedAt: Date | null;
  points: string | null;
  maxPoints: string | null;
  passed: boolean | null;
  gradedAt: Date | null;
  lastIp: string | null;
  lastUserAgent: string | null;
}

export interface AttemptExport {
  responses: { attemptId: string; questionId: string; answer: unknown; points: string | null; maxPoints: string | null; outcome: string | null; savedAt: Date }[];
  events: { attemptId: string; type: string; at: Date | null; receivedAt: Date; ip: string | null; userAgent: string | null; detail: unknown }[];
}

/**
 * The attempts domain's part of a data-subject request (docs/privacy.md), on its own tables
 * (`attempts`, `responses`, `attempt_events`) in the caller's transaction.
 */
@Injectable()
export class AttemptPrivacy {
  constructor(private readonly snapshots: PaperSnapshots) {}

  /**
   * The attempts of these invitations. `lock` (for an erasure) holds their rows until the
   * transaction ends: no save or submission runs meanwhile.
   */
  async find(manager: EntityManager, invitationIds: string[], options: { lock: boolean }): Promise<AttemptRecord[]> {
    return (await manager.query(
      `SELECT id, invitation_id AS "invitationId", paper_version_id AS "paperVersionId", status, started_at AS "startedAt",
              submitted_at AS "submittedAt", points, max_points AS "maxPoints", passed, graded_at AS "gradedAt",
              last_ip AS "lastIp", last_user_agent AS "lastUserAgent"
         FROM attempts WHERE invitation_id = ANY($1) ORDER BY started_at ${options.lock ? 'FOR UPDATE' : ''}`,
      [invitationIds],
    )) as AttemptRecord[];
  }

  /** Every answer and event of these attempts, as stored. */
  async export(manager: EntityManager, attemptIds: string[]): Promise<AttemptExport> {
    const responses = (await manager.query(
      `SELECT attempt_id AS "attemptId", question_id AS "questionId", answer, points, max_points AS "maxPoints", outcome, saved_at AS "savedAt"
         FROM responses WHERE attempt_id = ANY($1) ORDER BY attempt_id, first_saved_at NULLS LAST, question_id`,
      [attemptIds],
    )) as AttemptExport['responses'];
    const events = (await manager.query(
      `SELECT attempt_id AS "attemptId", type, at, received_at AS "receivedAt", ip, user_agent AS "userAgent", detail
         FROM attempt_events WHERE attempt_id = ANY($1) ORDER BY id`,
      [attemptIds],
    )) as AttemptExport['events'];
    return { responses, events };
  }

  /**
   * Erases what the person wrote and where they wrote it from: every answer except a bare choice
   * among options (open answers, filled blanks), the events' addresses, browsers and client
   * details, the attempt's last address and browser; the result sheet is rebuilt from what is
   * left. Scores, outcomes, times and event types stay, so reports stay right. Refused while an
   * attempt is in progress (the candidate would keep writing into what was just erased) or
   * submitted and not yet scored (scoring reads the answers; it takes seconds).
   */
  async erase(manager: EntityManager, attempts: AttemptRecord[]): Promise<{ attempts: number; answers: number; events: number }> {
    if (attempts.some((a) => a.status === 'in_progress' || a.status === 'submitted')) {
      throw new DomainError('conflict', 'candidate.attempt_in_progress', 'The candidate is taking a test now or it is being scored; erase their data once it is scored.');
    }
    const ids = attempts.map((a) => a.id);
    const kept: string[] = [];
    for (const versionId of new Set(attempts.map((a) => a.paperVersionId))) {
      const { snapshot } = await this.snapshots.get(manager, versionId);
      for (const section of snapshot.sections) for (const q of section.questions) if (CHOICE_TYPES.includes(q.type)) kept.push(q.id);
    }
    const answers = (await manager.query(
      'UPDATE responses SET answer = NULL WHERE attempt_id = ANY($1) AND answer IS NOT NULL AND NOT (question_id = ANY($2::uuid[]))',
      [ids, kept],
    )) as [unknown, number];
    const events = (await manager.query(
      'UPDATE attempt_events SET ip = NULL, user_agent = NULL, detail = NULL WHERE attempt_id = ANY($1)',
      [ids],
    )) as [unknown, number];
    await manager.query(
      `UPDATE attempts SET last_ip = NULL, last_user_agent = NULL, updated_at = now(),
              sheet = CASE WHEN scored_at IS NULL THEN sheet ELSE attempt_sheet(tenant_id, id) END
        WHERE id = ANY($1)`,
      [ids],
    );
    return { attempts: ids.length, answers: answers[1], events: events[1] };
  }
}
