import { Injectable } from '@nestjs/common';
import { TenantTransaction } from '@assay/core';
import { GradingSettingsService } from './grading-settings.service';

export interface ProgressCounts {
  /** Candidates' answer tasks of every round (reference and self-check tasks are not work to finish). */
  tasks: number;
  marked: number;
  inProgress: number;
  waiting: number;
  waitingThird: number;
  waitingArbitration: number;
  flagged: number;
  oldestWaitingSince: string | null;
}

export interface QuestionProgress extends ProgressCounts {
  questionId: string;
}

export interface PaperProgress extends ProgressCounts {
  paperId: string;
  questions: QuestionProgress[];
  /** Marks per grader in the last hour. */
  marksPerGraderPerHour: { graderId: string; name: string; marks: number }[];
  /** When the waiting and leased tasks will be done at the last hour's pace; null when nobody marked in the last hour. */
  estimatedCompletion: string | null;
}

interface CountRow {
  question_id: string | null;
  tasks: number;
  marked: number;
  in_progress: number;
  waiting: number;
  waiting_third: number;
  waiting_arbitration: number;
  flagged: number;
  oldest: Date | null;
}

const counts = (row: CountRow): ProgressCounts => ({
  tasks: row.tasks,
  marked: row.marked,
  inProgress: row.in_progress,
  waiting: row.waiting,
  waitingThird: row.waiting_third,
  waitingArbitration: row.waiting_arbitration,
  flagged: row.flagged,
  oldestWaitingSince: row.oldest ? row.oldest.toISOString() : null,
});

/** 阅卷进度: where marking of a paper stands, per question, and when it will be done. */
@Injectable()
export class GradingProgressService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly settings: GradingSettingsService,
  ) {}

  progress(paperId: string): Promise<PaperProgress> {
    return this.tx.run(async (manager) => {
      await this.settings.requirePaper(manager, paperId);
      // GROUPING SETS: one row per question plus the paper's total row (question_id NULL).
      const rows = (await manager.query(
        `SELECT question_id,
                count(*)::int AS tasks,
                count(*) FILTER (WHERE status = 'done')::int AS marked,
                count(*) FILTER (WHERE status = 'leased')::int AS in_progress,
                count(*) FILTER (WHERE status = 'open')::int AS waiting,
                count(*) FILTER (WHERE status <> 'done' AND round = 'third')::int AS waiting_third,
                count(*) FILTER (WHERE status <> 'done' AND round = 'arbitration')::int AS waiting_arbitration,
                count(*) FILTER (WHERE status = 'open' AND flagged)::int AS flagged,
                min(created_at) FILTER (WHERE status = 'open') AS oldest
           FROM grading_tasks WHERE paper_id = $1 AND kind = 'answer'
          GROUP BY GROUPING SETS ((question_id), ())`,
        [paperId],
      )) as CountRow[];
      const total = rows.find((row) => row.question_id === null);
      const perGrader = (await manager.query(
        `SELECT m.grader_id, u.name, count(*)::int AS marks
           FROM grading_marks m JOIN grading_tasks t ON t.id = m.task_id JOIN users u ON u.id = m.grader_id
          WHERE t.paper_id = $1 AND m.created_at > now() - interval '1 hour'
          GROUP BY m.grader_id, u.name ORDER BY marks DESC, u.name`,
        [paperId],
      )) as { grader_id: string; name: string; marks: number }[];
      const empty: CountRow = { question_id: null, tasks: 0, marked: 0, in_progress: 0, waiting: 0, waiting_third: 0, waiting_arbitration: 0, flagged: 0, oldest: null };
      const paper = counts(total ?? empty);
      const pace = perGrader.reduce((sum, grader) => sum + grader.marks, 0);
      const left = paper.waiting + paper.inProgress;
      return {
        paperId,
        ...paper,
        questions: rows.filter((row) => row.question_id !== null).map((row) => ({ questionId: row.question_id as string, ...counts(row) })),
        marksPerGraderPerHour: perGrader.map((row) => ({ graderId: row.grader_id, name: row.name, marks: row.marks })),
        estimatedCompletion: pace > 0 ? new Date(Date.now() + (left / pace) * 3600_000).toISOString() : null,
      };
    });
  }
}
