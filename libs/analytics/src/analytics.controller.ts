import { join } from 'node:path';
import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiFileResponse, ApiProblems, OffThread, Roles, STAFF_PROBLEMS, type OffThreadTask } from '@assay/core';
import { AnalyticsService } from './analytics.service';
import { CANDIDATE_PAGE, CANDIDATE_REPORT, COMPARISON, STORED_REPORT } from './dto/analytics.response';
import { CandidateParamsDto, CandidateQueryDto, CompareQueryDto, ExportQueryDto, ReportPdfQueryDto, SCOPE_PATHS, ScopeParamsDto } from './dto/analytics.dto';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;
const WRITE_REPORT_PDF: OffThreadTask = { module: join(__dirname, 'report-pdf', 'candidate-report-pdf.task'), fn: 'writeCandidateReportPdf' };

/**
 * Reports per paper version (`paper-versions/:id`) and per job role (`job-roles/:id`), read from
 * the precomputed snapshots. Recruiters and admins only; another tenant's id is a 404 like a
 * missing one.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@Roles('admin', 'recruiter')
@ApiProblems(STAFF_PROBLEMS)
@Controller('analytics')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly offThread: OffThread,
  ) {}

  @Get(':scope/:id')
  @ApiOperation({ summary: 'The report: funnel, score distribution, reliability and SEM, sections, competencies, item analysis (versions).' })
  @ApiOkResponse({ schema: STORED_REPORT })
  @ApiProblems([404], { 404: 'No such paper version or job role in this company, or its report is not computed yet.' })
  report(@Param() params: ScopeParamsDto) {
    return this.analytics.report(SCOPE_PATHS[params.scope], params.id);
  }

  @Get(':scope/:id/candidates')
  @ApiOperation({ summary: 'Candidates best first (or by name, minutes, integrity events; `q` searches name and email): score, band, percentile rank in the norm group, competencies, sections.' })
  @ApiOkResponse({ schema: CANDIDATE_PAGE })
  @ApiProblems([400, 404], { 404: 'No such paper version or job role in this company, or its report is not computed yet.' })
  candidates(@Param() params: ScopeParamsDto, @Query() query: CandidateQueryDto) {
    return this.analytics.candidates(SCOPE_PATHS[params.scope], params.id, query);
  }

  @Get(':scope/:id/candidates/:attemptId')
  @ApiOperation({ summary: "One candidate's report (JSON) with the context needed to read it." })
  @ApiOkResponse({ schema: CANDIDATE_REPORT })
  @ApiProblems([404], { 404: 'No such paper version or job role in this company, or its report is not computed yet.' })
  candidate(@Param() params: CandidateParamsDto) {
    return this.analytics.candidate(SCOPE_PATHS[params.scope], params.id, params.attemptId);
  }

  @Get(':scope/:id/candidates/:attemptId/report.pdf')
  @ApiOperation({
    summary: "One candidate's report as a PDF (A4): what the printable report page shows, charts included; never answers or grader details.",
    description: 'Written in `lang`; without it in the first language of Accept-Language the report is written in (`zh-CN`, `en`), else in the company\'s locale.',
  })
  @ApiFileResponse('The report as an attachment.', CONTENT_TYPES.pdf)
  @ApiProblems([400, 404, 422], { 404: 'No such paper version or job role in this company, its report is not computed yet, or the attempt is not in it.', 422: '`export.too_large`: the PDF could not be written within the time and memory limits.' })
  async candidatePdf(@Param() params: CandidateParamsDto, @Query() query: ReportPdfQueryDto, @Headers('accept-language') acceptLanguage: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const input = await this.analytics.candidatePdf(SCOPE_PATHS[params.scope], params.id, params.attemptId, { lang: query.lang, acceptLanguage });
    // Written in a worker thread: loading and subsetting the CJK font is CPU the event loop must not wait on.
    const body = await this.offThread.download(WRITE_REPORT_PDF, input);
    await reply
      .header('content-type', CONTENT_TYPES.pdf)
      .header('content-disposition', attachmentName(`${input.candidate.name}-report.pdf`, `candidate-report-${params.attemptId}.pdf`))
      .header('cache-control', 'private, no-store')
      .send(body);
  }

  @Get(':scope/:id/compare')
  @ApiOperation({ summary: 'Candidates side by side; differences within the measurement error are "not_distinguishable".' })
  @ApiOkResponse({ schema: COMPARISON })
  @ApiProblems([400, 404], { 404: 'No such paper version or job role in this company, or its report is not computed yet.' })
  compare(@Param() params: ScopeParamsDto, @Query() query: CompareQueryDto) {
    return this.analytics.compare(SCOPE_PATHS[params.scope], params.id, query.attemptIds);
  }

  @Get(':scope/:id/export')
  @ApiOperation({ summary: 'Candidates with scores, bands, percentiles, competencies and statuses as CSV (UTF-8 with BOM) or XLSX.' })
  @ApiFileResponse('The candidates as an attachment, in the `format` asked for.', CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiProblems([400, 404, 422], { 404: 'No such paper version or job role in this company, or its report is not computed yet.', 422: '`export.too_large`.' })
  async export(@Param() params: ScopeParamsDto, @Query() query: ExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const table = await this.analytics.exportTable(SCOPE_PATHS[params.scope], params.id);
    // Written in a worker thread, every cell escaped against formulas (names are candidates' own input).
    const body = await this.offThread.spreadsheet({ format: query.format, sheet: 'candidates', ...table });
    await reply
      .header('content-type', CONTENT_TYPES[query.format])
      .header('content-disposition', `attachment; filename="candidates.${query.format}"`)
      .send(body);
  }
}

/**
 * A Content-Disposition naming the file after the candidate: the UTF-8 name in `filename*`
 * (RFC 6266/5987, every byte outside its safe set escaped), an ASCII name for older clients.
 */
function attachmentName(name: string, ascii: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
