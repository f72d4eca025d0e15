import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportLocale } from '@assay/contracts';
import { APPLICATION_NAME, AppConfig, containsPattern, DomainError, pageOf, TenantTransaction } from '@assay/core';
import { compareScores } from '@assay/statistics';
import type { CandidateRow, Report } from './build-report';
import { ReportThreads } from './report-threads';
import type { ReportScope } from './cohort';
import type { CandidateQueryDto, CandidateSort } from './dto/analytics.dto';
import { attemptDetails, jobRoleOf } from './cohort-source';
import type { CandidateReportPdf } from './report-pdf/candidate-report-pdf.task';
import { reportLocale } from './report-pdf/report-locale';
import { phaseClock } from './refresh-phases';

/** The candidate rows of the generation the snapshot of scope `$1`, id `$2` names (a refresh writes the next one beside it). */
const CURRENT_GENERATION = 'generation = (SELECT generation FROM analytics_snapshots WHERE scope = $1 AND scope_id = $2)';

/** The SQL order of each sort (the snapshot's position breaks ties, so pages never overlap). */
const SORT_COLUMNS: Record<CandidateSort, string> = {
  rank: 'position',
  name: "row->>'name'",
  minutes: "(row->>'minutes')::float8",
  integrityEvents: "(row->>'integrityEvents')::int",
};

export interface StoredReport {
  computedAt: Date;
  report: Report;
}

@Injectable()
export class AnalyticsService {
  private readonly logger = new Logger(AnalyticsService.name);

  constructor(
    private readonly tx: TenantTransaction,
    private readonly threads: ReportThreads,
    private readonly config: AppConfig,
  ) {}

  /**
   * Recomputes a snapshot from scratch and switches readers to it in one short transaction, so
   * they see the old report or the new one, never half. Safe to run twice. 'skipped' when the
   * scope is not visible to this tenant (deleted, or a forged payload).
   *
   * The candidate rows are a new generation, written while the report thread builds them: each
   * batch is inserted (and committed) by one of ANALYTICS_WRITERS connections as soon as the thread
   * posts it. Readers follow the generation the snapshot names, so they see none of it until the
   * refresh's transaction sets the report and the generation; the old generation is deleted after.
   */
  async refresh(scope: ReportScope, scopeId: string): Promise<'done' | 'skipped'> {
    const clock = phaseClock();
    const generation = randomUUID();
    const tenantId = this.tx.currentTenantId();
    const writes = parallelWrites(this.tx, tenantId, this.config.ANALYTICS_WRITERS);
    const outcome = await this.tx
      .run(async (manager) => {
        const jobRole = await jobRoleOf(manager, scope, scopeId);
        if (!jobRole) return 'skipped';
        const current = await lockSnapshot(manager, scope, scopeId, generation);
        // Under the lock no other refresh of the scope writes: rows of neither the current generation
        // nor this one are a failed refresh's, left behind.
        writes.push(`DELETE FROM analytics_snapshot_candidates WHERE scope = $1 AND scope_id = $2 AND generation NOT IN ($3, $4)`, [
          scope,
          scopeId,
          current,
          generation,
        ]);
        // The thread reads the cohort (after the lock: a refresh waiting on it reads what the one
        // before it had not seen) on its own connection to the primary.
        const connection = { connectionString: this.config.DATABASE_URL, applicationName: APPLICATION_NAME.primary, tenantId };
        const built = await this.threads.build({ connection, scope, scopeId, jobRole }, (batch) =>
          writes.push(
            `INSERT INTO analytics_snapshot_candidates (scope, scope_id, generation, attempt_id, position, row)
             SELECT $1, $2, $3, x.attempt_id, $4 + x.n::int - 1, x.row::jsonb
               FROM unnest($5::uuid[], string_to_array($6, E'\\n')) WITH ORDINALITY AS x(attempt_id, row, n)`,
            [scope, scopeId, generation, batch.position, batch.attemptIds, batch.rows],
          ),
        );
        clock.end('build');
        await writes.done();
        await manager.query('UPDATE analytics_snapshots SET generation = $3, attempts = $4, report = $5, computed_at = now() WHERE scope = $1 AND scope_id = $2', [
          scope,
          scopeId,
          generation,
          built.candidates,
          JSON.stringify(built.report),
        ]);
        return { candidates: built.candidates, replaced: current, readMs: built.readMs };
      })
      .catch(async (error: unknown) => {
        // The rows already committed are of a generation no snapshot will name: remove them now (or
        // the next refresh of the scope does), once no insert of them is still on its way.
        await writes.done().catch(() => undefined);
        await this.deleteGeneration(scope, scopeId, generation).catch(() => undefined);
        throw error;
      });
    if (outcome === 'skipped') return outcome;
    if (outcome.replaced !== generation) await this.deleteGeneration(scope, scopeId, outcome.replaced);
    clock.end('write');
    const phases = { read: { ms: outcome.readMs }, ...clock.phases() };
    this.logger.log({ scope, scopeId, attempts: outcome.candidates, phases }, 'Analytics snapshot refreshed');
    return 'done';
  }

