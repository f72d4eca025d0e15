import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiNoContent, ApiPageResponse, ApiProblems, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { CatalogQueryDto, CreateCatalogEntryDto, JobRoleQueryDto, UpdateCatalogEntryDto } from './dto/catalog.dto';
import { CompetenciesService, JobRolesService } from './catalog.service';
import { CompetencyResponse, JobRoleResponse } from './dto/catalog.response';

@ApiTags('job-roles')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin', 'recruiter')
@Controller('job-roles')
export class JobRolesController {
  constructor(private readonly roles: JobRolesService) {}

  @Get()
  @ApiOperation({ summary: 'Job roles by name; `q` searches the name, archived roles only with `archived=true`.' })
  @ApiPageResponse(JobRoleResponse)
  @ApiProblems([400])
  list(@Query() query: JobRoleQueryDto) {
    return this.roles.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a job role (e.g. 电商客服专员); names are unique in the company.' })
  @ApiCreatedResponse({ type: JobRoleResponse })
  @ApiProblems([400, 409, 413], { 409: '`job_role.name_taken`.' })
  create(@Body() dto: CreateCatalogEntryDto) {
    return this.roles.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A job role.' })
  @ApiOkResponse({ type: JobRoleResponse })
  @ApiProblems([400, 404])
  get(@UuidParam() id: string) {
    return this.roles.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a job role or change its description.' })
  @ApiOkResponse({ type: JobRoleResponse })
  @ApiProblems([400, 404, 409, 413], { 409: '`job_role.name_taken`.' })
  update(@UuidParam() id: string, @Body() dto: UpdateCatalogEntryDto) {
    return this.roles.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a role nothing uses yet; otherwise 409: archive it instead.' })
  @ApiNoContent('Deleted.')
  @ApiProblems([400, 404, 409], { 409: '`job_role.in_use`.' })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.roles.remove(id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive a job role: hidden from lists, its papers and history kept.' })
  @ApiOkResponse({ type: JobRoleResponse })
  @ApiProblems([400, 404])
  archive(@UuidParam() id: string) {
    return this.roles.setArchived(id, true);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring an archived job role back.' })
  @ApiOkResponse({ type: JobRoleResponse })
  @ApiProblems([400, 404])
  restore(@UuidParam() id: string) {
    return this.roles.setArchived(id, false);
  }
}

@ApiTags('competencies')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin', 'recruiter')
@Controller('competencies')
export class CompetenciesController {
  constructor(private readonly competencies: CompetenciesService) {}

  @Get()
  @ApiOperation({ summary: 'Competencies by name; `q` searches the name.' })
  @ApiPageResponse(CompetencyResponse)
  @ApiProblems([400])
  list(@Query() query: CatalogQueryDto) {
    return this.competencies.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a competency (what questions measure, e.g. 沟通表达); names are unique in the company.' })
  @ApiCreatedResponse({ type: CompetencyResponse })
  @ApiProblems([400, 409, 413], { 409: '`competency.name_taken`.' })
  create(@Body() dto: CreateCatalogEntryDto) {
    return this.competencies.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A competency.' })
  @ApiOkResponse({ type: CompetencyResponse })
  @ApiProblems([400, 404])
  get(@UuidParam() id: string) {
    return this.competencies.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a competency or change its description.' })
  @ApiOkResponse({ type: CompetencyResponse })
  @ApiProblems([400, 404, 409, 413], { 409: '`competency.name_taken`.' })
  update(@UuidParam() id: string, @Body() dto: UpdateCatalogEntryDto) {
    return this.competencies.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a competency no question uses; otherwise 409.' })
  @ApiNoContent('Deleted.')
  @ApiProblems([400, 404, 409], { 409: '`competency.in_use`.' })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.competencies.remove(id);
  }
}
