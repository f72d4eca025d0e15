import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiFileResponse, ApiProblems, OffThread, Roles, STAFF_PROBLEMS } from '@assay/core';
import { AnalyticsService } from './analytics.service';
import { CANDIDATE_PAGE, CANDIDATE_REPORT, COMPARISON, STORED_REPORT } from './dto/analytics.response';
import { CandidateParamsDto, CandidateQueryDto, CompareQueryDto, ExportQueryDto, SCOPE_PATHS, ScopeParamsDto } from './dto/analytics.dto';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

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
