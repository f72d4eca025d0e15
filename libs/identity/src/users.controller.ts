import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, Roles, UuidParam } from '@assay/core';
import { CreateApiKeyDto, CreateUserDto, UpdateTenantDto, UpdateUserDto } from './dto/users.dto';
import { ApiKeysService } from './api-keys.service';
import { UsersService } from './users.service';

@ApiTags('staff')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() query: PageQueryDto) {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a staff member with roles; a temporary password is returned once if none is given.' })
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get(':id')
  get(@UuidParam() id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, change roles, or disable a staff member (the company keeps at least one active admin).' })
  update(@UuidParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }
}

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  list(@Query() query: PageQueryDto) {
    return this.apiKeys.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key; the `key` field is shown this once only.' })
  create(@Body() dto: CreateApiKeyDto) {
    return this.apiKeys.create(dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@UuidParam() id: string): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}

@ApiTags('tenant')
@ApiBearerAuth()
@Controller('tenant')
export class TenantController {
  constructor(private readonly users: UsersService) {}

  @Get()
  get() {
    return this.users.getTenant();
  }

  @Patch()
  @Roles('admin')
  update(@Body() dto: UpdateTenantDto) {
    return this.users.updateTenant(dto);
  }
}
