import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Raw, type FindOptionsWhere } from 'typeorm';
import { AuditTrail } from '@assay/audit';
import { Question, QuestionsService } from '@assay/bank';
import { Competency, CompetenciesService, JobRole } from '@assay/catalog';
import { containsPattern, DomainError, pageOf, TenantTransaction, type FieldProblem, type Page } from '@assay/core';
import type { ImportedPaper, ImportWarning } from '@assay/paper-import';
import type { ClonePaperDto, CreatePaperDto, PaperQueryDto, SectionDto, UpdatePaperDto } from './dto/paper.dto';
import { DEFAULT_PAPER_SETTINGS, Paper, type PaperSettings } from './entities/paper.entity';
import { PaperVersion } from './entities/paper-version.entity';
import { importedField, importedQuestionInput, toImportedPaper } from './paper-interchange';
import { readSections, replaceSections, toSectionDto, type SectionView } from './paper-sections';
import { pointsTotal } from './paper-snapshot';
import { PaperSnapshotBuilder } from './paper-snapshot.builder';

/** Used when an imported document states no duration. */
const DEFAULT_DURATION_MINUTES = 60;

/** A paper as lists show it: the import warnings only come with the paper itself. */
export type PaperSummary = Omit<Paper, 'tenantId' | 'importWarnings'>;

export interface PaperView extends PaperSummary {
  /** What one candidate can score, counting draws by their size. */
  totalPoints: number;
  sections: SectionView[];
  /** What the document reader flagged when the paper was imported from a document; [] otherwise. */
  importWarnings: ImportWarning[];
}

const summaryOf = ({ tenantId: _tenant, importWarnings: _warnings, ...summary }: Paper): PaperSummary => summary;

const positive = (value: number | null | undefined): number | null => (value !== null && value !== undefined && value > 0 ? value : null);

