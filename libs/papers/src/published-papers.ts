import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@assay/core';
import { PaperVersion } from './entities/paper-version.entity';
import { questionsPerCandidate } from './paper-snapshot';
import { findPaper } from './papers.service';

/** What other domains (invitations, attempts) need of the version candidates take now. */
export interface PublishedPaper {
  paperId: string;
  versionId: string;
  version: number;
  jobRoleId: string;
  jobRoleName: string;
  title: string;
  instructions: string | null;
  durationMinutes: number;
  /** Questions each candidate gets (draws counted by their size). */
  questionCount: number;
  totalPoints: number;
}

/** Read access to published versions for other domains, inside their own transaction. */
@Injectable()
export class PublishedPapers {
  /** The latest published version; 404 for an unknown paper, 409 for one never published. */
  async latest(manager: EntityManager, paperId: string): Promise<PublishedPaper> {
    const paper = await findPaper(manager, paperId);
    const found =
      paper.latestVersion === null
        ? null
        : await manager
            .createQueryBuilder(PaperVersion, 'v')
            .addSelect('v.snapshot')
            .where('v.paperId = :paperId AND v.version = :version', { paperId, version: paper.latestVersion })
            .getOne();
    if (!found) throw new DomainError('conflict', 'paper.not_published', 'The paper has no published version yet; publish it first.');
    const { snapshot } = found;
    return {
      paperId,
      versionId: found.id,
      version: found.version,
      jobRoleId: snapshot.jobRole.id,
      jobRoleName: snapshot.jobRole.name,
      title: snapshot.title,
      instructions: snapshot.instructions,
      durationMinutes: snapshot.durationMinutes,
      questionCount: snapshot.sections.reduce((sum, section) => sum + questionsPerCandidate(section), 0),
      totalPoints: snapshot.totalPoints,
    };
  }
}
