import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, IsNull, Raw, type FindOptionsOrder, type FindOptionsWhere } from 'typeorm';
import { containsPattern, DomainError, isForeignKeyViolation, pageOf, TenantTransaction, type Page } from '@assay/core';
import type { CatalogQueryDto, CreateCatalogEntryDto, JobRoleQueryDto, UpdateCatalogEntryDto } from './dto/catalog.dto';
import { Competency } from './entities/competency.entity';
import { JobRole } from './entities/job-role.entity';

type CatalogEntity = JobRole | Competency;

const nameMatches = (q: string | undefined) =>
  q ? Raw((alias) => `${alias} ILIKE :pattern`, { pattern: containsPattern(q.trim()) }) : undefined;

/** Job roles and competencies share their rules: tenant-unique names, search, delete only when unused. */
abstract class CatalogService<T extends CatalogEntity> {
  protected abstract readonly entity: EntityTarget<T>;
  /** `job_role` or `competency`: the prefix of error codes. */
  protected abstract readonly what: string;

  constructor(protected readonly tx: TenantTransaction) {}

  get(id: string): Promise<T> {
    return this.tx.run((manager) => this.find(manager, id));
  }

  create(dto: CreateCatalogEntryDto): Promise<T> {
    return this.tx.run(async (manager) => {
      await this.ensureNameFree(manager, dto.name);
      return manager.save(manager.create(this.entity, { name: dto.name, description: dto.description ?? null } as T));
    });
  }

  update(id: string, dto: UpdateCatalogEntryDto): Promise<T> {
    return this.tx.run(async (manager) => {
      const entry = await this.find(manager, id);
      if (dto.name !== undefined && dto.name.toLowerCase() !== entry.name.toLowerCase()) await this.ensureNameFree(manager, dto.name);
      Object.assign(entry, dto);
      return manager.save(entry);
    });
  }

  async remove(id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.find(manager, id);
      try {
        await manager.delete(this.entity, { id });
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        throw new DomainError('conflict', `${this.what}.in_use`, `This ${this.what.replace('_', ' ')} is still used by questions or papers.`);
      }
    });
  }

  protected async page(where: FindOptionsWhere<T>, query: CatalogQueryDto): Promise<Page<T>> {
    return this.tx.run(async (manager) => {
      const [items, total] = await manager.findAndCount(this.entity, {
        where: { ...where, ...(query.q ? { name: nameMatches(query.q) } : {}) } as FindOptionsWhere<T>,
        order: { name: 'ASC', id: 'ASC' } as FindOptionsOrder<T>,
        skip: query.offset,
        take: query.pageSize,
      });
      return pageOf(items, total, query);
    });
  }

  protected async find(manager: EntityManager, id: string): Promise<T> {
    const entry = await manager.findOneBy(this.entity, { id } as FindOptionsWhere<T>);
    if (!entry) throw DomainError.notFound(this.what);
    return entry;
  }

  private async ensureNameFree(manager: EntityManager, name: string): Promise<void> {
    const taken = await manager.exists(this.entity, {
      where: { name: Raw((alias) => `lower(${alias}) = lower(:name)`, { name }) } as FindOptionsWhere<T>,
    });
    if (taken) {
      throw new DomainError('conflict', `${this.what}.name_taken`, `The name "${name}" is already used.`, [
        { field: 'name', reason: 'already used in this company' },
      ]);
    }
  }
}

@Injectable()
export class JobRolesService extends CatalogService<JobRole> {
  protected readonly entity = JobRole;
  protected readonly what = 'job_role';

  // Spelled out so Nest sees the parameter types: metadata is only emitted for decorated classes.
  constructor(tx: TenantTransaction) {
    super(tx);
  }

  list(query: JobRoleQueryDto): Promise<Page<JobRole>> {
    return this.page(query.archived ? {} : { archivedAt: IsNull() }, query);
  }

  /** Archived roles keep their papers and results; they only leave the pickers. */
  setArchived(id: string, archived: boolean): Promise<JobRole> {
    return this.tx.run(async (manager) => {
      const role = await this.find(manager, id);
      if (archived !== (role.archivedAt !== null)) {
        role.archivedAt = archived ? new Date() : null;
        await manager.save(role);
      }
      return role;
    });
  }
}

@Injectable()
export class CompetenciesService extends CatalogService<Competency> {
  protected readonly entity = Competency;
  protected readonly what = 'competency';

  constructor(tx: TenantTransaction) {
    super(tx);
  }

  list(query: CatalogQueryDto): Promise<Page<Competency>> {
    return this.page({}, query);
  }

  /**
   * Imports name competencies as text; each is matched case-insensitively to the catalog and
   * created when new, so analytics keep one object per competency.
   */
  async resolveNames(manager: EntityManager, names: readonly string[]): Promise<Map<string, Competency>> {
    const wanted = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
    const byName = new Map<string, Competency>();
    if (wanted.length === 0) return byName;
    const existing = await manager
      .createQueryBuilder(Competency, 'c')
      .where('lower(c.name) IN (:...names)', { names: wanted.map((n) => n.toLowerCase()) })
      .getMany();
    for (const c of existing) byName.set(c.name.toLowerCase(), c);
    for (const name of wanted) {
      if (!byName.has(name.toLowerCase())) {
        byName.set(name.toLowerCase(), await manager.save(manager.create(Competency, { name, description: null })));
      }
    }
    return byName;
  }
}
