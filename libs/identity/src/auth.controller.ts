import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiNoContent, ApiProblems, CurrentPrincipal, Public, STAFF_PROBLEMS, type Principal } from '@assay/core';
import { ChangePasswordDto, LoginDto, RefreshDto, SignupDto, TokenPairDto } from './dto/auth.dto';
import { MeResponse, SignupResponse } from './dto/identity.response';
import { AuthService } from './auth.service';
import { UsersService } from './users.service';

/** What a token pair looks like (the tokens are shortened here). */
const TOKEN_PAIR_EXAMPLE = { accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi…', refreshToken: 'rt_Xq3…', tokenType: 'Bearer', expiresIn: 900 };

@ApiTags('auth')
@SkipThrottle({ links: true })
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('signup')
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Create a company (tenant) with its first admin; returns tokens for that admin.' })
  @ApiCreatedResponse({
    type: SignupResponse,
    description: 'The company and a logged-in session of its first admin.',
    example: {
      ...TOKEN_PAIR_EXAMPLE,
      tenant: { id: '0b9f3c2e-5d1a-4c77-9a43-1f2e3d4c5b6a', slug: 'xinghe', name: '星河电商', locale: 'zh-CN', createdAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T08:00:00.000Z' },
    },
  })
  @ApiProblems([400, 413, 429], { 400: 'Also `tenant.slug_taken`: another company uses the slug; `auth.weak_password`: `errors[0].reason` says why and what to do.' })
  signup(@Body() dto: SignupDto) {
    return this.auth.signup(dto);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Email + password login; returns a short-lived access token and a refresh token.' })
  @ApiOkResponse({ type: TokenPairDto, example: TOKEN_PAIR_EXAMPLE })
  @ApiProblems([400, 401, 413, 429], {
    400: '`auth.tenant_required` when the email has accounts in several companies: send `tenant`.',
    401: '`auth.invalid_credentials`.',
    429: 'Also `auth.login_locked`: too many failed logins for this email (30 s after the fifth, doubling up to 15 minutes); `Retry-After` says when to try again.',
  })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (the old refresh token stops working).',
    description: 'Replaying a refresh token already used revokes every token of that login (theft detection).',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems([400, 401, 413, 429], { 401: '`auth.invalid_refresh_token`.' })
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'End the session the refresh token belongs to.' })
  @ApiNoContent('Logged out (also when the token was already unknown).')
  @ApiProblems([400, 413, 429])
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the credentials belong to: tenant, user (or API key) and roles.' })
  @ApiOkResponse({ type: MeResponse })
  @ApiProblems([401])
  async me(@CurrentPrincipal() principal: Principal) {
    const [tenant, user] = await Promise.all([
      this.users.getTenant(),
      principal.userId ? this.users.get(principal.userId) : Promise.resolve(null),
    ]);
    return { tenant, user, apiKeyId: principal.apiKeyId, roles: principal.roles };
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password; your other sessions are logged out.' })
  @ApiNoContent('Changed.')
  @ApiProblems([400, ...STAFF_PROBLEMS, 413], { 400: 'Also `auth.wrong_password`; `auth.weak_password` (`errors[0].reason` says why and what to do).', 403: '`auth.user_required`: an API key has no password.' })
  async changePassword(@Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(dto.currentPassword, dto.newPassword);
  }
}
