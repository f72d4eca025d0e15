import { join } from 'node:path';
import { Body, Controller, Get, HttpCode, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiFileResponse, ApiProblems, DomainError, OffThread, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { PapersService } from '@assay/papers';
import { ExportQueryDto, PaperImportDto, PaperPreviewDto, QuestionBankUploadQueryDto, TemplateQueryDto } from './dto/imports.dto';
import { PaperImportResponse, PaperPreviewResponse, QuestionBankImportResponse } from './dto/imports.response';
import { PaperDocumentsService, paperSource } from './paper-documents.service';
import { PaperImportsService } from './paper-imports.service';
import { QuestionBankTransferService, type SpreadsheetFile } from './question-bank-transfer.service';
import { readMultipart, validateFields } from '@assay/core';

const PAPER_UPLOAD_SCHEMA = {
  schema: {
    type: 'object',
    properties: {
      file: { type: 'string', format: 'binary', description: '.docx, .doc, .pdf with a text layer (not a scan), .txt or .md (UTF-8, UTF-16 with BOM, or GB18030), at most 20 MiB' },
      text: { type: 'string', description: 'pasted paper text, instead of a file' },
      jobRoleId: { type: 'string', format: 'uuid', description: 'import only: the job role of the draft' },
    },
  },
};

const WRITE_PAPER_DOCX = { module: join(__dirname, 'files.task'), fn: 'writePaperDocxTask' };

const SPREADSHEET_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function download(file: SpreadsheetFile): StreamableFile {
  return new StreamableFile(file.buffer, {
    type: file.contentType,
    disposition: `attachment; filename="${file.filename}"`,
    length: file.buffer.length,
  });
}

@ApiTags('imports')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin', 'recruiter')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly documents: PaperDocumentsService,
    private readonly paperImports: PaperImportsService,
    private readonly bank: QuestionBankTransferService,
    private readonly papers: PapersService,
    private readonly offThread: OffThread,
  ) {}

  @Post('paper/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Read an exam document or pasted text; returns the draft paper and its warnings (with line numbers) without saving anything.' })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(PAPER_UPLOAD_SCHEMA)
  @ApiOkResponse({ type: PaperPreviewResponse })
  @ApiProblems([400, 413], { 400: '`import.missing_input`, `import.file_or_text`, `import.unsupported_file`, `import.unreadable_file`, `import.encrypted_file`, `import.scanned_pdf` (a PDF of images without a text layer), `import.empty`.' })
  async preview(@Req() req: FastifyRequest, @Body() body: PaperPreviewDto): Promise<PaperPreviewResponse> {
    const upload = await readMultipart(req);
    const fields = upload ? await validateFields(PaperPreviewDto, upload.fields) : body;
    const { paper, text } = await this.documents.preview(paperSource(upload?.file ?? null, fields.text));
    return { ...paper, source: text };
  }

  @Post('paper')
  @ApiOperation({
    summary: 'Read an exam document or pasted text and create a DRAFT paper (never published) with its questions in the bank; returns { paper, warnings }.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(PAPER_UPLOAD_SCHEMA)
  @ApiCreatedResponse({ type: PaperImportResponse })
  @ApiProblems([400, 413], { 400: 'As the preview, and `import.no_questions`, or an unknown job role.' })
  async importPaper(@Req() req: FastifyRequest, @Body() body: PaperImportDto) {
    const upload = await readMultipart(req);
    const fields = upload ? await validateFields(PaperImportDto, upload.fields) : body;
    const source = paperSource(upload?.file ?? null, fields.text);
    return this.paperImports.import(source, fields.jobRoleId);
  }

  @Get('paper/:id/docx')
  @ApiOperation({ summary: 'The paper (its current draft) as a Word document, laid out so that importing it gives the same paper back.' })
  @ApiFileResponse('The paper as a .docx attachment.', DOCX)
  @ApiProblems([400, 404, 422], { 422: '`export.too_large`.' })
  async paperDocx(@UuidParam() id: string): Promise<StreamableFile> {
    // Written in a worker thread, like every download of a file.
    const buffer = await this.offThread.download(WRITE_PAPER_DOCX, await this.papers.exportPaper(id));
    return download({ buffer, contentType: DOCX, filename: `paper-${id}.docx` });
  }

  @Get('question-bank/template')
  @ApiOperation({ summary: 'The question-bank spreadsheet template: header row and one example row (xlsx also has a 填写说明 sheet).' })
  @ApiFileResponse('The template as an attachment, in the `format` asked for.', ...SPREADSHEET_TYPES)
  @ApiProblems([400])
  async template(@Query() query: TemplateQueryDto): Promise<StreamableFile> {
    return download(await this.bank.template(query.format));
  }

  @Get('question-bank/export')
  @ApiOperation({ summary: "The tenant's bank questions matching the filters (as GET /questions, without paging), in the template's columns." })
  @ApiFileResponse('The questions as an attachment, in the `format` asked for.', ...SPREADSHEET_TYPES)
  @ApiProblems([400, 422], { 422: '`export.too_large`: narrow the filters.' })
  async export(@Query() query: ExportQueryDto): Promise<StreamableFile> {
    return download(await this.bank.export(query));
  }

  @Post('question-bank')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Upload a filled-in template (.xlsx or .csv): creates a bank question per valid row, skips rows already in the bank, and reports per-row errors with Excel row numbers.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: QuestionBankImportResponse })
  @ApiProblems([400, 413], { 400: '`import.missing_input`, `import.unsupported_file`, `import.unreadable_file`, `import.too_many_rows` (more than 5,000 rows).' })
  async importQuestionBank(@Req() req: FastifyRequest, @Query() query: QuestionBankUploadQueryDto) {
    const upload = await readMultipart(req);
    if (!upload?.file) {
      throw DomainError.invalid('import.missing_input', 'Send the spreadsheet as a multipart file (.xlsx or .csv).', [{ field: 'file', reason: 'a file is required' }]);
    }
    return this.bank.import(upload.file, query.format);
  }
}
