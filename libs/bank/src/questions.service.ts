import { Injectable } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Competency, JobRole } from '@assay/catalog';
import { containsPattern, DomainError, isForeignKeyViolation, pageOf, TenantTransaction, type FieldProblem, type Page } from '@assay/core';
import { isObjective, type QuestionContent, type QuestionType } from '@assay/contracts';
import type { CreateQuestionDto, QuestionQueryDto, UpdateQuestionDto } from './dto/question.dto';
import { Question } from './entities/question.entity';
import { questionProblems } from './question-rules';

const DEFAULT_DIFFICULTY = 3;

export interface NamedRef {
  id: string;
  name: string;
}

/** A bank question as the API shows it to authors: content plus the catalog entries it is linked to. */
export interface QuestionView extends QuestionContent {
  id: string;
  competencies: NamedRef[];
  jobRoles: NamedRef[];
  createdAt: Date;
  updatedAt: Date;
}

/** Which bank questions a random-draw section may draw from; every given criterion must hold, any value of a list. */
export interface QuestionPoolFilter {
  types?: QuestionType[];
  competencyIds?: string[];
  jobRoleIds?: string[];
  tags?: string[];
  difficultyMin?: number;
  difficultyMax?: number;
}

/** The search filters of GET /questions, without paging. */
export type QuestionSearch = Omit<QuestionQueryDto, 'page' | 'pageSize' | 'offset'>;

const ref = ({ id, name }: NamedRef): NamedRef => ({ id, name });

export function toQuestionView(question: Question): QuestionView {
  const { tenantId: _tenant, competencies, jobRoles, ...content } = question;
  return { ...content, competencies: competencies.map(ref), jobRoles: jobRoles.map(ref) };
}

@Injectable()
export class QuestionsService {
  constructor(private readonly tx: TenantTransaction) {}

  list(query: QuestionQueryDto): Promise<Page<QuestionView>> {
    return this.tx.run(async (manager) => {
      const [items, total] = await this.searched(manager, query)
        .orderBy('q.createdAt', 'DESC')
        .addOrderBy('q.id', 'DESC')
        .skip(query.offset)
        .take(query.pageSize)
        .getManyAndCount();
      return pageOf(items.map(toQuestionView), total, query);
    });
  }

  get(id: string): Promise<QuestionView> {
    return this.tx.run(async (manager) => toQuestionView(await this.find(manager, id)));
  }

  create(dto: CreateQuestionDto): Promise<QuestionView> {
    return this.tx.run(async (manager) => toQuestionView(await this.createIn(manager, dto)));
  }

  update(id: string, dto: UpdateQuestionDto): Promise<QuestionView> {
    return this.tx.run(async (manager) => {
      const question = await this.find(manager, id);
      throwIfInvalid(nulledRequiredFields(dto));
      const merged = { ...question, ...definedFields(dto) };
      // Turning an open question into an objective one drops the kind unless the caller sent one.
      if (dto.kind === undefined && isObjective(merged.type)) merged.kind = null;
      const content = contentOf(merged);
      const links = await this.links(manager, dto, question);
      throwIfInvalid([...questionProblems(content), ...links.problems]);
      Object.assign(question, content, { competencies: links.competencies, jobRoles: links.jobRoles });
      return toQuestionView(await manager.save(question));
    });
  }

