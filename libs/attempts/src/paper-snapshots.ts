import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenantTransaction } from '@assay/core';
import { PublishedPapers, type VersionSnapshot } from '@assay/papers';

const MAX_ENTRIES = 200;

/**
 * Published versions are immutable, so their parsed snapshots are cached in memory by version id.
 * A start storm of thousands of candidates on one paper loads the snapshot once; concurrent misses
 * share one load. Version ids come from the caller's own tenant-scoped rows (RLS), so a cached
 * entry is only ever reached by its own tenant.
 *
 * It also remembers, per paper, the version its last start was bound to: the start's guess of the
 * paper's latest version, which `attempt_start` checks under the tenant's RLS before using it (a
 * wrong or stale guess costs one more round trip, never a wrong version).
 */
@Injectable()
export class PaperSnapshots {
  private readonly cache = new Map<string, Promise<VersionSnapshot>>();
  private readonly latest = new Map<string, string>();

  constructor(
    private readonly papers: PublishedPapers,
    private readonly tx: TenantTransaction,
  ) {}

  get(manager: EntityManager, versionId: string): Promise<VersionSnapshot> {
    return this.cached(versionId) ?? this.remember(versionId, this.papers.version(manager, versionId));
  }

  /** As `get`, outside any transaction: a miss is loaded in a tenant transaction of its own. */
  getAs(tenantId: string, versionId: string): Promise<VersionSnapshot> {
    return this.cached(versionId) ?? this.remember(versionId, this.tx.runAs(tenantId, (manager) => this.papers.version(manager, versionId)));
  }

  /** The version the paper's last start was bound to, if any: a guess at its latest version. */
  latestGuess(paperId: string): string | null {
    return this.latest.get(paperId) ?? null;
  }

  noteLatest(paperId: string, versionId: string): void {
    this.latest.delete(paperId);
    this.latest.set(paperId, versionId);
    while (this.latest.size > MAX_ENTRIES) this.latest.delete(this.latest.keys().next().value as string);
  }

  private cached(versionId: string): Promise<VersionSnapshot> | undefined {
    const hit = this.cache.get(versionId);
    if (hit) {
      // Refresh recency (Map keeps insertion order: the first key is the least recently used).
      this.cache.delete(versionId);
      this.cache.set(versionId, hit);
    }
    return hit;
  }

  private remember(versionId: string, load: Promise<VersionSnapshot>): Promise<VersionSnapshot> {
    this.cache.set(versionId, load);
    load.catch(() => this.cache.delete(versionId));
    while (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return load;
  }
}
