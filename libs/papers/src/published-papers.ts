import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@assay/core';
import { PaperVersion } from './entities/paper-version.entity';
import { questionsPerCandidate, type PaperSnapshot } from './paper-snapshot';

/** 409 for a paper that has no published version yet (nothing to invite to or to start). */
export const PAPER_NOT_PUBLISHED = () => new DomainError('conflict', 'paper.not_published', 'The paper has no published version yet; publish it first.');

/** Which version candidates of a paper take now. */
export interface LatestVersion {
  versionId: string;
  version: number;
}

/** One published version with its whole snapshot (immutable: safe to cache by version id). */
export interface VersionSnapshot extends LatestVersion {
  snapshot: PaperSnapshot;
}

/** What other domains (invitations, attempts) need of the version candidates take now. */
export interface PublishedPaper extends LatestVersion {
  paperId: string;
  jobRoleId: string;
  jobRoleName: string;
  title: string;
  instructions: string | null;
  durationMinutes: number;
  /** Questions each candidate gets (draws counted by their size). */
  questionCount: number;
  totalPoints: number;
}

/**
 * Read access to published versions for other domains, inside their own transaction: the papers
 * library owns `papers` and `paper_versions`, so "the latest published version" is answered here
 * and nowhere else.
 */
@Injectable()
export class PublishedPapers {
  /**
   * The paper's latest published version (the one `papers.latest_version` points at), without its
   * snapshot: one indexed read (a candidate's start asks the same inside `attempt_start`). 404 for an unknown paper, 409 for one
   * never published.
   */
  async latestVersion(manager: EntityManager, paperId: string): Promise<LatestVersion> {
    const [row] = (await manager.query(
      `SELECT v.id AS version_id, v.version
         FROM papers p LEFT JOIN paper_versions v ON v.paper_id = p.id AND v.version = p.latest_version
        WHERE p.id = $1`,
      [paperId],
    )) as { version_id: string | null; version: number | null }[];
    if (!row) throw DomainError.notFound('paper');
    if (row.version_id === null || row.version === null) {
      throw PAPER_NOT_PUBLISHED();
    }
    return { versionId: row.version_id, version: row.version };
  }

  /** The current titles of these papers (ids the caller read from its own rows, under RLS), by id. */
  async titles(manager: EntityManager, paperIds: string[]): Promise<Map<string, string>> {
    const rows = (await manager.query('SELECT id, title FROM papers WHERE id = ANY($1::uuid[])', [paperIds])) as { id: string; title: string }[];
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  /** One version with its snapshot, by id (ids come from the caller's own rows, under RLS). */
  async version(manager: EntityManager, versionId: string): Promise<VersionSnapshot> {
    const found = await manager.createQueryBuilder(PaperVersion, 'v').addSelect('v.snapshot').where('v.id = :versionId', { versionId }).getOne();
    if (!found) throw new Error(`paper version ${versionId} not found`);
    return { versionId: found.id, version: found.version, snapshot: found.snapshot };
  }

  /** The latest published version with what an intro page or an email shows of it. */
  async latest(manager: EntityManager, paperId: string): Promise<PublishedPaper> {
    const { snapshot, versionId, version } = await this.version(manager, (await this.latestVersion(manager, paperId)).versionId);
    return {
      paperId,
      versionId,
      version,
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
