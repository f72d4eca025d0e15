import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig, DomainError, TenantTransaction } from '@assay/core';
import type { CandidateRow, Report } from './build-report';

/** One attempt as an ATS pulls it: outcome and standing, never answers, keys or rubrics. */
export interface AttemptResult {
  attemptId: string;
  invitationId: string;
  invitationExternalId: string | null;
  paperId: string;
  paperTitle: string;
  paperVersionId: string;
  version: number;
  jobRoleId: string;
  status: string;
  /** true once the score will not change (objective scoring done, every open answer marked). */
  final: boolean;
  startedAt: Date;
  submittedAt: Date | null;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  passed: boolean | null;
  /** Score +/- SEM in `unit`, from the job role's report snapshot. */
  band: { low: number; high: number; unit: 'points' | 'percent' } | null;
  percentile: number | null;
  rank: number | null;
  normGroupSize: number | null;
  competencies: { competency: string; score: number }[];
  resultsComputedAt: Date | null;
  reportUrl: string;
}

export interface CandidateResults {
  candidateId: string;
  externalId: string | null;
  attempts: AttemptResult[];
}

interface ResultRow {
  attempt_id: string;
  invitation_id: string;
  invitation_external_id: string | null;
  paper_id: string;
  paper_title: string;
  paper_version_id: string;
  version: number;
  job_role_id: string;
  status: string;
  started_at: Date;
  submitted_at: Date | null;
  points: string | null;
  max_points: string | null;
  passed: boolean | null;
  role_row: CandidateRow | null;
  reliability: Report['reliability'] | null;
  unit: 'points' | 'percent' | null;
  computed_at: Date | null;
}

const FINAL_STATUSES = new Set(['scored', 'graded']);

/**
 * Results per candidate for applicant tracking systems (docs/integrations.md): each attempt's score
 * with its standing in the job role, read from the same report snapshots the results screen shows
 * (band, percentile, norm group, competencies), so nothing is recomputed here.
 */
@Injectable()
export class CandidateResultsService {
  private readonly publicUrl: string;

  constructor(
    private readonly tx: TenantTransaction,
    config: AppConfig,
  ) {
    this.publicUrl = config.PUBLIC_URL.replace(/\/+$/, '');
  }

  byId(candidateId: string): Promise<CandidateResults> {
    return this.tx.readReplica(async (manager) => {
      const [candidate] = (await manager.query('SELECT id, external_id FROM candidates WHERE id = $1', [candidateId])) as { id: string; external_id: string | null }[];
      if (!candidate) throw DomainError.notFound('candidate');
      return this.results(manager, candidate);
    });
  }

  /** The candidate the company knows by this ATS id (ids are unique per company only by convention: the newest wins). */
  byExternalId(externalId: string): Promise<CandidateResults> {
    return this.tx.readReplica(async (manager) => {
      const [candidate] = (await manager.query('SELECT id, external_id FROM candidates WHERE external_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1', [externalId])) as {
        id: string;
        external_id: string | null;
      }[];
      if (!candidate) throw DomainError.notFound('candidate');
      return this.results(manager, candidate);
    });
  }

  private async results(manager: EntityManager, candidate: { id: string; external_id: string | null }): Promise<CandidateResults> {
    const rows = (await manager.query(
      `SELECT a.id AS attempt_id, a.invitation_id, i.external_id AS invitation_external_id, a.paper_id, p.title AS paper_title,
              a.paper_version_id, v.version, i.job_role_id, a.status, a.started_at, a.submitted_at, a.points, a.max_points, a.passed,
              s.row AS role_row, snap.report->'reliability' AS reliability, snap.report->'scores'->>'unit' AS unit, snap.computed_at
         FROM invitations i
         JOIN attempts a ON a.invitation_id = i.id
         JOIN papers p ON p.id = a.paper_id
         JOIN paper_versions v ON v.id = a.paper_version_id
         LEFT JOIN analytics_snapshots snap ON snap.scope = 'job_role' AND snap.scope_id = i.job_role_id
         LEFT JOIN analytics_snapshot_candidates s ON s.scope = 'job_role' AND s.scope_id = i.job_role_id AND s.generation = snap.generation AND s.attempt_id = a.id
        WHERE i.candidate_id = $1
        ORDER BY a.started_at, a.id`,
      [candidate.id],
    )) as ResultRow[];
    return { candidateId: candidate.id, externalId: candidate.external_id, attempts: rows.map((row) => this.attemptResult(row)) };
  }

  private attemptResult(row: ResultRow): AttemptResult {
    const final = FINAL_STATUSES.has(row.status);
    const score = final && row.points !== null ? Number(row.points) : null;
    const maxScore = row.max_points === null ? null : Number(row.max_points);
    const standing = row.role_row;
    return {
      attemptId: row.attempt_id,
      invitationId: row.invitation_id,
      invitationExternalId: row.invitation_external_id,
      paperId: row.paper_id,
      paperTitle: row.paper_title,
      paperVersionId: row.paper_version_id,
      version: row.version,
      jobRoleId: row.job_role_id,
      status: row.status,
      final,
      startedAt: row.started_at,
      submittedAt: row.submitted_at,
      score,
      maxScore,
      percent: score !== null && maxScore ? Math.round((score / maxScore) * 10_000) / 100 : null,
      passed: final ? row.passed : null,
      band: standing?.band && row.unit ? { ...standing.band, unit: row.unit } : null,
      percentile: standing?.percentile ?? null,
      rank: standing?.rank ?? null,
      normGroupSize: row.reliability?.normGroupSize ?? null,
      competencies: (standing?.competencies ?? []).map(({ competency, score: value }) => ({ competency, score: value })),
      resultsComputedAt: standing ? row.computed_at : null,
      reportUrl: `${this.publicUrl}/staff/results/job-roles/${row.job_role_id}/candidates/${row.attempt_id}`,
    };
  }
}
