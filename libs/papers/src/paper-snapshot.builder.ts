import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type Question, QuestionsService } from '@assay/bank';
import { JobRole } from '@assay/catalog';
import { isObjective } from '@assay/contracts';
import { scaleRubric } from '@assay/scoring';
import type { Paper } from './entities/paper.entity';
import { pointsTotal, questionsPerCandidate, type PaperSnapshot, type SnapshotQuestion, type SnapshotSection } from './paper-snapshot';
import { readSections, type SectionView } from './paper-sections';

/** Builds the snapshot of a draft from the bank as it is now; publishing stores it, preview and validation read it. */
@Injectable()
export class PaperSnapshotBuilder {
  constructor(private readonly questions: QuestionsService) {}

  async build(manager: EntityManager, paper: Paper): Promise<PaperSnapshot> {
    const sectionViews = await readSections(manager, paper.id);
    const jobRole = await manager.findOneByOrFail(JobRole, { id: paper.jobRoleId });
    const fixed = new Map(
      (await this.questions.findByIds(manager, sectionViews.flatMap((s) => s.questionIds))).map((q) => [q.id, q]),
    );
    const sections: SnapshotSection[] = [];
    for (const view of sectionViews) {
      // A question fixed somewhere in the paper is never drawn again from a pool.
      const source = view.draw
        ? (await this.questions.findPool(manager, view.draw.pool)).filter((q) => !fixed.has(q.id))
        : view.questionIds.map((id) => fixed.get(id)).filter((q): q is Question => q !== undefined);
      sections.push({
        id: view.id,
        title: view.title,
        instructions: view.instructions,
        pointsPerQuestion: view.pointsPerQuestion,
        scaleRubrics: view.scaleRubrics,
        draw: view.draw,
        questions: source.map((q) => snapshotQuestion(q, view)),
      });
    }
    return {
      paperId: paper.id,
      jobRole: { id: jobRole.id, name: jobRole.name },
      title: paper.title,
      instructions: paper.instructions,
      durationMinutes: paper.durationMinutes,
      passMark: paper.passMark,
      settings: { ...paper.settings },
      totalPoints: pointsTotal(sections.map((s) => ({ pointsPerQuestion: s.pointsPerQuestion, count: questionsPerCandidate(s) }))),
      sections,
    };
  }
}

function snapshotQuestion(question: Question, section: SectionView): SnapshotQuestion {
  const points = section.pointsPerQuestion;
  const scale = section.scaleRubrics && !isObjective(question.type) && question.rubric.length > 0;
  return {
    id: question.id,
    type: question.type,
    kind: question.kind,
    stem: question.stem,
    options: question.options,
    answerKey: question.answerKey,
    referenceAnswer: question.referenceAnswer,
    explanation: question.explanation,
    rubric: scale ? scaleRubric(question.rubric, points) : question.rubric,
    difficulty: question.difficulty,
    tags: question.tags,
    points,
    competencies: question.competencies.map(({ id, name }) => ({ id, name })),
  };
}
