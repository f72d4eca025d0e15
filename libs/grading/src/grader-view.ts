import type { RubricCriterion } from '@assay/contracts';
import type { KeyPointCoverage } from '@assay/grading-rules';

/** The grading_questions and grading_answers columns a task is shown with: no candidate, no other grader's mark. */
export interface GraderViewRow {
  question_id: string;
  stem: string;
  reference_answer: string | null;
  explanation: string | null;
  rubric: RubricCriterion[];
  answer_text: string;
  suggested_points: string | null;
  suggestion: KeyPointCoverage[];
}

/** The question, the answer and the suggestion as a grader (or a lead deciding a task) sees them. */
export function graderView(row: GraderViewRow, points: number, halfPoints: boolean) {
  return {
    question: { id: row.question_id, stem: row.stem, referenceAnswer: row.reference_answer, explanation: row.explanation, rubric: row.rubric, points, halfPoints },
    answer: row.answer_text,
    suggestion: { points: row.suggested_points === null ? null : Number(row.suggested_points), keyPoints: row.suggestion },
  };
}
