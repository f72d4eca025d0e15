import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PublishedPapers, type VersionSnapshot } from '@assay/papers';

const MAX_ENTRIES = 200;

/**
 * Published versions are immutable, so their parsed snapshots are cached in memory by version id.
 * A start storm of thousands of candidates on one paper loads the snapshot once; concurrent misses
 * share one load. Version ids come from the caller's own tenant-scoped rows (RLS), so a cached
 * entry is only ever reached by its own tenant.
 */
@Injectable()
export class PaperSnapshots {
  private readonly cache = new Map<string, Promise<VersionSnapshot>>();

  constructor(private readonly papers: PublishedPapers) {}

  get(manager: EntityManager, versionId: string): Promise<VersionSnapshot> {
    const hit = this.cache.get(versionId);
    if (hit) {
      // Refresh recency (Map keeps insertion order: the first key is the least recently used).
      this.cache.delete(versionId);
      this.cache.set(versionId, hit);
      return hit;
    }
    const load = this.papers.version(manager, versionId);
    this.cache.set(versionId, load);
    load.catch(() => this.cache.delete(versionId));
    while (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return load;
  }
}
