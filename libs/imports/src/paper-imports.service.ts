import { extname, basename } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { Raw } from 'typeorm';
import { JobRole, JobRolesService } from '@assay/catalog';
import { DomainError, TenantTransaction } from '@assay/core';
import type { ImportedPaper, ImportWarning } from '@assay/paper-import';
import { PapersService, type PaperView } from '@assay/papers';
import { PaperDocumentsService, type PaperSource } from './paper-documents.service';

/** The job role of papers imported without one; the HR user moves the draft to its real role. */
export const UNASSIGNED_ROLE_NAME = '待分配岗位';

/** Database limit of paper and section titles. */
const TITLE_MAX = 300;

export interface PaperImportResult {
  /** The new draft: never published by an import. */
  paper: PaperView;
  /** The reader's warnings, each with the line of the document it refers to; also kept as the paper's `importWarnings`. */
  warnings: ImportWarning[];
}

/** Document -> draft paper with its questions in the bank, through the papers library's JSON import. */
@Injectable()
export class PaperImportsService {
  private readonly logger = new Logger(PaperImportsService.name);

  constructor(
    private readonly tx: TenantTransaction,
    private readonly documents: PaperDocumentsService,
    private readonly papers: PapersService,
    private readonly roles: JobRolesService,
  ) {}

  async import(source: PaperSource, jobRoleId?: string): Promise<PaperImportResult> {
    const imported = await this.documents.read(source);
    const questionCount = imported.sections.reduce((n, s) => n + s.questions.length, 0);
    if (questionCount === 0) {
      const field = source.kind === 'file' ? 'file' : 'text';
      throw DomainError.invalid('import.no_questions', 'No question could be read from the document; check it with the preview.', [
        { field, reason: 'contains no questions' },
      ]);
    }
    const roleId = jobRoleId ?? (await this.unassignedRoleId());
    const paper = await this.papers.importPaper(roleId, withTitles(imported, fallbackTitle(source)), imported.warnings);
    this.logger.log({ paperId: paper.id, questions: questionCount, warnings: imported.warnings.length }, 'Paper imported as a draft');
    return { paper, warnings: imported.warnings };
  }

  /** Finds (or creates) the tenant's placeholder role for papers imported without a role. */
  private async unassignedRoleId(): Promise<string> {
    const find = () =>
      this.tx.run((manager) => manager.findOne(JobRole, { where: { name: Raw((alias) => `lower(${alias}) = lower(:name)`, { name: UNASSIGNED_ROLE_NAME }) } }));
    const existing = await find();
    if (existing) return existing.id;
    try {
      return (await this.roles.create({ name: UNASSIGNED_ROLE_NAME, description: '导入试卷时未指定岗位;请在试卷中改为实际岗位。' })).id;
    } catch (error) {
      // Two imports raced to create it: the other one won.
      const raced = error instanceof DomainError && error.code === 'job_role.name_taken' ? await find() : null;
      if (raced) return raced.id;
      throw error;
    }
  }
}

function fallbackTitle(source: PaperSource): string {
  return source.kind === 'file' ? basename(source.file.filename, extname(source.file.filename)).trim() : '';
}

/** A paper and its sections need titles; the reader leaves them empty when the document has none. */
function withTitles(paper: ImportedPaper, fileTitle: string): ImportedPaper {
  const clip = (title: string) => title.trim().slice(0, TITLE_MAX);
  return {
    ...paper,
    title: clip(paper.title) || clip(fileTitle) || '导入的试卷',
    sections: paper.sections.map((section, i) => ({ ...section, title: clip(section.title) || `第${i + 1}部分` })),
  };
}
