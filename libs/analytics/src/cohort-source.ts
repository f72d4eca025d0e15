/**
 * Reads a cohort from the attempts, invitations, candidates and papers tables, read-only, in a
 * transaction bound to the tenant (row-level security applies). Only the refresh job's report
 * thread calls it, on a connection of its own (`readCohort`).
 */
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { AttemptStatus } from '@assay/contracts';
import { CLOSEST_KEPT, DEFAULT_TOLERANCE, SHARED_BANDS_OF_NEAR_DUPLICATE, tolerancePoints, type Tolerance } from '@assay/grading-rules';
import { answerSeconds } from './timing';
import type { AnswerCount, AttemptMarks, Cohort, CohortAttempt, CohortCheck, CohortGrading, CohortMark, CohortVersion, FunnelCounts, ReportScope } from './cohort';

/** Attempts that objective scoring has reached: final ones and those waiting for graders. */
const SCORED = `a.status IN ('scored', 'awaiting_grading', 'graded')`;

function scopeFilter(scope: ReportScope): string {
  return scope === 'paper_version' ? 'a.paper_version_id = $1' : 'i.job_role_id = $1';
}

const toNumber = (v: string | null) => (v === null ? null : Number(v));

interface AttemptRow {
  id: string;
  invitation_id: string;
  candidate_id: string;
  name: string;
  email: string;
  status: AttemptStatus;
  paper_version_id: string;
  points: string | null;
  max_points: string | null;
  /** Milliseconds since the epoch: a number parses far faster than a timestamp's text (100,000 of each per refresh). */
  started_ms: number;
  submitted_ms: number | null;
  submitted_by: CohortAttempt['submittedBy'];
  /** The array's text, `{id,id,...}`: most attempts of a version share it, so it is split once per distinct list. */
  question_ids: string;
  events: number;
  /** attempts.sheet: the marks aligned with question_ids (null only if scored before sheets existed and not backfilled). */
  sheet: (AttemptMarks & { answers: unknown[] }) | null;
}

/** What the cohort's reads need of a connection: rows for a statement (an EntityManager, or a pg client's rows). */
interface SqlReader {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** How a report thread connects: the API's own database URL and pool name, and the tenant to bind. */
export interface CohortConnection {
  connectionString: string;
  applicationName: string;
  tenantId: string;
}

/** Memory for the sorts and hashes of the cohort's reads (a transaction-local setting). */
const READ_WORK_MEM = '64MB';

/**
 * Reads the cohort on a connection of its own, in a read-only transaction bound to the tenant as
 * TenantTransaction binds one (`app.tenant_id`, local to the transaction), then closes it.
 */
export async function readCohort(connection: CohortConnection, scope: ReportScope, scopeId: string): Promise<Cohort> {
  const client = new Client({ connectionString: connection.connectionString, application_name: connection.applicationName });
  await client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [connection.tenantId]);
    // The cohort's rows are wide (each carries its result sheet): with the default 4 MB the joins
    // of 100,000 of them spill every row to temporary files and read them back.
    await client.query(`SET LOCAL work_mem = '${READ_WORK_MEM}'`);
    const cohort = await loadCohort({ query: async (sql, params) => (await client.query(sql, params)).rows }, scope, scopeId);
    await client.query('COMMIT');
    return cohort;
  } finally {
    await client.end();
  }
}

/**
 * One row per attempt: its result sheet carries every mark, first save and objective answer as
 * columns (docs/analytics.md, "How a refresh reads"), so no response row is read. 100,000
 * attempts of 30 questions are 100,000 rows parsed by JSON.parse, not 3,000,000 row objects.
 */
async function loadCohort(manager: SqlReader, scope: ReportScope, scopeId: string): Promise<Cohort> {
  const where = `${scopeFilter(scope)} AND ${SCORED}`;
  const versions = await loadVersions(manager, where, scopeId);
  const questionLists = questionListReader(versions);
  const rows = (await manager.query(
    `SELECT a.id, a.invitation_id, i.candidate_id, c.name, c.email, a.status, a.paper_version_id, a.points, a.max_points,
            ${EPOCH_MS('a.started_at')} AS started_ms, ${EPOCH_MS('a.submitted_at')} AS submitted_ms, a.submitted_by,
            a.question_ids::text AS question_ids, a.sheet,
            (SELECT count(*) FROM attempt_events e WHERE e.attempt_id = a.id AND e.type NOT IN ('started', 'submitted'))::int AS events
       FROM attempts a JOIN invitations i ON i.id = a.invitation_id JOIN candidates c ON c.id = i.candidate_id
      WHERE ${where}`,
    [scopeId],
  )) as AttemptRow[];
  const attempts = rows.map((a) => toAttempt(a, questionLists));
  const funnelWhere = scope === 'paper_version' ? 'paper_id = (SELECT paper_id FROM paper_versions WHERE id = $1)' : 'job_role_id = $1';
  const [funnel] = (await manager.query(
    `SELECT count(*) FILTER (WHERE status <> 'revoked')::int AS invited,
            count(*) FILTER (WHERE opened_at IS NOT NULL OR started_at IS NOT NULL)::int AS opened, count(started_at)::int AS started,
            count(submitted_at)::int AS submitted, count(*) FILTER (WHERE status = 'graded')::int AS graded
       FROM invitations WHERE ${funnelWhere}`,
    [scopeId],
  )) as FunnelCounts[];
  return {
    scope,
    scopeId,
    attempts,
    // Item analysis is per paper version: a role's report has none, so it needs no answers.
    answerCounts: scope === 'paper_version' ? countAnswers(rows, attempts) : [],
    versions,
    funnel,
    grading: await loadGrading(manager, where, scopeId),
  };
}

