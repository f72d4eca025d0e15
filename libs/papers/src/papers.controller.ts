import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNoContent, ApiPageResponse, ApiProblems, DomainError, PageQueryDto, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { ImportPaperDto } from './dto/import.dto';
import { ClonePaperDto, CreatePaperDto, PaperQueryDto, PreviewQueryDto, UpdatePaperDto } from './dto/paper.dto';
import {
  CandidatePaperResponse,
  InterchangePaperResponse,
  PaperResponse,
  PaperSummaryResponse,
  PaperValidationResponse,
  PaperVersionResponse,
  PaperVersionSummaryResponse,
  PublishedVersionResponse,
} from './dto/paper.response';
import { PapersService } from './papers.service';
import { PublishingService } from './publishing.service';

/** A version number, 1 to 999999999: anything else is a 400, never an integer overflow in the database. */
class VersionNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) {
      throw DomainError.invalid('request.invalid_version', 'Path parameter version must be a positive integer.', [
        { field: 'version', reason: 'must be a positive integer' },
      ]);
    }
    return Number(value);
  }
}

const VersionParam = () => Param('version', new VersionNumberPipe());

const SETTINGS_EXAMPLE = { shuffleQuestions: true, shuffleOptions: true, multipleChoicePolicy: 'partial', showScoreToCandidate: false, timerGraceSeconds: 30 };

