import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { containsPattern, DomainError, pageOrCursor, TenantTransaction, type PageOrCursorQueryDto, type PageWithCursor } from '@assay/core';
import { Candidate } from './entities/candidate.entity';

@Injectable()
export class CandidatesService {
  constructor(private readonly tx: TenantTransaction) {}

  /** Newest first, by page number or by cursor (docs/api.md#lists). */
  list(query: PageOrCursorQueryDto & { q?: string; externalId?: string }): Promise<PageWithCursor<Candidate>> {
    return this.tx.run(async (manager) => {
      const qb = manager.createQueryBuilder(Candidate, 'c');
      if (query.q) {
        const q = containsPattern(query.q);
        qb.andWhere(new Brackets((w) => w.where('c.name ILIKE :q', { q }).orWhere('c.email ILIKE :q').orWhere('c.externalId ILIKE :q')));
      }
      if (query.externalId) qb.andWhere('c.externalId = :externalId', { externalId: query.externalId });
      return pageOrCursor(qb, { sort: 'c.created_at', id: 'c.id', type: 'timestamptz' }, query, (candidate) => candidate);
    });
  }

  get(id: string): Promise<Candidate> {
    return this.tx.run(async (manager) => {
      const candidate = await manager.findOneBy(Candidate, { id });
      if (!candidate) throw DomainError.notFound('candidate');
      return candidate;
    });
  }
}
