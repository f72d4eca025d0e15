import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantTransaction } from '@assay/core';
import type { MarkingMode } from '@assay/grading-rules';
import { PublishedPapers } from '@assay/papers';
import { GradingSettingsService } from './grading-settings.service';

/** One question's queue as a grader sees it: counts only, never an answer or a candidate. */
export interface QuestionQueue {
  questionId: string;
  /** The question's number in the paper (1-based, paper order). */
  number: number;
  stem: string;
  points: number;
  /** Candidates' answer tasks of every round, and those marked. */
  tasks: number;
  marked: number;
  /** Tasks this grader may claim now (their reference scripts and self-checks included). */
  forMe: number;
  /** Of those, answers waiting for a third mark (the third-marking view). */
  thirdForMe: number;
  waitingThird: number;
  waitingArbitration: number;
  flagged: number;
}

/** A paper the grader marks (or, for an admin, any paper with marking work): the grader's workspace home. */
export interface GraderQueue {
  paperId: string;
  title: string;
  /** An admin, or assigned to the paper as lead: third marking, arbitration and flags. */
  lead: boolean;
  mode: MarkingMode;
  /** The whole paper's marking (every question). */
  paper: { tasks: number; marked: number };
  /** This grader's marks on the paper: since the start of their day, and in all. */
  mine: { today: number; total: number };
  questions: QuestionQueue[];
}

/** Assigned to the task's paper and question ($1 the grader). */
const ASSIGNED = `EXISTS (SELECT 1 FROM grader_assignments g
                           WHERE g.user_id = $1 AND g.paper_id = t.paper_id AND (g.question_id IS NULL OR g.question_id = t.question_id))`;
/** What the claim (GradingQueueService) would hand this grader. */
const CLAIMABLE = `t.status = 'open' AND ${ASSIGNED}
  AND (t.for_grader = $1 OR (t.for_grader IS NULL AND t.round <> 'arbitration' AND NOT t.flagged AND NOT ($1 = ANY (t.excluded_graders))))`;

interface QuestionRow {
  paper_id: string;
  question_id: string;
  position: number;
  tasks: number;
  marked: number;
  for_me: number;
  third_for_me: number;
  waiting_third: number;
  waiting_arbitration: number;
  flagged: number;
}