  private async deleteGeneration(scope: ReportScope, scopeId: string, generation: string): Promise<void> {
    await this.tx.run((manager) =>
      manager.query('DELETE FROM analytics_snapshot_candidates WHERE scope = $1 AND scope_id = $2 AND generation = $3', [scope, scopeId, generation]),
    );
  }

  // The reads below are of snapshots a job rewrites after the fact, so they may be as old as the
  // read replica's lag (docs/scaling.md, "Read replicas"): they go there when one is configured.

  /** The stored report; 404 until the first scored attempt has been analysed (or for another tenant's id). */
  async report(scope: ReportScope, scopeId: string): Promise<StoredReport> {
    const stored = await this.storedReport(scope, scopeId);
    if (!stored) throw notComputed(scope);
    return stored;
  }

  /** A page of candidates, best first unless sorted otherwise; `q` searches name and email. */
  async candidates(scope: ReportScope, scopeId: string, query: CandidateQueryDto) {
    return this.tx.readReplica(async (manager) => {
      const [snapshot] = (await manager.query('SELECT attempts FROM analytics_snapshots WHERE scope = $1 AND scope_id = $2', [scope, scopeId])) as { attempts: number }[];
      if (!snapshot) throw notComputed(scope);
      const search = query.q?.trim();
      const filter = search ? " AND (row->>'name' ILIKE $3 OR row->>'email' ILIKE $3)" : '';
      const params: unknown[] = search ? [scope, scopeId, containsPattern(search)] : [scope, scopeId];
      const where = `WHERE scope = $1 AND scope_id = $2 AND ${CURRENT_GENERATION}${filter}`;
      const direction = query.order === 'desc' ? 'DESC' : 'ASC';
      const rows = (await manager.query(
        `SELECT row FROM analytics_snapshot_candidates ${where} ORDER BY ${SORT_COLUMNS[query.sort]} ${direction} NULLS LAST, position LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, query.offset],
      )) as { row: CandidateRow }[];
      const total = search ? Number(((await manager.query(`SELECT count(*) AS n FROM analytics_snapshot_candidates ${where}`, params)) as { n: string }[])[0].n) : snapshot.attempts;
      return pageOf(
        rows.map((r) => r.row),
        total,
        query,
      );
    });
  }

  /** One candidate's report: the row with the report's context (norm group, SEM, cohort competencies). */
  async candidate(scope: ReportScope, scopeId: string, attemptId: string) {
    const { report, computedAt } = await this.report(scope, scopeId);
    const [row] = await this.rows(scope, scopeId, [attemptId]);
    const { timePerQuestion, similarityFlags, similarityCounts } = await this.tx.readReplica((manager) => attemptDetails(manager, attemptId));
    return {
      computedAt,
      report: { scope, scopeId, title: report.title, jobRole: report.jobRole, scores: report.scores, reliability: report.reliability, competencies: report.competencies },
      candidate: row,
      timePerQuestion,
      similarityFlags,
      similarityCounts,
    };
  }

  /**
   * What the candidate report's PDF shows (report-pdf/): the page's figures, the paper version's
   * number, pass mark and question stems, in the language asked for (`?lang=`, else
   * Accept-Language) or the company's.
   */
  async candidatePdf(scope: ReportScope, scopeId: string, attemptId: string, language: { lang?: ReportLocale; acceptLanguage?: string }): Promise<CandidateReportPdf> {
    const { report, computedAt } = await this.report(scope, scopeId);
    const [candidate] = await this.rows(scope, scopeId, [attemptId]);
    // A role's report mixes papers: the version's own report has its number, pass mark and stems.
    const version = scope === 'paper_version' ? report : (await this.storedReport('paper_version', candidate.paperVersionId))?.report;
    const { details, tenantLocale } = await this.tx.readReplica(async (manager) => {
      const [tenant] = (await manager.query('SELECT locale FROM tenants')) as { locale: string }[];
      return { details: await attemptDetails(manager, attemptId), tenantLocale: tenant.locale };
    });
    const passMark = version?.scores.passMark ?? null;
    const paper = version?.versions.find((v) => v.id === candidate.paperVersionId);
    const stems = new Map(version?.questionTimes.map((q, i) => [q.questionId, `${i + 1}. ${q.stem}`]));
    return {
      locale: reportLocale(language.lang, language.acceptLanguage, tenantLocale),
      timeZone: this.config.MAIL_TIME_ZONE,
      computedAt: computedAt.toISOString(),
      title: paper?.title ?? report.title,
      jobRole: report.jobRole.name,
      version: paper?.version ?? null,
      scores: { unit: report.scores.unit, max: report.scores.max, histogram: report.scores.histogram, passMark: report.scores.passMark },
      reliability: { normGroupSize: report.reliability.normGroupSize, tooSmallToRelyOn: report.reliability.tooSmallToRelyOn },
      cohortCompetencies: report.competencies.map((c) => ({ competency: c.competency, mean: c.mean })),
      candidate,
      // The rule of AttemptsService.markGraded: passed when the final points reach the paper's pass mark.
      passed: candidate.final && passMark !== null && candidate.points !== null ? candidate.points >= passMark : null,
      submittedAt: details.submittedAt?.toISOString() ?? null,
      similarityFlags: details.similarityFlags.map((f) => ({ question: stems.get(f.questionId) ?? f.questionId, similarity: f.similarity, otherCode: f.otherCode })),
      similarityCounts: details.similarityCounts.map((c) => ({ question: stems.get(c.questionId) ?? c.questionId, others: c.others, shown: c.shown })),
    };
  }

  /**
   * Candidates side by side; each pair is "higher", "lower" or "not_distinguishable" (their
   * difference is within the measurement error, docs/analytics.md). Each candidate's SEM is half
   * their band: in a role, candidates of different papers have different SEMs, and the error of
   * the difference is sqrt(SEM_a² + SEM_b²), i.e. compareScores with the root mean square SEM.
   */
  async compare(scope: ReportScope, scopeId: string, attemptIds: string[]) {
    const { report } = await this.report(scope, scopeId);
    const rows = await this.rows(scope, scopeId, attemptIds);
    const score = (c: CandidateRow) => (scope === 'paper_version' ? c.points : c.percent);
    const semOf = (c: CandidateRow) => (c.band ? (c.band.high - c.band.low) / 2 : null);
    const pairs = rows.flatMap((a, i) =>
      rows.slice(i + 1).map((b) => {
        const [sa, sb, ea, eb] = [score(a), score(b), semOf(a), semOf(b)];
        const comparable = sa !== null && sb !== null && ea !== null && eb !== null;
        return {
          first: a.attemptId,
          second: b.attemptId,
          difference: sa !== null && sb !== null ? sa - sb : null,
          result: comparable ? compareScores(sa, sb, Math.sqrt((ea * ea + eb * eb) / 2)) : null,
        };
      }),
    );
    return { sem: report.reliability.sem, unit: report.scores.unit, candidates: rows, pairs };
  }

  /** The export's header and rows, best candidate first (written to CSV or XLSX by the controller). */
  async exportTable(scope: ReportScope, scopeId: string): Promise<{ header: string[]; rows: string[][] }> {
    const { report } = await this.report(scope, scopeId);
    const rows = await this.tx.readReplica(
      async (manager) =>
        (await manager.query(`SELECT row FROM analytics_snapshot_candidates WHERE scope = $1 AND scope_id = $2 AND ${CURRENT_GENERATION} ORDER BY position`, [scope, scopeId])) as { row: CandidateRow }[],
    );
    const competencies = report.competencies.map((c) => c.competency);
    const header = ['name', 'email', 'status', 'points', 'max_points', 'percent', 'band_low', 'band_high', 'percentile', 'rank', 'norm_group', ...competencies.map((c) => `competency:${c}`), 'integrity_events', 'minutes', 'attempt_id'];
    const round = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(Math.round(v * 100) / 100));
    const lines = rows.map(({ row: c }) => [
      c.name,
      c.email,
      c.status,
      round(c.points),
      round(c.maxPoints),
      round(c.percent),
      round(c.band?.low),
      round(c.band?.high),
      round(c.percentile),
      c.rank === null ? '' : String(c.rank),
      String(report.reliability.normGroupSize),
      ...competencies.map((name) => round(c.competencies.find((x) => x.competency === name)?.score)),
      String(c.integrityEvents),
      round(c.minutes),
      c.attemptId,
    ]);
    return { header, rows: lines };
  }

  private async storedReport(scope: ReportScope, scopeId: string): Promise<StoredReport | null> {
    return this.tx.readReplica(async (manager) => {
      const [row] = (await manager.query('SELECT report, computed_at FROM analytics_snapshots WHERE scope = $1 AND scope_id = $2', [scope, scopeId])) as {
        report: Report;
        computed_at: Date;
      }[];
      return row ? { computedAt: row.computed_at, report: row.report } : null;
    });
  }

  private async rows(scope: ReportScope, scopeId: string, attemptIds: string[]): Promise<CandidateRow[]> {
    const rows = await this.tx.readReplica(
      async (manager) =>
        (await manager.query(`SELECT attempt_id, row FROM analytics_snapshot_candidates WHERE scope = $1 AND scope_id = $2 AND ${CURRENT_GENERATION} AND attempt_id = ANY($3)`, [scope, scopeId, attemptIds])) as {
          attempt_id: string;
          row: CandidateRow;
        }[],
    );
    const byId = new Map(rows.map((r) => [r.attempt_id, r.row]));
    return attemptIds.map((id) => {
      const row = byId.get(id);
      if (!row) throw DomainError.notFound('analytics.candidate');
      return row;
    });
  }
}

/**
 * The snapshot's row, created if new, locked until the refresh's transaction ends: a concurrent
 * refresh of the scope waits here, before it writes anything. Answers the generation readers see
 * now (`generation` itself for a new snapshot, whose report is set only at the commit).
 */
async function lockSnapshot(manager: EntityManager, scope: ReportScope, scopeId: string, generation: string): Promise<string> {
  const [row] = (await manager.query(
    `INSERT INTO analytics_snapshots (scope, scope_id, generation, attempts, report) VALUES ($1, $2, $3, 0, '{}')
     ON CONFLICT (tenant_id, scope, scope_id) DO UPDATE SET computed_at = now() RETURNING generation`,
    [scope, scopeId, generation],
  )) as { generation: string }[];
  return row.generation;
}

/**
 * Statements spread over `lanes` connections, each its own tenant transaction, one after another
 * on a lane; `done` settles when every lane has, failing with the first failure.
 *
 * Their commits do not wait for the WAL to reach the disk (`synchronous_commit = off`): nobody
 * reads these rows before the switch, and the switch's own commit waits for the WAL up to it,
 * theirs included, so nothing a reader sees is less durable.
 */
function parallelWrites(tx: TenantTransaction, tenantId: string, lanes: number) {
  const tails: Promise<unknown>[] = Array.from({ length: lanes }, () => Promise.resolve());
  let next = 0;
  const write = async (manager: EntityManager, sql: string, params: unknown[]) => {
    await manager.query('SET LOCAL synchronous_commit = off');
    return manager.query(sql, params);
  };
  return {
    push(sql: string, params: unknown[]): void {
      const lane = next++ % lanes;
      tails[lane] = tails[lane].then(() => tx.runAs(tenantId, (manager) => write(manager, sql, params)));
      // Awaited by `done`; until then a failure must not count as unhandled.
      tails[lane].catch(() => undefined);
    },
    async done(): Promise<void> {
      const failed = (await Promise.allSettled(tails)).find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

function notComputed(scope: ReportScope): DomainError {
  return new DomainError(
    'not_found',
    'analytics.report_not_found',
    `No report for this ${scope === 'paper_version' ? 'paper version' : 'job role'}: it does not exist, or no attempt has been scored yet.`,
  );
}
