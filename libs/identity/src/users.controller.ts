import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnswersSecret, ApiNoContent, ApiPageResponse, ApiProblems, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { ApiKeyQueryDto, CreateApiKeyDto, CreateUserDto, UpdateTenantDto, UpdateUserDto, UserQueryDto } from './dto/users.dto';
import { ApiKeysService } from './api-keys.service';
import { UsersService } from './users.service';
import { ApiKeyResponse, CreatedApiKeyResponse, CreatedUserResponse, TenantResponse, UserResponse } from './dto/identity.response';

@ApiTags('staff')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Staff members of the company, oldest first; `q` searches names and emails.' })
  @ApiPageResponse(UserResponse)
  @ApiProblems([400])
  list(@Query() query: UserQueryDto) {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a staff member with roles; a temporary password is returned once if none is given.' })
  @ApiCreatedResponse({ type: CreatedUserResponse })
  @ApiProblems([400, 409, 413], { 400: 'Also `auth.weak_password`: `errors[0].reason` says why and what to do.', 409: '`user.email_taken`.' })
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A staff member.' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems([400, 404])
  get(@UuidParam() id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, change roles, or disable a staff member (the company keeps at least one active admin).' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems([400, 404, 409, 413], { 409: '`user.last_admin`.' })
  update(@UuidParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }
}

@ApiTags('api-keys')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'API keys of the company (never their secrets), newest first; `q` searches names and prefixes.' })
  @ApiPageResponse(ApiKeyResponse)
  @ApiProblems([400])
  list(@Query() query: ApiKeyQueryDto) {
    return this.apiKeys.list(query);
  }

  @Post()
  @AnswersSecret()
  @ApiOperation({ summary: 'Create an API key; the `key` field is shown this once only.' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiProblems([400, 413])
  create(@Body() dto: CreateApiKeyDto) {
    return this.apiKeys.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An API key (never its secret), revoked or not: the audit log names the key an entry was made with.' })
  @ApiOkResponse({ type: ApiKeyResponse })
  @ApiProblems([400, 404])
  get(@UuidParam() id: string) {
    return this.apiKeys.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key; requests with it answer 401 from now on.' })
  @ApiNoContent('Revoked.')
  @ApiProblems([400, 404])
  async revoke(@UuidParam() id: string): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}

@ApiTags('tenant')
@ApiBearerAuth()
@ApiProblems([401])
@Controller('tenant')
export class TenantController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: "The caller's company: name, slug and default language." })
  @ApiOkResponse({ type: TenantResponse })
  get() {
    return this.users.getTenant();
  }

  @Patch()
  @Roles('admin')
  @ApiOperation({ summary: "Rename the company or change its default language (admin)." })
  @ApiOkResponse({ type: TenantResponse })
  @ApiProblems([400, 403, 413])
  update(@Body() dto: UpdateTenantDto) {
    return this.users.updateTenant(dto);
  }
}
