import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiProblems, Public } from '@assay/core';
import { InvitationIntroResponse } from './dto/invitation.response';
import { LinksService } from './links.service';

/**
 * The candidate's side of a personal link. Public, rate-limited per client address. The page the
 * email links to (PUBLIC_URL/t/<token>) is the web app's (apps/web), served by the API.
 */
@ApiTags('candidate')
@ApiProblems([404, 429], { 404: '`link.not_found`: wrong, revoked, expired or replaced link (one answer for all).' })
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ auth: true })
@Controller()
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @Get('links/:token')
  @ApiOperation({ summary: 'The intro of an invitation (paper, duration, questions, rules, window). Does not start the clock.' })
  @ApiOkResponse({ type: InvitationIntroResponse })
  intro(@Param('token') token: string) {
    return this.links.open(token);
  }
}
