import { Body, Controller, Get, Header, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiFileResponse, ApiProblems, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { EraseCandidateDto } from './dto/privacy.dto';
import { ErasureResponse } from './dto/privacy.response';
import { PrivacyService } from './privacy.service';

/** A candidate's data-subject requests, answered by the company's admins (docs/privacy.md). */
@ApiTags('privacy')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin')
@Controller('candidates')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Post(':id/erasure')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Erase one candidate's personal data now (admin): names, contacts, ATS ids, answers' text, addresses, comments. Anonymised scores stay. Cannot be undone; erasing again changes nothing.",
  })
  @ApiOkResponse({ type: ErasureResponse, description: 'What was erased: counts of rows, never their content.' })
  @ApiProblems([400, 404, 409], { 409: '`candidate.attempt_in_progress`: the candidate is taking a test now, or it is being scored.' })
  erase(@UuidParam() id: string, @Body() _confirmed: EraseCandidateDto): Promise<ErasureResponse> {
    return this.privacy.erase(id);
  }

  @Get(':id/export')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    summary:
      'Everything held about one candidate, as a JSON file (admin; a data-subject access request): the candidate, invitations, emails, attempts, answers, events, marks and comments, webhook events.',
  })
  @ApiFileResponse('The candidate\'s data as an attachment (candidate-<id>.json).', 'application/json')
  @ApiProblems([400, 404])
  async export(@UuidParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const document = await this.privacy.export(id);
    await reply.header('content-disposition', `attachment; filename="candidate-${id}.json"`).send(JSON.stringify(document, null, 2));
  }
}