async function loadVersions(manager: SqlReader, where: string, scopeId: string): Promise<CohortVersion[]> {
  return (await manager.query(
    `SELECT id, version, snapshot FROM paper_versions
      WHERE id IN (SELECT DISTINCT a.paper_version_id FROM attempts a JOIN invitations i ON i.id = a.invitation_id WHERE ${where})
      ORDER BY published_at`,
    [scopeId],
  )) as CohortVersion[];
}

/** A float8 of milliseconds since the epoch (pg parses float8 to a number), null stays null. */
const EPOCH_MS = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * Turns an attempt's `question_ids` text into its list of ids, splitting each distinct text once
 * and sharing the list (and the snapshots' own id strings) between the attempts that have it.
 */
function questionListReader(versions: readonly CohortVersion[]): (text: string) => string[] {
  const canonical = new Map(versions.flatMap((v) => v.snapshot.sections.flatMap((s) => s.questions.map((q) => [q.id, q.id] as const))));
  const lists = new Map<string, string[]>();
  return (text) => {
    let list = lists.get(text);
    if (!list) {
      list = text === '{}' ? [] : text.slice(1, -1).split(',').map((id) => canonical.get(id) ?? id);
      lists.set(text, list);
    }
    return list;
  };
}

function toAttempt(a: AttemptRow, questionList: (text: string) => string[]): CohortAttempt {
  const questionIds = questionList(a.question_ids);
  const none = () => questionIds.map((): number | null => null);
  return {
    attemptId: a.id,
    invitationId: a.invitation_id,
    candidateId: a.candidate_id,
    name: a.name,
    email: a.email,
    status: a.status,
    paperVersionId: a.paper_version_id,
    points: toNumber(a.points),
    maxPoints: toNumber(a.max_points),
    startedAt: new Date(a.started_ms),
    submittedAt: a.submitted_ms === null ? null : new Date(a.submitted_ms),
    submittedBy: a.submitted_by,
    questionIds,
    marks: a.sheet
      ? { points: a.sheet.points, maxPoints: a.sheet.maxPoints, firstSavedAt: a.sheet.firstSavedAt }
      : { points: none(), maxPoints: none(), firstSavedAt: none() },
    integrityEvents: a.events,
  };
}

/** The sheets' objective answers counted per question and answer (an answer's JSON text is its identity). */
function countAnswers(rows: readonly AttemptRow[], attempts: readonly CohortAttempt[]): AnswerCount[] {
  const counts = new Map<string, AnswerCount>();
  rows.forEach((row, k) => {
    row.sheet?.answers.forEach((answer, i) => {
      if (answer === null || answer === undefined) return;
      const questionId = attempts[k].questionIds[i];
      const key = `${questionId} ${JSON.stringify(answer)}`;
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { questionId, answer, count: 1 });
    });
  });
  return [...counts.values()];
}

/** The paper's tolerance (grading_settings, or the default) for a question worth `maxPoints`. */
const TOLERANCE_COLUMNS = `COALESCE(s.tolerance_kind, '${DEFAULT_TOLERANCE.kind}') AS tolerance_kind, COALESCE(s.tolerance_value, ${DEFAULT_TOLERANCE.value}) AS tolerance_value`;
const toleranceOf = (row: { tolerance_kind: Tolerance['kind']; tolerance_value: string }, maxPoints: number) =>
  tolerancePoints({ kind: row.tolerance_kind, value: Number(row.tolerance_value) }, maxPoints);

/**
 * The grading domain's rows for the cohort's open answers (read-only): answers with their
 * suggested and final marks, every grader's mark on them, the graders' reference-script and
 * self-check marks on the cohort's papers, and the graders' names.
 */
