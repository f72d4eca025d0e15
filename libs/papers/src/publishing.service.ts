import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@assay/audit';
import { WebhooksService } from '@assay/webhooks';
import { DomainError, pageOf, TenantContext, TenantTransaction, type Page, type PageQueryDto } from '@assay/core';
import { PaperVersion } from './entities/paper-version.entity';
import { candidatePaper, type CandidatePaper } from './candidate-paper';
import { paperNotPublishable } from './not-publishable';
import { PaperSnapshotBuilder } from './paper-snapshot.builder';
import { validatePaper, type PaperIssue, type PaperValidation } from './paper-validation';
import { findPaper } from './papers.service';

export type PaperVersionSummary = Omit<PaperVersion, 'snapshot'>;

export interface PublishedVersion extends PaperVersionSummary {
  warnings: PaperIssue[];
}

/** Validation, preview and publishing: all read the same snapshot of the draft. */
@Injectable()
export class PublishingService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly snapshots: PaperSnapshotBuilder,
    private readonly webhooks: WebhooksService,
    private readonly audit: AuditTrail,
  ) {}

  validation(id: string): Promise<PaperValidation> {
    return this.tx.run(async (manager) => validatePaper(await this.snapshots.build(manager, await findPaper(manager, id))));
  }

  preview(id: string, seed: string): Promise<CandidatePaper> {
    return this.tx.run(async (manager) => candidatePaper(await this.snapshots.build(manager, await findPaper(manager, id)), null, seed));
  }

  /**
   * Freezes the draft into version N+1. The paper row is locked first, so two concurrent
   * publishes get consecutive numbers (and the unique index catches anything else).
   */
  publish(id: string): Promise<PublishedVersion> {
    return this.tx.run(async (manager) => {
      const paper = await findPaper(manager, id, { lock: true });
      if (paper.archivedAt) throw new DomainError('conflict', 'paper.archived', 'The paper is archived; restore it to publish it.');
      const snapshot = await this.snapshots.build(manager, paper);
      const { errors, warnings } = validatePaper(snapshot);
      if (errors.length > 0) throw paperNotPublishable(errors, warnings);
      const before = { latestVersion: paper.latestVersion, unpublishedChanges: paper.unpublishedChanges };
      const version = (paper.latestVersion ?? 0) + 1;
      const { identifiers } = await manager.insert(PaperVersion, {
        paperId: paper.id,
        version,
        snapshot,
        publishedBy: TenantContext.current()?.userId ?? null,
      });
      paper.latestVersion = version;
      paper.unpublishedChanges = false;
      await manager.save(paper);
      const stored = await manager.findOneByOrFail(PaperVersion, { id: identifiers[0].id as string });
      await this.webhooks.emit(manager, 'paper.published', { paperId: paper.id, paperVersionId: stored.id, version, jobRoleId: paper.jobRoleId });
      await this.audit.record(manager, { resourceType: 'paper', resourceId: paper.id, before, after: { latestVersion: version, unpublishedChanges: false, paperVersionId: stored.id } });
      return { ...stored, warnings };
    });
  }

  versions(id: string, query: PageQueryDto): Promise<Page<PaperVersionSummary>> {
    return this.tx.run(async (manager) => {
      await findPaper(manager, id);
      const [items, total] = await manager.findAndCount(PaperVersion, {
        where: { paperId: id },
        order: { version: 'DESC' },
        skip: query.offset,
        take: query.pageSize,
      });
      return pageOf(items, total, query);
    });
  }

  version(id: string, version: number): Promise<PaperVersion> {
    return this.tx.run(async (manager) => {
      await findPaper(manager, id);
      const found = await manager
        .createQueryBuilder(PaperVersion, 'v')
        .addSelect('v.snapshot')
        .where('v.paperId = :id AND v.version = :version', { id, version })
        .getOne();
      if (!found) throw DomainError.notFound('paper_version');
      return found;
    });
  }

  /** A published version as a candidate gets it: what an attempt seeded with `seed` would show. */
  async versionPreview(id: string, version: number, seed: string): Promise<CandidatePaper> {
    const found = await this.version(id, version);
    return candidatePaper(found.snapshot, found.version, seed);
  }
}
