import { getSchemaPath } from '@nestjs/swagger';
import { problemResponse } from '@assay/core';
import { StartedAttemptResponse } from './dto/attempt.response';

const STARTED_EXAMPLE = {
  attemptId: '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  attemptToken: 'at_9fJ2kLq…',
  status: 'in_progress',
  startedAt: '2026-03-03T02:00:00.000Z',
  deadline: '2026-03-03T04:00:00.000Z',
  takenOver: false,
  serverTime: '2026-03-03T02:00:00.120Z',
  secondsLeft: 7200,
};

const started = (description: string, example: typeof STARTED_EXAMPLE) => ({
  description,
  content: { 'application/json': { schema: { $ref: getSchemaPath(StartedAttemptResponse) }, example } },
});

/** The schemas the start's entry refers to, which no Nest controller declares: the API adds them to the document. */
export const START_OPENAPI_MODELS = [StartedAttemptResponse];

/**
 * The OpenAPI entry of the candidate's start, a plain Fastify route (see start.route.ts) that Nest's
 * document builder cannot see; merged into /api/docs by the API. The same entry as when it was the
 * Nest method AttemptStartController.start, its operation id included, so generated clients keep
 * their names.
 */
export const START_OPENAPI_PATHS = {
  '/api/v1/links/{token}/attempt': {
    post: {
      tags: ['candidate'],
      operationId: 'AttemptStartController_start',
      // No staff credentials: the personal link's token is the candidate's credential.
      'x-public': true,
      security: [],
      summary: 'Start the timed attempt of an invitation (inside its window), or take it over from another device.',
      description: 'Returns attemptToken (send it as X-Attempt-Token). 201 when started, 200 when an attempt already running was taken over.',
      parameters: [{ name: 'token', required: true, in: 'path', schema: { type: 'string' } }],
      responses: {
        200: started('An attempt already running (on another device) was taken over; the old token stops working.', { ...STARTED_EXAMPLE, takenOver: true }),
        201: started('Started.', STARTED_EXAMPLE),
        404: problemResponse(404, '`link.not_found`.'),
        409: problemResponse(409, '`attempt.not_open_yet`, `attempt.window_closed`, `attempt.submitted`, `paper.not_published`.'),
        429: problemResponse(429),
      },
    },
  },
};