  async remove(id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.find(manager, id);
      try {
        await manager.delete(Question, { id });
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        throw new DomainError('conflict', 'question.in_use', 'A paper draft uses this question; remove it from the paper first.');
      }
    });
  }

  /** Creates a question inside the caller's transaction; an importer renames problems to point into its own input. */
  async createIn(manager: EntityManager, dto: CreateQuestionDto, rename: (problem: FieldProblem) => FieldProblem = (p) => p): Promise<Question> {
    const content = contentOf(dto);
    const links = await this.links(manager, dto);
    throwIfInvalid([...questionProblems(content), ...links.problems].map(rename));
    return manager.save(manager.create(Question, { ...content, competencies: links.competencies, jobRoles: links.jobRoles }));
  }

  /** The questions with these ids that the tenant can see, with their links; missing ids are simply absent. */
  findByIds(manager: EntityManager, ids: readonly string[]): Promise<Question[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(Question, { where: { id: In([...ids]) }, relations: { competencies: true, jobRoles: true } });
  }

  /** Every question matching the search filters of GET /questions, oldest first, without paging. */
  findMatching(manager: EntityManager, search: QuestionSearch): Promise<Question[]> {
    return this.searched(manager, search).orderBy('q.createdAt', 'ASC').addOrderBy('q.id', 'ASC').getMany();
  }

  /** Every question matching a pool, oldest first so a pool lists in a stable order. */
  findPool(manager: EntityManager, pool: QuestionPoolFilter): Promise<Question[]> {
    return this.filtered(manager, pool).orderBy('q.createdAt', 'ASC').addOrderBy('q.id', 'ASC').getMany();
  }

  private searched(manager: EntityManager, search: QuestionSearch): SelectQueryBuilder<Question> {
    const qb = this.filtered(manager, {
      types: search.type ? [search.type] : undefined,
      competencyIds: search.competencyId ? [search.competencyId] : undefined,
      jobRoleIds: search.jobRoleId ? [search.jobRoleId] : undefined,
      tags: search.tag ? [search.tag] : undefined,
      difficultyMin: search.difficulty,
      difficultyMax: search.difficulty,
    });
    if (search.q) qb.andWhere('q.stem ILIKE :pattern', { pattern: containsPattern(search.q) });
    return qb;
  }

  private filtered(manager: EntityManager, filter: QuestionPoolFilter): SelectQueryBuilder<Question> {
    const qb = manager
      .createQueryBuilder(Question, 'q')
      .leftJoinAndSelect('q.competencies', 'competency')
      .leftJoinAndSelect('q.jobRoles', 'jobRole');
    if (filter.types?.length) qb.andWhere('q.type IN (:...types)', { types: filter.types });
    if (filter.competencyIds?.length) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM question_competencies qc WHERE qc.question_id = q.id AND qc.competency_id IN (:...competencyIds))',
        { competencyIds: filter.competencyIds },
      );
    }
    if (filter.jobRoleIds?.length) {
      qb.andWhere('EXISTS (SELECT 1 FROM question_job_roles qr WHERE qr.question_id = q.id AND qr.job_role_id IN (:...jobRoleIds))', {
        jobRoleIds: filter.jobRoleIds,
      });
    }
    if (filter.tags?.length) qb.andWhere('q.tags && CAST(:tags AS text[])', { tags: filter.tags });
    if (filter.difficultyMin !== undefined) qb.andWhere('q.difficulty >= :difficultyMin', { difficultyMin: filter.difficultyMin });
    if (filter.difficultyMax !== undefined) qb.andWhere('q.difficulty <= :difficultyMax', { difficultyMax: filter.difficultyMax });
    return qb;
  }

  private async find(manager: EntityManager, id: string): Promise<Question> {
    const question = await manager.findOne(Question, { where: { id }, relations: { competencies: true, jobRoles: true } });
    if (!question) throw DomainError.notFound('question');
    return question;
  }

  /** Resolves linked ids within the tenant; an id of another tenant is as unknown as a made-up one. */
  private async links(manager: EntityManager, dto: UpdateQuestionDto, existing?: Question) {
    const { competencyIds, jobRoleIds } = dto;
    const competencies = competencyIds == null ? (existing?.competencies ?? []) : competencyIds.length ? await manager.findBy(Competency, { id: In(competencyIds) }) : [];
    const jobRoles = jobRoleIds == null ? (existing?.jobRoles ?? []) : jobRoleIds.length ? await manager.findBy(JobRole, { id: In(jobRoleIds) }) : [];
    const problems = [...unknownIds(competencyIds, competencies, 'competencyIds', 'competency'), ...unknownIds(jobRoleIds, jobRoles, 'jobRoleIds', 'job role')];
    return { competencies, jobRoles, problems };
  }
}

function unknownIds(ids: string[] | null | undefined, found: readonly { id: string }[], field: string, what: string): FieldProblem[] {
  return (ids ?? []).flatMap((id, index) => (found.some((f) => f.id === id) ? [] : [{ field: `${field}[${index}]`, reason: `no such ${what}` }]));
}

const NULLABLE_FIELDS: ReadonlySet<string> = new Set(['kind', 'answerKey', 'referenceAnswer', 'explanation', 'competencyIds', 'jobRoleIds']);

/** A PATCH may clear optional content with null, but not fields every question has. */
function nulledRequiredFields(dto: UpdateQuestionDto): FieldProblem[] {
  return Object.entries(dto)
    .filter(([field, value]) => value === null && !NULLABLE_FIELDS.has(field))
    .map(([field]) => ({ field, reason: 'must not be null' }));
}

/** PATCH semantics: an absent field keeps its value, an explicit null clears it. */
function definedFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Fills defaults: an open question's kind defaults to its type; an objective one has none. */
function contentOf(input: CreateQuestionDto): QuestionContent {
  return {
    type: input.type,
    kind: input.kind ?? (isObjective(input.type) ? null : input.type),
    stem: input.stem,
    options: (input.options ?? []).map(({ key, text }) => ({ key: key.trim(), text })),
    answerKey: input.answerKey ?? null,
    referenceAnswer: input.referenceAnswer ?? null,
    explanation: input.explanation ?? null,
    rubric: (input.rubric ?? []).map(({ criterion, points, descriptor }) => ({ criterion, points, ...(descriptor ? { descriptor } : {}) })),
    difficulty: input.difficulty ?? DEFAULT_DIFFICULTY,
    tags: input.tags ?? [],
    points: input.points,
  };
}

function throwIfInvalid(problems: FieldProblem[]): void {
  if (problems.length > 0) throw DomainError.invalid('question.invalid', 'The question is not valid; see errors.', problems);
}
