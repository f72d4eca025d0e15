import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { CurrentPrincipal, Public, type Principal } from '@assay/core';
import { ChangePasswordDto, LoginDto, RefreshDto, SignupDto } from './dto/auth.dto';
import { AuthService } from './auth.service';
import { UsersService } from './users.service';

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
  signup(@Body() dto: SignupDto) {
    return this.auth.signup(dto);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Email + password login; returns a short-lived access token and a refresh token.' })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair (the old refresh token stops working).' })
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'End the session the refresh token belongs to.' })
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the credentials belong to: tenant, user (or API key) and roles.' })
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
  async changePassword(@Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(dto.currentPassword, dto.newPassword);
  }
}
