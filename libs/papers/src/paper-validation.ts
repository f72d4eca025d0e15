import { isObjective, type RubricCriterion } from '@assay/contracts';
import { scaleRubric, validateAnswerKey, validateRubric, type ValidationCode } from '@assay/scoring';
import type { PaperSnapshot, SnapshotQuestion } from './paper-snapshot';

/** Stable codes of paper problems; the answer-key and rubric codes are those of @assay/scoring. */
export type PaperIssueCode =
  | 'PAPER_NO_SECTIONS'
  | 'SECTION_EMPTY'
  | 'DRAW_POOL_TOO_SMALL'
  | 'QUESTION_REPEATED'
  | 'PASS_MARK_ABOVE_TOTAL'
  | 'TOTAL_NOT_100'
  | 'NO_PASS_MARK'
  | 'POOLS_OVERLAP'
  | ValidationCode;

export interface PaperIssue {
  /** Where, inside the paper as GET /papers/:id shows it, e.g. `sections[1].questions[0].answerKey`. */
  path: string;
  code: PaperIssueCode;
  message: string;
  questionId?: string;
  /** For RUBRIC_SUM_MISMATCH: the rubric scaled to the section's points (what `scaleRubrics` would use). */
  scaledRubric?: RubricCriterion[];
}

export interface PaperValidation {
  /** Block publishing. */
  errors: PaperIssue[];
  /** Shown to the author; publishing goes ahead. */
  warnings: PaperIssue[];
}

const EXPECTED_TOTAL = 100;

/** Every problem of a paper before publishing, in paper order. Pure: works on a snapshot. */
export function validatePaper(paper: PaperSnapshot): PaperValidation {
  const errors: PaperIssue[] = [];
  const warnings: PaperIssue[] = [];
  if (paper.sections.length === 0) {
    errors.push({ path: 'sections', code: 'PAPER_NO_SECTIONS', message: 'The paper has no sections.' });
  }
  const fixedIn = new Map<string, number>();
  const drawableIn = new Map<string, number>();
  paper.sections.forEach((section, s) => {
    const path = `sections[${s}]`;
    if (section.draw) {
      if (section.questions.length < section.draw.count) {
        errors.push({
          path: `${path}.draw.count`,
          code: 'DRAW_POOL_TOO_SMALL',
          message: `Section "${section.title}" draws ${section.draw.count} questions but its pool holds ${section.questions.length}.`,
        });
      }
    } else if (section.questions.length === 0) {
      errors.push({ path, code: 'SECTION_EMPTY', message: `Section "${section.title}" has no questions.` });
    }
    section.questions.forEach((question, q) => {
      const questionPath = `${path}.questions[${q}]`;
      if (!section.draw) {
        if (fixedIn.has(question.id)) {
          errors.push({
            path: questionPath,
            code: 'QUESTION_REPEATED',
            questionId: question.id,
            message: `This question is already in section ${(fixedIn.get(question.id) as number) + 1}; candidates would answer it twice.`,
          });
        }
        fixedIn.set(question.id, s);
      } else if (drawableIn.has(question.id) && drawableIn.get(question.id) !== s) {
        warnings.push({
          path: `${path}.draw.pool`,
          code: 'POOLS_OVERLAP',
          questionId: question.id,
          message: `A question of this pool is also in the pool of section ${(drawableIn.get(question.id) as number) + 1}; a candidate may draw it twice.`,
        });
      } else {
        drawableIn.set(question.id, s);
      }
      errors.push(...questionIssues(question, section.scaleRubrics, questionPath));
    });
  });
  if (paper.passMark !== null && paper.passMark > paper.totalPoints) {
    errors.push({ path: 'passMark', code: 'PASS_MARK_ABOVE_TOTAL', message: `The pass mark ${paper.passMark} is above the total of ${paper.totalPoints} points.` });
  }
  if (paper.sections.length > 0 && paper.totalPoints !== EXPECTED_TOTAL) {
    warnings.push({ path: 'totalPoints', code: 'TOTAL_NOT_100', message: `The paper is worth ${paper.totalPoints} points, not ${EXPECTED_TOTAL}.` });
  }
  if (paper.passMark === null) {
    warnings.push({ path: 'passMark', code: 'NO_PASS_MARK', message: 'No pass mark is set; reports will not say who passed.' });
  }
  return { errors, warnings };
}

/** Checked with the points the section gives the question; a scaled rubric was already scaled by the snapshot. */
function questionIssues(question: SnapshotQuestion, scaleRubrics: boolean, path: string): PaperIssue[] {
  const at = (inner: string) => `${path}.${inner}`;
  if (isObjective(question.type)) {
    return validateAnswerKey(question.type, question.answerKey, question.options.map((o) => o.key)).map((e) => ({
      path: at(e.path),
      code: e.code,
      message: e.message,
      questionId: question.id,
    }));
  }
  return validateRubric(question.rubric, question.points).map((e) => {
    const issue: PaperIssue = { path: at(e.path), code: e.code, message: e.message, questionId: question.id };
    if (e.code === 'RUBRIC_SUM_MISMATCH' && !scaleRubrics) {
      issue.message += ' Set scaleRubrics on the section to scale the rubric to the section\'s points.';
      issue.scaledRubric = scaleRubric(question.rubric, question.points);
    }
    return issue;
  });
}
