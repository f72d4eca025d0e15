import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { CandidateResultsService } from './candidate-results.service';
import { ExternalIdParamsDto } from './dto/analytics.dto';
import { CandidateResultsResponse } from './dto/candidate-results.response';

/** Results per candidate for ATS pulls (docs/integrations.md); an API key with the recruiter scope is enough. */
@ApiTags('analytics')
@ApiBearerAuth()
@Roles('admin', 'recruiter')
@ApiProblems(STAFF_PROBLEMS)
@Controller('candidates')
export class CandidateResultsController {
  constructor(private readonly results: CandidateResultsService) {}

  @Get(':id/results')
  @ApiOperation({ summary: "A candidate's results per attempt: score, pass/fail, band, percentile in the job role, competencies, report link. Never answers." })
  @ApiOkResponse({ type: CandidateResultsResponse })
  @ApiProblems([400, 404], { 404: '`candidate.not_found`: no such candidate in this company.' })
  byId(@UuidParam() id: string) {
    return this.results.byId(id);
  }

  @Get('external/:externalId/results')
  @ApiOperation({ summary: 'The same, for the candidate the company knows by this ATS id.' })
  @ApiOkResponse({ type: CandidateResultsResponse })
  @ApiProblems([400, 404], { 404: '`candidate.not_found`: no candidate with this ATS id in this company.' })
  byExternalId(@Param() params: ExternalIdParamsDto) {
    return this.results.byExternalId(params.externalId);
  }
}
