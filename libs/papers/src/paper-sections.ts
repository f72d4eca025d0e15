import { EntityManager, In } from 'typeorm';
import type { QuestionPoolFilter } from '@assay/bank';
import type { SectionDto } from './dto/paper.dto';
import { PaperSection, PaperSectionQuestion } from './entities/paper-section.entity';

/** A section of a draft as the API shows and accepts it. */
export interface SectionView {
  id: string;
  title: string;
  instructions: string | null;
  pointsPerQuestion: number;
  scaleRubrics: boolean;
  questionIds: string[];
  draw: { count: number; pool: QuestionPoolFilter } | null;
}

export async function readSections(manager: EntityManager, paperId: string): Promise<SectionView[]> {
  const sections = await manager.find(PaperSection, { where: { paperId }, order: { position: 'ASC' } });
  if (sections.length === 0) return [];
  const links = await manager.find(PaperSectionQuestion, {
    where: { sectionId: In(sections.map((s) => s.id)) },
    order: { position: 'ASC' },
  });
  return sections.map((section) => ({
    id: section.id,
    title: section.title,
    instructions: section.instructions,
    pointsPerQuestion: section.pointsPerQuestion,
    scaleRubrics: section.scaleRubrics,
    questionIds: links.filter((l) => l.sectionId === section.id).map((l) => l.questionId),
    draw: section.drawCount !== null && section.pool !== null ? { count: section.drawCount, pool: section.pool } : null,
  }));
}

/** Sections are edited as a whole: the draft's sections are replaced by the given ones. */
export async function replaceSections(manager: EntityManager, paperId: string, sections: readonly SectionDto[]): Promise<void> {
  await manager.delete(PaperSection, { paperId });
  for (const [position, dto] of sections.entries()) {
    const section = await manager.save(
      manager.create(PaperSection, {
        paperId,
        position,
        title: dto.title,
        instructions: dto.instructions ?? null,
        pointsPerQuestion: dto.pointsPerQuestion,
        scaleRubrics: dto.scaleRubrics ?? false,
        drawCount: dto.draw?.count ?? null,
        pool: dto.draw ? { ...dto.draw.pool } : null,
      }),
    );
    const questionIds = dto.questionIds ?? [];
    if (questionIds.length > 0) {
      await manager.insert(
        PaperSectionQuestion,
        questionIds.map((questionId, index) => ({ sectionId: section.id, position: index, questionId })),
      );
    }
  }
}

export function toSectionDto(section: SectionView): SectionDto {
  return {
    title: section.title,
    instructions: section.instructions,
    pointsPerQuestion: section.pointsPerQuestion,
    scaleRubrics: section.scaleRubrics,
    ...(section.draw ? { draw: { count: section.draw.count, pool: section.draw.pool } } : { questionIds: section.questionIds }),
  };
}