/** The grader's queues per paper and question, with the paper's progress and their own work today. */
@Injectable()
export class GraderQueuesService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly settings: GradingSettingsService,
    private readonly papers: PublishedPapers,
  ) {}

  queues(graderId: string, isAdmin: boolean, dayStart: Date): Promise<GraderQueue[]> {
    return this.tx.run(async (manager) => {
      const leads = await this.papersOf(manager, graderId, isAdmin);
      const paperIds = [...leads.keys()];
      if (paperIds.length === 0) return [];
      const questions = (await manager.query(
        `SELECT t.paper_id, t.question_id, min(t.position)::int AS position,
                count(*) FILTER (WHERE t.kind = 'answer')::int AS tasks,
                count(*) FILTER (WHERE t.kind = 'answer' AND t.status = 'done')::int AS marked,
                count(*) FILTER (WHERE ${CLAIMABLE})::int AS for_me,
                count(*) FILTER (WHERE ${CLAIMABLE} AND t.round = 'third')::int AS third_for_me,
                count(*) FILTER (WHERE t.kind = 'answer' AND t.status <> 'done' AND t.round = 'third')::int AS waiting_third,
                count(*) FILTER (WHERE t.kind = 'answer' AND t.status <> 'done' AND t.round = 'arbitration')::int AS waiting_arbitration,
                count(*) FILTER (WHERE t.status = 'open' AND t.flagged)::int AS flagged
           FROM grading_tasks t
          WHERE t.paper_id = ANY($2::uuid[]) AND ($3::boolean OR ${ASSIGNED})
          GROUP BY t.paper_id, t.question_id
          ORDER BY t.paper_id, position`,
        [graderId, paperIds, isAdmin],
      )) as QuestionRow[];
      const totals = await this.paperTotals(manager, paperIds);
      const mine = await this.marksOf(manager, graderId, paperIds, dayStart);
      const stems = await this.stems(manager, paperIds);
      const titles = await this.papers.titles(manager, paperIds);
      const result: GraderQueue[] = [];
      for (const paperId of paperIds) {
        result.push({
          paperId,
          title: titles.get(paperId) ?? '',
          lead: leads.get(paperId) ?? false,
          mode: (await this.settings.of(manager, paperId)).mode,
          paper: totals.get(paperId) ?? { tasks: 0, marked: 0 },
          mine: mine.get(paperId) ?? { today: 0, total: 0 },
          questions: questions
            .filter((row) => row.paper_id === paperId)
            .map((row) => ({
              questionId: row.question_id,
              number: row.position + 1,
              stem: stems.get(row.question_id)?.stem ?? '',
              points: stems.get(row.question_id)?.points ?? 0,
              tasks: row.tasks,
              marked: row.marked,
              forMe: row.for_me,
              thirdForMe: row.third_for_me,
              waitingThird: row.waiting_third,
              waitingArbitration: row.waiting_arbitration,
              flagged: row.flagged,
            })),
        });
      }
      // Work waiting for this grader first, then by title.
      const waiting = (queue: GraderQueue) => queue.questions.reduce((sum, question) => sum + question.forMe, 0);
      return result.sort((x, y) => Number(waiting(y) > 0) - Number(waiting(x) > 0) || x.title.localeCompare(y.title));
    });
  }

  /** The papers in this grader's workspace, each with whether they lead it: their assignments, and for an admin every paper with marking work. */
  private async papersOf(manager: EntityManager, graderId: string, isAdmin: boolean): Promise<Map<string, boolean>> {
    const rows = (await manager.query(
      `SELECT paper_id, bool_or(lead) AS lead FROM grader_assignments WHERE user_id = $1 GROUP BY paper_id
       UNION
       SELECT DISTINCT paper_id, true FROM grading_tasks WHERE $2::boolean`,
      [graderId, isAdmin],
    )) as { paper_id: string; lead: boolean }[];
    const leads = new Map<string, boolean>();
    for (const row of rows) leads.set(row.paper_id, isAdmin || row.lead || (leads.get(row.paper_id) ?? false));
    return leads;
  }

  private async paperTotals(manager: EntityManager, paperIds: string[]): Promise<Map<string, { tasks: number; marked: number }>> {
    const rows = (await manager.query(
      `SELECT paper_id, count(*)::int AS tasks, count(*) FILTER (WHERE status = 'done')::int AS marked
         FROM grading_tasks WHERE paper_id = ANY($1::uuid[]) AND kind = 'answer' GROUP BY paper_id`,
      [paperIds],
    )) as { paper_id: string; tasks: number; marked: number }[];
    return new Map(rows.map((row) => [row.paper_id, { tasks: row.tasks, marked: row.marked }]));
  }

  private async marksOf(manager: EntityManager, graderId: string, paperIds: string[], dayStart: Date): Promise<Map<string, { today: number; total: number }>> {
    const rows = (await manager.query(
      `SELECT t.paper_id, count(*) FILTER (WHERE m.created_at >= $3)::int AS today, count(*)::int AS total
         FROM grading_marks m JOIN grading_tasks t ON t.id = m.task_id
        WHERE m.grader_id = $1 AND t.paper_id = ANY($2::uuid[]) GROUP BY t.paper_id`,
      [graderId, paperIds, dayStart],
    )) as { paper_id: string; today: number; total: number }[];
    return new Map(rows.map((row) => [row.paper_id, { today: row.today, total: row.total }]));
  }

  /** Each question's stem and points as copied at intake (any version of the paper: a question keeps its id). */
  private async stems(manager: EntityManager, paperIds: string[]): Promise<Map<string, { stem: string; points: number }>> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (q.question_id) q.question_id, q.stem, q.points
         FROM grading_questions q
        WHERE q.paper_version_id IN (SELECT DISTINCT paper_version_id FROM grading_scripts WHERE paper_id = ANY($1::uuid[]))
        ORDER BY q.question_id`,
      [paperIds],
    )) as { question_id: string; stem: string; points: string }[];
    return new Map(rows.map((row) => [row.question_id, { stem: row.stem, points: Number(row.points) }]));
  }
}