/** Drafts of papers: editing, archiving, cloning, and the JSON interchange format. */
@Injectable()
export class PapersService {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly questions: QuestionsService,
    private readonly competencies: CompetenciesService,
    private readonly snapshots: PaperSnapshotBuilder,
    private readonly audit: AuditTrail,
  ) {}

  list(query: PaperQueryDto): Promise<Page<PaperSummary>> {
    return this.tx.run(async (manager) => {
      const where: FindOptionsWhere<Paper> = {
        ...(query.archived ? {} : { archivedAt: IsNull() }),
        ...(query.jobRoleId ? { jobRoleId: query.jobRoleId } : {}),
        ...(query.q ? { title: Raw((alias) => `${alias} ILIKE :pattern`, { pattern: containsPattern(query.q.trim()) }) } : {}),
      };
      const [items, total] = await manager.findAndCount(Paper, {
        where,
        order: { createdAt: 'DESC', id: 'DESC' },
        skip: query.offset,
        take: query.pageSize,
      });
      return pageOf(items.map(summaryOf), total, query);
    });
  }

  get(id: string): Promise<PaperView> {
    return this.tx.run(async (manager) => this.view(manager, await findPaper(manager, id)));
  }

  create(dto: CreatePaperDto): Promise<PaperView> {
    return this.tx.run(async (manager) => {
      await this.checkReferences(manager, dto);
      const paper = await manager.save(
        manager.create(Paper, {
          jobRoleId: dto.jobRoleId,
          title: dto.title,
          instructions: dto.instructions ?? null,
          durationMinutes: dto.durationMinutes,
          passMark: dto.passMark ?? null,
          settings: { ...DEFAULT_PAPER_SETTINGS, ...dto.settings },
          latestVersion: null,
          unpublishedChanges: true,
          archivedAt: null,
        }),
      );
      await replaceSections(manager, paper.id, dto.sections ?? []);
      return this.view(manager, paper);
    });
  }

  /** Edits the draft only; published versions never change. */
  update(id: string, dto: UpdatePaperDto): Promise<PaperView> {
    return this.tx.run(async (manager) => {
      const paper = await findPaper(manager, id, { lock: true });
      if (paper.archivedAt) throw new DomainError('conflict', 'paper.archived', 'The paper is archived; restore it to edit it.');
      const before = summaryOf({ ...paper });
      await this.checkReferences(manager, dto);
      const { sections, settings, ...fields } = dto;
      for (const [field, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        if (value === null && (field === 'jobRoleId' || field === 'title' || field === 'durationMinutes')) {
          throw DomainError.invalid('paper.invalid', 'The paper is not valid; see errors.', [{ field, reason: 'must not be null' }]);
        }
        Object.assign(paper, { [field]: value });
      }
      if (settings) paper.settings = { ...paper.settings, ...definedOnly(settings) };
      paper.unpublishedChanges = true;
      await manager.save(paper);
      if (sections) await replaceSections(manager, paper.id, sections);
      // The paper's own fields and settings; sections are in the request body when they changed.
      await this.audit.record(manager, { resourceType: 'paper', resourceId: paper.id, before, after: summaryOf(paper) });
      return this.view(manager, paper);
    });
  }

  /** Only a paper never published can go: versions are kept for the attempts bound to them. */
  async remove(id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const paper = await findPaper(manager, id, { lock: true });
      if (await manager.exists(PaperVersion, { where: { paperId: id } })) {
        throw new DomainError('conflict', 'paper.published', `Version ${paper.latestVersion} of this paper was published; archive it instead.`);
      }
      await manager.delete(Paper, { id });
    });
  }

  setArchived(id: string, archived: boolean): Promise<PaperView> {
    return this.tx.run(async (manager) => {
      const paper = await findPaper(manager, id, { lock: true });
      if (archived !== (paper.archivedAt !== null)) {
        paper.archivedAt = archived ? new Date() : null;
        await manager.save(paper);
      }
      return this.view(manager, paper);
    });
  }

  /** A new draft with the same settings and sections (questions are shared with the bank, not copied). */
  clone(id: string, dto: ClonePaperDto): Promise<PaperView> {
    return this.tx.run(async (manager) => {
      const source = await findPaper(manager, id);
      const jobRoleId = dto.jobRoleId ?? source.jobRoleId;
      await this.checkReferences(manager, { jobRoleId });
      const copy = await manager.save(
        manager.create(Paper, {
          jobRoleId,
          title: dto.title ?? `${source.title} (copy)`,
          instructions: source.instructions,
          durationMinutes: source.durationMinutes,
          passMark: source.passMark,
          settings: { ...source.settings },
          latestVersion: null,
          unpublishedChanges: true,
          archivedAt: null,
        }),
      );
      await replaceSections(manager, copy.id, (await readSections(manager, source.id)).map(toSectionDto));
      return this.view(manager, copy);
    });
  }

  exportPaper(id: string): Promise<ImportedPaper> {
    return this.tx.run(async (manager) => toImportedPaper(await this.snapshots.build(manager, await findPaper(manager, id))));
  }

  /**
   * Creates a bank question for every imported question (linked to the role, competencies matched
   * by name or created) and a draft with one fixed section per imported section. All or nothing.
   * `importWarnings` are kept with the draft (the document reader's, from POST /imports/paper); the
   * JSON import passes none, as it ignores the `warnings` of its input.
   */
  importPaper(jobRoleId: string, imported: ImportedPaper, importWarnings: ImportWarning[] = []): Promise<PaperView> {
    return this.tx.run(async (manager) => {
      await this.checkReferences(manager, { jobRoleId }, 'jobRoleId');
      const competencies = await this.competencies.resolveNames(
        manager,
        imported.sections.flatMap((s) => s.questions.flatMap((q) => q.competencies)),
      );
      const sections: SectionDto[] = [];
      for (const [s, section] of imported.sections.entries()) {
        const questionIds: string[] = [];
        for (const [q, question] of section.questions.entries()) {
          const competencyIds = [...new Set(question.competencies.map((name) => competencies.get(name.trim().toLowerCase())?.id))].filter(
            (cid): cid is string => cid !== undefined,
          );
          const input = importedQuestionInput(question, section, { competencyIds, jobRoleId });
          const created = await this.questions.createIn(manager, input, (p) => importedField(p, `paper.sections[${s}].questions[${q}]`));
          questionIds.push(created.id);
        }
        sections.push({
          title: section.title,
          pointsPerQuestion: positive(section.pointsEach) ?? positive(section.questions[0]?.points) ?? 1,
          questionIds,
        });
      }
      const paper = await manager.save(
        manager.create(Paper, {
          jobRoleId,
          title: imported.title,
          instructions: null,
          durationMinutes: imported.durationMinutes ?? DEFAULT_DURATION_MINUTES,
          passMark: null,
          settings: { ...DEFAULT_PAPER_SETTINGS },
          latestVersion: null,
          unpublishedChanges: true,
          archivedAt: null,
          importWarnings,
        }),
      );
      await replaceSections(manager, paper.id, sections);
      return this.view(manager, paper);
    });
  }

  private async view(manager: EntityManager, paper: Paper): Promise<PaperView> {
    const sections = await readSections(manager, paper.id);
    const totalPoints = pointsTotal(sections.map((s) => ({ pointsPerQuestion: s.pointsPerQuestion, count: s.draw ? s.draw.count : s.questionIds.length })));
    return { ...summaryOf(paper), totalPoints, sections, importWarnings: paper.importWarnings };
  }

  /** Every id the input names must exist in the tenant; another tenant's id is as unknown as a made-up one. */
  private async checkReferences(manager: EntityManager, dto: UpdatePaperDto, jobRoleField = 'jobRoleId'): Promise<void> {
    const problems: FieldProblem[] = [];
    if (dto.jobRoleId && !(await manager.exists(JobRole, { where: { id: dto.jobRoleId } }))) {
      problems.push({ field: jobRoleField, reason: 'no such job role' });
    }
    for (const [s, section] of (dto.sections ?? []).entries()) {
      const path = `sections[${s}]`;
      if (section.draw && section.questionIds) {
        problems.push({ field: `${path}.draw`, reason: 'a section holds fixed questionIds or a random draw, not both' });
      }
      problems.push(...(await missing(manager, Question, section.questionIds, `${path}.questionIds`, 'question')));
      const pool = section.draw?.pool;
      problems.push(...(await missing(manager, Competency, pool?.competencyIds, `${path}.draw.pool.competencyIds`, 'competency')));
      problems.push(...(await missing(manager, JobRole, pool?.jobRoleIds, `${path}.draw.pool.jobRoleIds`, 'job role')));
      if (pool?.difficultyMin !== undefined && pool.difficultyMax !== undefined && pool.difficultyMin > pool.difficultyMax) {
        problems.push({ field: `${path}.draw.pool.difficultyMax`, reason: 'must not be below difficultyMin' });
      }
    }
    if (problems.length > 0) throw DomainError.invalid('paper.invalid', 'The paper is not valid; see errors.', problems);
  }
}

export async function findPaper(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Paper> {
  const paper = await manager.findOne(Paper, { where: { id }, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!paper) throw DomainError.notFound('paper');
  return paper;
}

async function missing(
  manager: EntityManager,
  entity: typeof Question | typeof Competency | typeof JobRole,
  ids: string[] | undefined,
  field: string,
  what: string,
): Promise<FieldProblem[]> {
  if (!ids?.length) return [];
  const found = new Set((await manager.find(entity, { select: { id: true }, where: { id: In(ids) } })).map((row) => row.id));
  return ids.flatMap((id, index) => (found.has(id) ? [] : [{ field: `${field}[${index}]`, reason: `no such ${what}` }]));
}

function definedOnly(settings: Partial<PaperSettings>): Partial<PaperSettings> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined && value !== null));
}
