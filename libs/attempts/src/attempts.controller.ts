import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageQueryDto, Public, Roles, UuidParam } from '@assay/core';
import { AttemptReportsService } from './attempt-reports.service';
import { ATTEMPT_TOKEN_HEADER } from './attempt-token';
import { AttemptsService, type ClientInfo } from './attempts.service';
import { AttemptQueryDto, RecordEventsDto, SaveAnswersDto } from './dto/attempt.dto';

const clientOf = (request: FastifyRequest): ClientInfo => {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null };
};

/** Starting from the personal link: public, rate-limited per client address like the link itself. */
@ApiTags('candidate')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ auth: true })
@Controller()
export class AttemptStartController {
  constructor(private readonly attempts: AttemptsService) {}

  @Post('links/:token/attempt')
  @ApiOperation({
    summary: 'Start the timed attempt of an invitation (inside its window), or take it over from another device.',
    description: 'Returns attemptToken (send it as X-Attempt-Token). 201 when started, 200 when an attempt already running was taken over.',
  })
  async start(@Param('token') token: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const started = await this.attempts.start(token, clientOf(request));
    void reply.status(started.takenOver ? 200 : 201);
    return started;
  }
}

/**
 * The candidate's calls during the attempt, authenticated by the attempt token. Not rate-limited:
 * autosave is the hottest path and the 256-bit token is the credential.
 */
@ApiTags('candidate')
@ApiHeader({ name: ATTEMPT_TOKEN_HEADER, required: true, description: 'The attemptToken returned on start.' })
@Public()
@Controller('attempts')
export class CandidateAttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Resume: the paper as drawn for this attempt, every saved answer, seconds left.' })
  view(@UuidParam() id: string, @Headers(ATTEMPT_TOKEN_HEADER) token: string | undefined) {
    return this.attempts.view(id, token);
  }

  @Put(':id/answers')
  @ApiOperation({ summary: 'Autosave several answers at once (e.g. a queue flushed after a reconnect); per-item status.' })
  saveMany(@UuidParam() id: string, @Headers(ATTEMPT_TOKEN_HEADER) token: string | undefined, @Body() body: SaveAnswersDto, @Req() request: FastifyRequest) {
    return this.attempts.save(
      id,
      token,
      body.answers.map((a) => ({ questionId: a.questionId, answer: a.answer, seq: a.seq })),
      clientOf(request),
    );
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit (idempotent: a second call returns the same submission).' })
  submit(@UuidParam() id: string, @Headers(ATTEMPT_TOKEN_HEADER) token: string | undefined, @Req() request: FastifyRequest) {
    return this.attempts.submitByCandidate(id, token, clientOf(request));
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Integrity events (focus lost, paste, ...), one or a batch; recorded with IP and user agent, never blocking.' })
  events(@UuidParam() id: string, @Headers(ATTEMPT_TOKEN_HEADER) token: string | undefined, @Body() body: RecordEventsDto, @Req() request: FastifyRequest) {
    return this.attempts.recordEvents(id, token, body.list(), clientOf(request));
  }
}

/** Recruiters' reads. Another tenant's attempt is 404 like a missing one. */
@ApiTags('attempts')
@ApiBearerAuth()
@Roles('admin', 'recruiter')
@Controller('attempts')
export class StaffAttemptsController {
  constructor(private readonly reports: AttemptReportsService) {}

  @Get()
  @ApiOperation({ summary: 'Attempts, filtered by invitation or paper, newest first.' })
  list(@Query() query: AttemptQueryDto) {
    return this.reports.list(query);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'Integrity events of an attempt, oldest first.' })
  events(@UuidParam() id: string, @Query() query: PageQueryDto) {
    return this.reports.events(id, query);
  }

  @Get(':id/responses')
  @ApiOperation({ summary: 'The attempt with every answer, its seq and its score.' })
  responses(@UuidParam() id: string) {
    return this.reports.responses(id);
  }
}
