import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { containsPattern, DomainError, pageOf, TenantTransaction, type Page, type PageQueryDto } from '@assay/core';
import { Candidate } from './entities/candidate.entity';

@Injectable()
export class CandidatesService {
  constructor(private readonly tx: TenantTransaction) {}

  list(query: PageQueryDto & { q?: string; externalId?: string }): Promise<Page<Candidate>> {
    return this.tx.run(async (manager) => {
      const qb = manager.createQueryBuilder(Candidate, 'c').orderBy('c.createdAt', 'DESC').addOrderBy('c.id').skip(query.offset).take(query.pageSize);
      if (query.q) {
        const q = containsPattern(query.q);
        qb.andWhere(new Brackets((w) => w.where('c.name ILIKE :q', { q }).orWhere('c.email ILIKE :q').orWhere('c.externalId ILIKE :q')));
      }
      if (query.externalId) qb.andWhere('c.externalId = :externalId', { externalId: query.externalId });
      const [items, total] = await qb.getManyAndCount();
      return pageOf(items, total, query);
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