/** What `POST /papers` answers: a draft with one fixed section and one drawn section. */
const PAPER_EXAMPLE = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  jobRoleId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
  title: '2026年电商客服经理面试题',
  instructions: '请在 120 分钟内独立完成。',
  durationMinutes: 120,
  passMark: 60,
  settings: SETTINGS_EXAMPLE,
  latestVersion: null,
  unpublishedChanges: true,
  archivedAt: null,
  totalPoints: 100,
  sections: [
    { id: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e', title: '一、单选题', instructions: null, pointsPerQuestion: 5, scaleRubrics: false, questionIds: ['6d2b7f0e-3c1a-4e5b-9f87-2a1b3c4d5e6f'], draw: null },
    { id: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f', title: '二、情景题', instructions: null, pointsPerQuestion: 19, scaleRubrics: true, questionIds: [], draw: { count: 5, pool: { types: ['short_answer'], tags: ['售后'] } } },
  ],
  importWarnings: [],
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T08:00:00.000Z',
};

const PUBLISHED_EXAMPLE = {
  id: 'd3e4f5a6-b7c8-4d9e-8f0a-1b2c3d4e5f6a',
  paperId: PAPER_EXAMPLE.id,
  version: 1,
  publishedBy: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  publishedAt: '2026-03-02T09:00:00.000Z',
  warnings: [{ path: 'passMark', code: 'NO_PASS_MARK', message: 'The paper has no pass mark.' }],
};

@ApiTags('papers')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin', 'recruiter')
@Controller('papers')
export class PapersController {
  constructor(
    private readonly papers: PapersService,
    private readonly publishing: PublishingService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Papers, newest first; filter by job role, search the title; archived ones with `archived=true`.' })
  @ApiPageResponse(PaperSummaryResponse)
  @ApiProblems([400])
  list(@Query() query: PaperQueryDto) {
    return this.papers.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a draft paper for a job role, with settings and sections.' })
  @ApiCreatedResponse({ type: PaperResponse, example: PAPER_EXAMPLE })
  @ApiProblems([400, 413], { 400: 'Also `paper.invalid`: e.g. an unknown job role or question id.' })
  create(@Body() dto: CreatePaperDto) {
    return this.papers.create(dto);
  }

  @Post('import')
  @ApiOperation({ summary: 'Import the interchange JSON (from the document reader or an export): bank questions plus a draft.' })
  @ApiCreatedResponse({ type: PaperResponse })
  @ApiProblems([400, 413])
  importPaper(@Body() dto: ImportPaperDto) {
    return this.papers.importPaper(dto.jobRoleId, dto.paper);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The draft with its sections, total points and import warnings.' })
  @ApiOkResponse({ type: PaperResponse })
  @ApiProblems([400, 404])
  get(@UuidParam() id: string) {
    return this.papers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the draft; `sections` replaces all sections. Published versions never change.' })
  @ApiOkResponse({ type: PaperResponse })
  @ApiProblems([400, 404, 409, 413], { 409: '`paper.archived`: restore it first.' })
  update(@UuidParam() id: string, @Body() dto: UpdatePaperDto) {
    return this.papers.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a paper never published; otherwise 409: archive it.' })
  @ApiNoContent('Deleted.')
  @ApiProblems([400, 404, 409], { 409: '`paper.published`.' })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.papers.remove(id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a paper: hidden from lists, no new invitations; versions and results kept.' })
  @ApiOkResponse({ type: PaperResponse })
  @ApiProblems([400, 404])
  archive(@UuidParam() id: string) {
    return this.papers.setArchived(id, true);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring an archived paper back.' })
  @ApiOkResponse({ type: PaperResponse })
  @ApiProblems([400, 404])
  restore(@UuidParam() id: string) {
    return this.papers.setArchived(id, false);
  }

  @Post(':id/clone')
  @ApiOperation({ summary: 'Copy the draft into a new draft, for the same or another job role.' })
  @ApiCreatedResponse({ type: PaperResponse })
  @ApiProblems([400, 404, 413])
  clone(@UuidParam() id: string, @Body() dto: ClonePaperDto) {
    return this.papers.clone(id, dto);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'The draft in the interchange JSON format, keys and rubrics included.' })
  @ApiOkResponse({ type: InterchangePaperResponse })
  @ApiProblems([400, 404])
  exportPaper(@UuidParam() id: string) {
    return this.papers.exportPaper(id);
  }

  @Get(':id/validation')
  @ApiOperation({ summary: 'What blocks publishing (errors) and what deserves a look (warnings), each with path, code and message.' })
  @ApiOkResponse({ type: PaperValidationResponse })
  @ApiProblems([400, 404])
  validation(@UuidParam() id: string) {
    return this.publishing.validation(id);
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'The draft exactly as a candidate would get it with this seed: no keys, reference answers, explanations or rubrics.' })
  @ApiOkResponse({ type: CandidatePaperResponse })
  @ApiProblems([400, 404])
  preview(@UuidParam() id: string, @Query() query: PreviewQueryDto) {
    return this.publishing.preview(id, query.seed);
  }

  @Post(':id/publish')
  @HttpCode(201)
  @ApiOperation({ summary: 'Freeze the draft as the next immutable version; 422 with the validation errors when any block it.' })
  @ApiCreatedResponse({ type: PublishedVersionResponse, example: PUBLISHED_EXAMPLE })
  @ApiProblems([400, 404, 409, 422], { 409: '`paper.archived`.', 422: '`paper.not_publishable`: `errors[]` and the `warnings` extension list every issue.' })
  publish(@UuidParam() id: string) {
    return this.publishing.publish(id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Published versions of a paper, newest first.' })
  @ApiPageResponse(PaperVersionSummaryResponse)
  @ApiProblems([400, 404])
  versions(@UuidParam() id: string, @Query() query: PageQueryDto) {
    return this.publishing.versions(id, query);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'A published version with its complete snapshot; it never changes.' })
  @ApiOkResponse({ type: PaperVersionResponse })
  @ApiProblems([400, 404])
  version(@UuidParam() id: string, @VersionParam() version: number) {
    return this.publishing.version(id, version);
  }

  @Get(':id/versions/:version/preview')
  @ApiOperation({ summary: 'A published version as a candidate seeded with `seed` gets it.' })
  @ApiOkResponse({ type: CandidatePaperResponse })
  @ApiProblems([400, 404])
  versionPreview(@UuidParam() id: string, @VersionParam() version: number, @Query() query: PreviewQueryDto) {
    return this.publishing.versionPreview(id, version, query.seed);
  }
}
