import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UuidParam } from '@assay/core';
import { CatalogQueryDto, CreateCatalogEntryDto, JobRoleQueryDto, UpdateCatalogEntryDto } from './dto/catalog.dto';
import { CompetenciesService, JobRolesService } from './catalog.service';

@ApiTags('job-roles')
@ApiBearerAuth()
@Roles('admin', 'recruiter')
@Controller('job-roles')
export class JobRolesController {
  constructor(private readonly roles: JobRolesService) {}

  @Get()
  @ApiOperation({ summary: 'Job roles by name; `q` searches the name, archived roles only with `archived=true`.' })
  list(@Query() query: JobRoleQueryDto) {
    return this.roles.list(query);
  }

  @Post()
  create(@Body() dto: CreateCatalogEntryDto) {
    return this.roles.create(dto);
  }

  @Get(':id')
  get(@UuidParam() id: string) {
    return this.roles.get(id);
  }

  @Patch(':id')
  update(@UuidParam() id: string, @Body() dto: UpdateCatalogEntryDto) {
    return this.roles.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a role nothing uses yet; otherwise 409: archive it instead.' })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.roles.remove(id);
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@UuidParam() id: string) {
    return this.roles.setArchived(id, true);
  }

  @Post(':id/restore')
  @HttpCode(200)
  restore(@UuidParam() id: string) {
    return this.roles.setArchived(id, false);
  }
}

@ApiTags('competencies')
@ApiBearerAuth()
@Roles('admin', 'recruiter')
@Controller('competencies')
export class CompetenciesController {
  constructor(private readonly competencies: CompetenciesService) {}

  @Get()
  list(@Query() query: CatalogQueryDto) {
    return this.competencies.list(query);
  }

  @Post()
  create(@Body() dto: CreateCatalogEntryDto) {
    return this.competencies.create(dto);
  }

  @Get(':id')
  get(@UuidParam() id: string) {
    return this.competencies.get(id);
  }

  @Patch(':id')
  update(@UuidParam() id: string, @Body() dto: UpdateCatalogEntryDto) {
    return this.competencies.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a competency no question uses; otherwise 409.' })
  async remove(@UuidParam() id: string): Promise<void> {
    await this.competencies.remove(id);
  }
}
