import { extname, join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { CreateQuestionDto, Question, QuestionsService } from '@assay/bank';
import { CompetenciesService, Competency } from '@assay/catalog';
import { DomainError, OffThread, TenantTransaction, type FieldProblem } from '@assay/core';
import { buildQuestionBankTemplate, MAX_QUESTION_BANK_ROWS, type BankQuestion, type QuestionBankError } from '@assay/paper-import';
import { columnOfField, toQuestionBody, toSpreadsheetQuestion } from './bank-spreadsheet.mapping';
import type { ExportQueryDto, SpreadsheetFormat } from './dto/imports.dto';
import type { BankReading } from './files.task';
import { fieldProblems, type UploadedFile } from '@assay/core';

export interface SpreadsheetFile {
  filename: string;
  contentType: string;
  buffer: Buffer;
}

export interface SkippedRow {
  row: number;
  /** The bank question with the same type and stem. */
  questionId: string;
  message: string;
}

export interface QuestionBankImportResult {
  created: number;
  /** Rows whose (type, stem) is already in the bank, or repeats an earlier row of the file. */
  skipped: SkippedRow[];
  /** Row as Excel shows it (header = row 1), the column key, and what is wrong; the row was not imported. */
  errors: QuestionBankError[];
  /** Competency names that were not in the catalog and were added to it. */
  competenciesCreated: string[];
}

const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const READ_QUESTION_BANK = { module: join(__dirname, 'files.task'), fn: 'readQuestionBankTask' };
const WRITE_QUESTION_BANK = { module: join(__dirname, 'files.task'), fn: 'writeQuestionBankTask' };

const keyOf = (type: string, stem: string) => `${type}\u0000${stem.trim()}`;

/** Question-bank spreadsheets (题库模板): template, export and import with per-row errors. */
@Injectable()
export class QuestionBankTransferService {
  private readonly logger = new Logger(QuestionBankTransferService.name);

  constructor(
    private readonly tx: TenantTransaction,
    private readonly questions: QuestionsService,
    private readonly competencies: CompetenciesService,
    private readonly offThread: OffThread,
  ) {}

  async template(format: SpreadsheetFormat): Promise<SpreadsheetFile> {
    return { filename: `question-bank-template.${format}`, contentType: CONTENT_TYPES[format], buffer: await buildQuestionBankTemplate(format) };
  }

  /** Every bank question matching the filters, oldest first, in the template's columns. */
  async export(query: ExportQueryDto): Promise<SpreadsheetFile> {
    const questions = await this.tx.run((manager) => this.questions.findMatching(manager, query));
    // Written in a worker thread: thousands of questions take seconds of CPU.
    const buffer = await this.offThread.download(WRITE_QUESTION_BANK, { format: query.format, questions: questions.map(toSpreadsheetQuestion) });
    return { filename: `question-bank.${query.format}`, contentType: CONTENT_TYPES[query.format], buffer };
  }

  /**
   * Creates a bank question per valid row. Each row is all-or-nothing (a savepoint), so a bad row
   * never aborts the good ones; rows already in the bank (same type and stem) are skipped.
   */
  async import(file: UploadedFile, requested?: SpreadsheetFormat): Promise<QuestionBankImportResult> {
    const format = requested ?? formatOf(file.filename);
    // Read in a worker thread, within its time and memory limits.
    const read = await this.offThread.parseUpload<BankReading>(READ_QUESTION_BANK, { bytes: file.buffer, format });
    if (!read.ok && read.problem === 'too_many_rows') {
      throw DomainError.invalid('import.too_many_rows', read.message, [{ field: 'file', reason: `more than ${MAX_QUESTION_BANK_ROWS} rows` }]);
    }
    if (!read.ok) {
      throw DomainError.invalid('import.unreadable_file', `The file could not be read as ${format}; save it from Excel or WPS as .xlsx or .csv.`, [
        { field: 'file', reason: `not a readable ${format} file` },
      ]);
    }
    const result: QuestionBankImportResult = { created: 0, skipped: [], errors: [...read.errors], competenciesCreated: [] };

    await this.tx.run(async (manager) => {
      const existing = await this.existingByKey(manager, read.questions);
      const knownCompetencies = await this.existingCompetencyNames(manager, read.questions);
      for (const question of read.questions) {
        const key = keyOf(question.type, question.stem);
        const same = existing.get(key);
        if (same) {
          result.skipped.push({ row: question.line, questionId: same, message: '题库中(或本文件前面的行)已有题型和题干相同的题目,已跳过' });
          continue;
        }
        const outcome = await this.createRow(manager, question);
        if ('problems' in outcome) {
          result.errors.push(...outcome.problems.map((p) => ({ row: question.line, column: columnOfField(p.field), message: p.reason })));
          continue;
        }
        result.created += 1;
        existing.set(key, outcome.id);
        for (const name of question.competencies) {
          if (!knownCompetencies.has(name.trim().toLowerCase())) {
            knownCompetencies.add(name.trim().toLowerCase());
            result.competenciesCreated.push(name.trim());
          }
        }
      }
    });
    result.errors.sort((a, b) => a.row - b.row);
    this.logger.log({ format, rows: read.questions.length, created: result.created, skipped: result.skipped.length, errors: result.errors.length }, 'Question bank imported');
    return result;
  }

  /** One row inside a savepoint: its competencies and its question are created together or not at all. */
  private async createRow(manager: EntityManager, question: BankQuestion): Promise<{ id: string } | { problems: FieldProblem[] }> {
    const body = toQuestionBody(question);
    const { problems } = await fieldProblems(CreateQuestionDto, body);
    if (question.points === null) {
      return { problems: [{ field: 'points', reason: '缺少分值(题库中的题目须有默认分值)' }, ...problems.filter((p) => p.field !== 'points')] };
    }
    if (problems.length > 0) return { problems };

    await manager.query('SAVEPOINT import_row');
    try {
      const competencies = await this.competencies.resolveNames(manager, question.competencies);
      const competencyIds = [...new Set(question.competencies.map((n) => competencies.get(n.trim().toLowerCase())?.id).filter((id): id is string => !!id))];
      const created = await this.questions.createIn(manager, Object.assign(new CreateQuestionDto(), body, { competencyIds }));
      await manager.query('RELEASE SAVEPOINT import_row');
      return { id: created.id };
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT import_row');
      if (error instanceof DomainError) return { problems: error.fields.length > 0 ? error.fields : [{ field: 'stem', reason: error.message }] };
      if (error instanceof QueryFailedError) {
        this.logger.warn({ err: error }, 'A question-bank row was refused by the database');
        return { problems: [{ field: 'stem', reason: '该行无法保存,请检查内容长度与格式' }] };
      }
      throw error;
    }
  }

  /** Bank questions whose (type, trimmed stem) equals a row's; id by key. */
  private async existingByKey(manager: EntityManager, rows: readonly BankQuestion[]): Promise<Map<string, string>> {
    const byKey = new Map<string, string>();
    const stems = [...new Set(rows.map((q) => q.stem.trim()))];
    if (stems.length === 0) return byKey;
    const found: { id: string; type: string; stem: string }[] = await manager
      .createQueryBuilder(Question, 'q')
      .select(['q.id', 'q.type', 'q.stem'])
      .where('btrim(q.stem) = ANY(:stems)', { stems })
      .orderBy('q.createdAt', 'ASC')
      .getMany();
    for (const q of found) if (!byKey.has(keyOf(q.type, q.stem))) byKey.set(keyOf(q.type, q.stem), q.id);
    return byKey;
  }

  /** Lower-cased names of the catalog's competencies that the rows mention. */
  private async existingCompetencyNames(manager: EntityManager, rows: readonly BankQuestion[]): Promise<Set<string>> {
    const names = [...new Set(rows.flatMap((q) => q.competencies.map((n) => n.trim().toLowerCase())).filter((n) => n !== ''))];
    if (names.length === 0) return new Set();
    const found = await manager.createQueryBuilder(Competency, 'c').where('lower(c.name) = ANY(:names)', { names }).getMany();
    return new Set(found.map((c) => c.name.toLowerCase()));
  }
}

/** The spreadsheet format from the file name when the caller gave none. */
export function formatOf(filename: string): SpreadsheetFormat {
  const extension = extname(filename).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv') return 'csv';
  throw DomainError.invalid(
    'import.unsupported_file',
    `不支持的文件类型 Unsupported spreadsheet type: ${filename || '(no name)'} (支持 supported: .xlsx, .csv; save .xls files as .xlsx)`,
    [{ field: 'file', reason: 'must be a .xlsx or .csv file (or give ?format=)' }],
  );
}
