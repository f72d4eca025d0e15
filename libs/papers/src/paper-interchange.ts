import type { CreateQuestionDto } from '@assay/bank';
import type { FieldProblem } from '@assay/core';
import type { ImportedPaper, ImportedQuestion, ImportedSection } from '@assay/paper-import';
import { questionsPerCandidate, type PaperSnapshot } from './paper-snapshot';

/**
 * A paper in the interchange format of @assay/paper-import (the bank's own field names). The format
 * has no pools: a draw section lists every question of its pool, with `declaredCount` the number
 * drawn. Section instructions have no place in it either.
 */
export function toImportedPaper(paper: PaperSnapshot): ImportedPaper {
  let line = 0;
  return {
    title: paper.title,
    durationMinutes: paper.durationMinutes,
    totalPoints: paper.totalPoints,
    sections: paper.sections.map((section): ImportedSection => {
      const types = new Set(section.questions.map((q) => q.type));
      return {
        title: section.title,
        type: types.size === 1 ? section.questions[0].type : null,
        declaredCount: questionsPerCandidate(section),
        pointsEach: section.pointsPerQuestion,
        questions: section.questions.map(
          (q): ImportedQuestion => ({
            type: q.type,
            kind: q.kind,
            stem: q.stem,
            options: q.options.map(({ key, text }) => ({ key, text })),
            answerKey: q.answerKey,
            referenceAnswer: q.referenceAnswer,
            explanation: q.explanation,
            competencies: q.competencies.map((c) => c.name),
            rubric: q.rubric,
            points: q.points,
            // No source text: the question's 1-based number in the paper.
            line: ++line,
          }),
        ),
      };
    }),
    warnings: [],
  };
}

/**
 * A bank question from an imported one. With a rubric, its default points are the rubric's sum,
 * so the question is consistent on its own; a section giving other points then shows up in the
 * paper's validation, with the scaled rubric offered.
 */
export function importedQuestionInput(
  question: ImportedQuestion,
  section: ImportedSection,
  links: { competencyIds: string[]; jobRoleId: string },
): CreateQuestionDto {
  const rubric = question.rubric;
  const rubricSum = rubric.reduce((sum, c) => sum + Math.round(c.points * 100), 0) / 100;
  return {
    type: question.type,
    kind: question.kind,
    stem: question.stem,
    options: question.options,
    answerKey: question.answerKey,
    referenceAnswer: question.referenceAnswer,
    explanation: question.explanation,
    rubric,
    competencyIds: links.competencyIds,
    jobRoleIds: [links.jobRoleId],
    points: rubric.length > 0 && rubricSum > 0 ? rubricSum : (question.points ?? section.pointsEach ?? 1),
  };
}

/**
 * A bank problem of an imported question, placed in the imported JSON. The names are the same in
 * both; only competencies differ (names there, ids here).
 */
export function importedField(problem: FieldProblem, prefix: string): FieldProblem {
  const field = problem.field.startsWith('competencyIds') ? 'competencies' : problem.field;
  return { ...problem, field: `${prefix}.${field}` };
}