async function loadGrading(manager: SqlReader, where: string, scopeId: string): Promise<CohortGrading> {
  const inCohort = `JOIN attempts a ON a.id = g.attempt_id JOIN invitations i ON i.id = a.invitation_id LEFT JOIN grading_settings s ON s.paper_id = g.paper_id WHERE ${where}`;
  const answers = (await manager.query(
    `SELECT g.id, g.question_id, g.max_points, g.suggested_points, g.final_points, ${TOLERANCE_COLUMNS} FROM grading_answers g ${inCohort} ORDER BY g.position, g.id`,
    [scopeId],
  )) as { id: string; question_id: string; max_points: string; suggested_points: string | null; final_points: string | null; tolerance_kind: Tolerance['kind']; tolerance_value: string }[];
  if (answers.length === 0) return { answers: [], marks: [], checks: [], graders: [] };
  const marks = (await manager.query(
    `SELECT m.answer_id, m.round, m.grader_id, m.points, m.created_at
       FROM grading_marks m JOIN grading_answers g ON g.id = m.answer_id ${inCohort} AND m.kind = 'answer' ORDER BY m.created_at`,
    [scopeId],
  )) as { answer_id: string; round: CohortMark['round']; grader_id: string; points: string; created_at: Date }[];
  const checks = (await manager.query(
    `SELECT c.grader_id, c.kind, c.expected_points, c.given_points, c.max_points, ${TOLERANCE_COLUMNS}
       FROM grader_checks c JOIN grading_tasks t ON t.id = c.task_id LEFT JOIN grading_settings s ON s.paper_id = t.paper_id
      WHERE t.paper_id IN (SELECT DISTINCT a.paper_id FROM attempts a JOIN invitations i ON i.id = a.invitation_id WHERE ${where})`,
    [scopeId],
  )) as { grader_id: string; kind: CohortCheck['kind']; expected_points: string; given_points: string; max_points: string; tolerance_kind: Tolerance['kind']; tolerance_value: string }[];
  const graderIds = [...new Set([...marks.map((m) => m.grader_id), ...checks.map((c) => c.grader_id)])];
  const graders = (await manager.query('SELECT id, name FROM users WHERE id = ANY($1)', [graderIds])) as { id: string; name: string }[];
  return {
    answers: answers.map((r) => ({
      answerId: r.id,
      questionId: r.question_id,
      maxPoints: Number(r.max_points),
      tolerance: toleranceOf(r, Number(r.max_points)),
      suggestedPoints: toNumber(r.suggested_points),
      finalPoints: toNumber(r.final_points),
    })),
    marks: marks.map((m) => ({ answerId: m.answer_id, round: m.round, graderId: m.grader_id, points: Number(m.points), at: m.created_at })),
    checks: checks.map((c) => ({ graderId: c.grader_id, kind: c.kind, expected: Number(c.expected_points), given: Number(c.given_points), tolerance: toleranceOf(c, Number(c.max_points)) })),
    graders,
  };
}

/** The job role a version belongs to, from its snapshot (null if the version is not visible). */
export async function jobRoleOf(manager: EntityManager, scope: ReportScope, scopeId: string): Promise<{ id: string; name: string } | null> {
  const [row] = (await manager.query(
    scope === 'paper_version'
      ? `SELECT r.id, r.name FROM paper_versions v JOIN papers p ON p.id = v.paper_id JOIN job_roles r ON r.id = p.job_role_id WHERE v.id = $1`
      : 'SELECT id, name FROM job_roles WHERE id = $1',
    [scopeId],
  )) as { id: string; name: string }[];
  return row ?? null;
}

/**
 * What one candidate report adds to the snapshot's row, read for that attempt only: when it was
 * submitted, time per question (from its first saves) and the grading domain's similarity flags:
 * the closest near-identical answers per question and how many there are in all (grading's SQL
 * functions closest_similar_answers and similar_answer_counts).
 */
export async function attemptDetails(manager: EntityManager, attemptId: string) {
  const [attempt] = (await manager.query('SELECT started_at, submitted_at FROM attempts WHERE id = $1', [attemptId])) as { started_at: Date; submitted_at: Date | null }[];
  const saves = (await manager.query('SELECT question_id, first_saved_at FROM responses WHERE attempt_id = $1', [attemptId])) as { question_id: string; first_saved_at: Date | null }[];
  const savedAt = saves.map((r) => r.first_saved_at?.getTime() ?? null);
  const flags = (await manager.query('SELECT question_id, similarity, other_attempt_id, other_code FROM closest_similar_answers($1, $2)', [attemptId, CLOSEST_KEPT])) as {
    question_id: string;
    similarity: string;
    other_attempt_id: string;
    other_code: string;
  }[];
  const counts = (await manager.query('SELECT question_id, others FROM similar_answer_counts($1, $2)', [attemptId, SHARED_BANDS_OF_NEAR_DUPLICATE])) as { question_id: string; others: number }[];
  return {
    submittedAt: attempt?.submitted_at ?? null,
    timePerQuestion: attempt ? answerSeconds({ startedAt: attempt.started_at.getTime(), questionIds: saves.map((r) => r.question_id), firstSavedAt: savedAt }) : [],
    similarityFlags: flags.map((f) => ({ questionId: f.question_id, similarity: Number(f.similarity), otherAttemptId: f.other_attempt_id, otherCode: f.other_code })),
    similarityCounts: counts.map((c) => ({ questionId: c.question_id, others: c.others, shown: flags.filter((f) => f.question_id === c.question_id).length })),
  };
}
