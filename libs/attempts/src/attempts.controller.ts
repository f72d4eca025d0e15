import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiPageResponse, ApiProblems, PageQueryDto, Public, Roles, STAFF_PROBLEMS, UuidParam } from '@assay/core';
import { AttemptReportsService } from './attempt-reports.service';
import { ATTEMPT_TOKEN_HEADER } from './attempt-token';
import { AttemptsService } from './attempts.service';
import { clientOf } from './client-of';
import { AttemptQueryDto, RecordEventsDto, SaveAnswersDto } from './dto/attempt.dto';
import {
  AttemptEventResponse,
  AttemptResponsesResponse,
  AttemptSummaryResponse,
  CandidateAttemptResponse,
  RecordedEventsResponse,
  SavedAnswersResponse,
  SubmittedAttemptResponse,
} from './dto/attempt.response';

const ATTEMPT_ID = '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

/**
 * The candidate's calls during the attempt, authenticated by the attempt token. Not rate-limited:
 * autosave is the hottest path and the 256-bit token is the credential.
 */
@ApiTags('candidate')
@ApiHeader({ name: ATTEMPT_TOKEN_HEADER, required: true, description: 'The attemptToken returned on start.' })
@ApiProblems([400, 401, 404], { 401: '`attempt.token_required`.', 404: '`attempt.not_found`: no such attempt, or the token does not belong to it.' })
@Public()
@Controller('attempts')
export class CandidateAttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Resume: the paper as drawn for this attempt, every saved answer, seconds left.' })
  @ApiOkResponse({ type: CandidateAttemptResponse })
  view(@UuidParam() id: string, @Headers(ATTEMPT_TOKEN_HEADER) token: string | undefined) {
    return this.attempts.view(id, token);
  }

  @Put(':id/answers')
  @ApiOperation({ summary: 'Autosave several answers at once (e.g. a queue flushed after a reconnect); per-item status.' })
  @ApiOkResponse({
    type: SavedAnswersResponse,
    example: {
      items: [
        { questionId: '6d2b7f0e-3c1a-4e5b-9f87-2a1b3c4d5e6f', status: 'saved', storedSeq: 8 },
        { questionId: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b', status: 'superseded', storedSeq: 9 },
      ],
      serverTime: '2026-03-03T02:31:00.000Z',
      secondsLeft: 5340,
    },
  })
  @ApiProblems([409, 413], { 409: '`attempt.time_up`, `attempt.taken_over`, `attempt.submitted`.' })
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
  @ApiOkResponse({
    type: SubmittedAttemptResponse,
    example: { id: ATTEMPT_ID, status: 'awaiting_grading', submittedAt: '2026-03-03T03:40:12.000Z', result: { points: 55, maxPoints: 100, pendingManual: 2 } },
  })
  @ApiProblems([409], { 409: '`attempt.taken_over`.' })
  submit(@UuidParam() id: string, @Headers(ATTEMPT_TOKEN_HEADER) token: string | undefined, @Req() request: FastifyRequest) {
    return this.attempts.submitByCandidate(id, token, clientOf(request));
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Integrity events (focus lost, paste, ...), one or a batch; recorded with IP and user agent, never blocking.' })
  @ApiOkResponse({ type: RecordedEventsResponse })
  @ApiProblems([413])
  events(@UuidParam() id: string, @Headers(ATTEMPT_TOKEN_HEADER) token: string | undefined, @Body() body: RecordEventsDto, @Req() request: FastifyRequest) {
    return this.attempts.recordEvents(id, token, body.list(), clientOf(request));
  }
}

/** Recruiters' reads. Another tenant's attempt is 404 like a missing one. */
@ApiTags('attempts')
@ApiBearerAuth()
@ApiProblems(STAFF_PROBLEMS)
@Roles('admin', 'recruiter')
@Controller('attempts')
export class StaffAttemptsController {
  constructor(private readonly reports: AttemptReportsService) {}

  @Get()
  @ApiOperation({ summary: 'Attempts, filtered by invitation or paper, newest first.' })
  @ApiPageResponse(AttemptSummaryResponse)
  @ApiProblems([400])
  list(@Query() query: AttemptQueryDto) {
    return this.reports.list(query);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'Integrity events of an attempt, oldest first.' })
  @ApiPageResponse(AttemptEventResponse)
  @ApiProblems([400, 404])
  events(@UuidParam() id: string, @Query() query: PageQueryDto) {
    return this.reports.events(id, query);
  }

  @Get(':id/responses')
  @ApiOperation({ summary: 'The attempt with every answer, its seq and its score.' })
  @ApiOkResponse({ type: AttemptResponsesResponse })
  @ApiProblems([400, 404])
  responses(@UuidParam() id: string) {
    return this.reports.responses(id);
  }
}
