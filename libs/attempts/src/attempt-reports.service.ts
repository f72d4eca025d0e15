import { Injectable } from '@nestjs/common';
import { DomainError, pageOf, TenantTransaction, type Page, type PageQueryDto } from '@assay/core';
import type { AttemptStatus } from '@assay/contracts';
import type { SubmittedBy } from './attempts.service';

export interface AttemptSummary {
  id: string;
  invitationId: string;
  paperId: string;
  paperVersionId: string;
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  submittedAt: string | null;
  submittedBy: SubmittedBy | null;
  scoredAt: string | null;
  points: number | null;
  maxPoints: number | null;
  pendingManual: number | null;
  /** Integrity events the client reported (focus lost, paste, ...) plus server ones (take-over, IP change). */
  eventCount: number;
}

export interface AttemptEvent {
  id: number;
  type: string;
  at: string | null;
  receivedAt: string;
  ip: string | null;
  userAgent: string | null;
  detail: unknown;
}

export interface AttemptResponse {
  questionId: string;
  answer: unknown;
  seq: number;
  savedAt: string;
  points: number | null;
  maxPoints: number | null;
  outcome: string | null;
  malformed: boolean;
}

const num = (value: string | null) => (value === null ? null : Number(value));
const iso = (value: Date | null) => value?.toISOString() ?? null;

/** Staff reads of attempts, their events and answers; inside the caller's tenant (RLS). */
@Injectable()
export class AttemptReportsService {
  constructor(private readonly tx: TenantTransaction) {}

  list(query: PageQueryDto & { invitationId?: string; paperId?: string }): Promise<Page<AttemptSummary>> {
    return this.tx.run(async (manager) => {
      const rows = (await manager.query(
        `SELECT a.*, count(*) OVER () AS total,
                (SELECT count(*) FROM attempt_events e WHERE e.attempt_id = a.id)::int AS event_count
           FROM attempts a
          WHERE ($1::uuid IS NULL OR a.invitation_id = $1) AND ($2::uuid IS NULL OR a.paper_id = $2)
          ORDER BY a.started_at DESC, a.id
          LIMIT $3 OFFSET $4`,
        [query.invitationId ?? null, query.paperId ?? null, query.pageSize, query.offset],
      )) as Record<string, never>[];
      let total = rows.length > 0 ? Number(rows[0].total) : 0;
      if (rows.length === 0 && query.page > 1) {
        const [{ count }] = (await manager.query(
          'SELECT count(*)::int AS count FROM attempts WHERE ($1::uuid IS NULL OR invitation_id = $1) AND ($2::uuid IS NULL OR paper_id = $2)',
          [query.invitationId ?? null, query.paperId ?? null],
        )) as { count: number }[];
        total = count;
      }
      return pageOf(rows.map(summary), total, query);
    });
  }

  events(attemptId: string, query: PageQueryDto): Promise<Page<AttemptEvent>> {
    return this.tx.run(async (manager) => {
      await this.assertExists(manager, attemptId);
      const rows = (await manager.query(
        `SELECT e.*, count(*) OVER () AS total FROM attempt_events e WHERE e.attempt_id = $1 ORDER BY e.id LIMIT $2 OFFSET $3`,
        [attemptId, query.pageSize, query.offset],
      )) as { id: string; type: string; at: Date | null; received_at: Date; ip: string | null; user_agent: string | null; detail: unknown; total: string }[];
      const items = rows.map((r) => ({ id: Number(r.id), type: r.type, at: iso(r.at), receivedAt: r.received_at.toISOString(), ip: r.ip, userAgent: r.user_agent, detail: r.detail }));
      return pageOf(items, rows.length > 0 ? Number(rows[0].total) : 0, query);
    });
  }

  responses(attemptId: string): Promise<{ attempt: AttemptSummary; responses: AttemptResponse[] }> {
    return this.tx.run(async (manager) => {
      const [attempt] = (await manager.query(
        `SELECT a.*, (SELECT count(*) FROM attempt_events e WHERE e.attempt_id = a.id)::int AS event_count FROM attempts a WHERE a.id = $1`,
        [attemptId],
      )) as Record<string, never>[];
      if (!attempt) throw DomainError.notFound('attempt');
      const rows = (await manager.query(
        'SELECT * FROM responses WHERE attempt_id = $1 ORDER BY array_position($2::uuid[], question_id)',
        [attemptId, attempt.question_ids],
      )) as { question_id: string; answer: unknown; seq: string; saved_at: Date; points: string | null; max_points: string | null; outcome: string | null; malformed: boolean }[];
      return {
        attempt: summary(attempt),
        responses: rows.map((r) => ({
          questionId: r.question_id,
          answer: r.answer,
          seq: Number(r.seq),
          savedAt: r.saved_at.toISOString(),
          points: num(r.points),
          maxPoints: num(r.max_points),
          outcome: r.outcome,
          malformed: r.malformed,
        })),
      };
    });
  }

  private async assertExists(manager: { query: (sql: string, params: unknown[]) => Promise<unknown[]> }, attemptId: string): Promise<void> {
    const rows = await manager.query('SELECT 1 FROM attempts WHERE id = $1', [attemptId]);
    if (rows.length === 0) throw DomainError.notFound('attempt');
  }
}

function summary(r: any): AttemptSummary {
  return {
    id: r.id,
    invitationId: r.invitation_id,
    paperId: r.paper_id,
    paperVersionId: r.paper_version_id,
    status: r.status,
    startedAt: r.started_at.toISOString(),
    deadline: r.deadline.toISOString(),
    submittedAt: iso(r.submitted_at),
    submittedBy: r.submitted_by,
    scoredAt: iso(r.scored_at),
    points: num(r.points),
    maxPoints: num(r.max_points),
    pendingManual: r.pending_manual,
    eventCount: r.event_count,
  };
}
