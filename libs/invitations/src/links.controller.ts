import { Controller, Get, Header, Param, UseGuards, Version, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiHtmlResponse, ApiProblems, AppConfig, Public } from '@assay/core';
import { InvitationIntroResponse } from './dto/invitation.response';
import { renderIntroPage } from './intro-page';
import { LinksService } from './links.service';

/** The candidate's side of a personal link. Public, rate-limited per client address. */
@ApiTags('candidate')
@ApiProblems([404, 429], { 404: '`link.not_found`: wrong, revoked, expired or replaced link (one answer for all).' })
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ auth: true })
@Controller()
export class LinksController {
  constructor(
    private readonly links: LinksService,
    private readonly config: AppConfig,
  ) {}

  @Get('links/:token')
  @ApiOperation({ summary: 'The intro of an invitation (paper, duration, questions, rules, window). Does not start the clock.' })
  @ApiOkResponse({ type: InvitationIntroResponse })
  intro(@Param('token') token: string) {
    return this.links.open(token);
  }

  /** The page the email links to (PUBLIC_URL/t/<token>). */
  @Get('t/:token')
  @Version(VERSION_NEUTRAL)
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The intro page the invitation email links to (PUBLIC_URL/t/{token}), in the invitation\'s language.' })
  @ApiHtmlResponse('The intro page; the candidate starts the test from it.')
  async page(@Param('token') token: string): Promise<string> {
    return renderIntroPage(await this.links.open(token), this.config.MAIL_TIME_ZONE);
  }
}
