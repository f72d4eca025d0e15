import type { RubricCriterion } from '@assay/contracts';
import { roundMark } from './marks';

/** One problem with a grader's scores, naming the field as the API reports it. */
export interface MarkProblem {
  field: string;
  reason: string;
}

export interface RubricMarkInput {
  /** The question's rubric; empty means one score for the whole question. */
  rubric: readonly RubricCriterion[];
  questionPoints: number;
  halfPoints: boolean;
  /** One score per criterion, in rubric order (one score when the rubric is empty). */
  scores: readonly number[];
}

/** The criteria a grader scores: the rubric, or the whole question as one criterion. */
export function markingCriteria(rubric: readonly RubricCriterion[], questionPoints: number): RubricCriterion[] {
  return rubric.length > 0 ? [...rubric] : [{ criterion: 'total', points: questionPoints }];
}

/**
 * Checks the scores against the rubric: one per criterion, each between 0 and the criterion's
 * points, in whole points (or halves when the paper allows them). Returns the total or the problems.
 */
export function checkRubricMarks(input: RubricMarkInput): { total: number; problems: [] } | { total: null; problems: MarkProblem[] } {
  const criteria = markingCriteria(input.rubric, input.questionPoints);
  if (input.scores.length !== criteria.length) {
    return { total: null, problems: [{ field: 'scores', reason: `expected ${criteria.length} scores (one per rubric criterion), got ${input.scores.length}` }] };
  }
  const step = input.halfPoints ? 2 : 1;
  const problems: MarkProblem[] = [];
  input.scores.forEach((score, index) => {
    const { criterion, points } = criteria[index];
    const field = `scores[${index}]`;
    if (!Number.isFinite(score) || score < 0 || score > points) {
      problems.push({ field, reason: `"${criterion}" is scored from 0 to ${points}, got ${score}` });
    } else if (!Number.isInteger(Number((score * step).toPrecision(15)))) {
      problems.push({ field, reason: input.halfPoints ? `"${criterion}" takes whole or half points, got ${score}` : `"${criterion}" takes whole points (this paper allows no half points), got ${score}` });
    }
  });
  if (problems.length > 0) return { total: null, problems };
  return { total: roundMark(input.scores.reduce((sum, score) => sum + score, 0)), problems: [] };
}
