import { ScoringError, ScoringErrorCode } from './errors';
import { round2, toCents } from './round';
import type { RubricCriterion } from '@assay/contracts';
import type { ValidationError } from './types';

/**
 * Checks a grading rubric (评分标准) before publishing: every criterion named once, positive points
 * with at most 2 decimals, and criteria adding up to the question's points. Never throws.
 */
export function validateRubric(rubric: readonly RubricCriterion[], questionPoints: number): ValidationError[] {
  if (rubric.length === 0) {
    return [{ path: 'rubric', code: 'RUBRIC_EMPTY', message: 'A rubric needs at least one criterion.' }];
  }
  const errors: ValidationError[] = [];
  const names = new Set<string>();
  let pointsAreValid = true;
  rubric.forEach(({ criterion, points }, index) => {
    const name = typeof criterion === 'string' ? criterion.trim() : '';
    if (name === '') {
      errors.push({ path: `rubric[${index}].criterion`, code: 'RUBRIC_CRITERION_NAME_EMPTY', message: `Criterion ${index + 1} needs a name.` });
    } else if (names.has(name)) {
      // Graders score criterion by criterion; two with one name cannot be told apart.
      errors.push({ path: `rubric[${index}].criterion`, code: 'RUBRIC_CRITERION_DUPLICATE', message: `Criterion "${name}" appears twice.` });
    } else {
      names.add(name);
    }
    if (typeof points !== 'number' || !Number.isFinite(points) || points <= 0) {
      pointsAreValid = false;
      errors.push({
        path: `rubric[${index}].points`,
        code: 'RUBRIC_POINTS_NOT_POSITIVE',
        message: `Criterion ${index + 1} must be worth more than 0 points, got ${String(points)}.`,
      });
    } else if (toCents(points) / 100 !== points) {
      // Scores are kept to hundredths; finer criteria could never add up exactly.
      pointsAreValid = false;
      errors.push({
        path: `rubric[${index}].points`,
        code: 'RUBRIC_POINTS_TOO_PRECISE',
        message: `Criterion ${index + 1} has more than 2 decimals (${points}).`,
      });
    }
  });
  if (pointsAreValid) {
    const sumCents = rubric.reduce((sum, c) => sum + toCents(c.points), 0);
    if (sumCents !== toCents(questionPoints)) {
      const sum = round2(sumCents / 100);
      errors.push({
        path: 'rubric',
        code: 'RUBRIC_SUM_MISMATCH',
        message: `The criteria add up to ${sum} points but the question is worth ${questionPoints}.`,
      });
    }
  }
  return errors;
}

/**
 * Scales a rubric to a new question total (e.g. the paper changes a question from 10 to 15 points),
 * keeping the proportions. Works in hundredths: each criterion is rounded to 2 decimals and the
 * rounding remainder goes to the largest criterion (the first one on a tie), so the sum is exact.
 */
export function scaleRubric(rubric: readonly RubricCriterion[], questionPoints: number): RubricCriterion[] {
  if (!Number.isFinite(questionPoints) || questionPoints <= 0) {
    throw new ScoringError(ScoringErrorCode.InvalidRubric, `Question points must be positive, got ${questionPoints}.`);
  }
  if (rubric.length === 0 || rubric.some((c) => !Number.isFinite(c.points) || c.points <= 0)) {
    throw new ScoringError(ScoringErrorCode.InvalidRubric, 'Only a non-empty rubric with positive criteria can be scaled.');
  }
  const targetCents = toCents(questionPoints);
  const total = rubric.reduce((sum, c) => sum + c.points, 0);
  const cents = rubric.map((c) => Math.round((c.points * targetCents) / total));
  const largest = rubric.reduce((best, c, index) => (c.points > rubric[best].points ? index : best), 0);
  cents[largest] += targetCents - cents.reduce((sum, value) => sum + value, 0);
  return rubric.map((c, index) => ({ ...c, points: cents[index] / 100 }));
}
