import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, PageQueryDto, Roles, UuidParam } from '@assay/core';
import { ImportPaperDto } from './dto/import.dto';
import { ClonePaperDto, CreatePaperDto, PaperQueryDto, PreviewQueryDto, UpdatePaperDto } from './dto/paper.dto';
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

@ApiTags('papers')
@ApiBearerAuth()
@Roles('admin', 'recruiter')
@Controller('papers')
export class PapersController {
  constructor(
    private readonly papers: PapersService,
    private readonly publishing: PublishingService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Papers, newest first; filter by job role, search the title; archived ones with `archived=true`.' })
  list(@Query() query: PaperQueryDto) {
    return this.papers.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a draft paper for a job role, with settings and sections.' })
  create(@Body() dto: CreatePaperDto) {
    return this.papers.create(dto);
  }

  @Post('import')
  @ApiOperation({ summary: 'Import the interchange JSON (from the document reader or an export): bank questions plus a draft.' })
  importPaper(@Body() dto: ImportPaperDto) {
    return this.papers.importPaper(dto.jobRoleId, dto.paper);
  }

  @Get(':id')
  get(@UuidParam() id: string) {
    return this.papers.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the draft; `sections` replaces all sections. Published versions never change.' })
  update(@UuidParam() id: string, @Body() dto: UpdatePaperDto) {
    return this.papers.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a paper never published; otherwise 409: archive it.' })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.papers.remove(id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@UuidParam() id: string) {
    return this.papers.setArchived(id, true);
  }

  @Post(':id/restore')
  @HttpCode(200)
  restore(@UuidParam() id: string) {
    return this.papers.setArchived(id, false);
  }

  @Post(':id/clone')
  @ApiOperation({ summary: 'Copy the draft into a new draft, for the same or another job role.' })
  clone(@UuidParam() id: string, @Body() dto: ClonePaperDto) {
    return this.papers.clone(id, dto);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'The draft in the interchange JSON format, keys and rubrics included.' })
  exportPaper(@UuidParam() id: string) {
    return this.papers.exportPaper(id);
  }

  @Get(':id/validation')
  @ApiOperation({ summary: 'What blocks publishing (errors) and what deserves a look (warnings), each with path, code and message.' })
  validation(@UuidParam() id: string) {
    return this.publishing.validation(id);
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'The draft exactly as a candidate would get it with this seed: no keys, reference answers, explanations or rubrics.' })
  preview(@UuidParam() id: string, @Query() query: PreviewQueryDto) {
    return this.publishing.preview(id, query.seed);
  }

  @Post(':id/publish')
  @HttpCode(201)
  @ApiOperation({ summary: 'Freeze the draft as the next immutable version; 422 with the validation errors when any block it.' })
  publish(@UuidParam() id: string) {
    return this.publishing.publish(id);
  }

  @Get(':id/versions')
  versions(@UuidParam() id: string, @Query() query: PageQueryDto) {
    return this.publishing.versions(id, query);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'A published version with its complete snapshot; it never changes.' })
  version(@UuidParam() id: string, @VersionParam() version: number) {
    return this.publishing.version(id, version);
  }

  @Get(':id/versions/:version/preview')
  @ApiOperation({ summary: 'A published version as a candidate seeded with `seed` gets it.' })
  versionPreview(@UuidParam() id: string, @VersionParam() version: number, @Query() query: PreviewQueryDto) {
    return this.publishing.versionPreview(id, version, query.seed);
  }
}
