import { problemResponse } from '@assay/core';
import { ATTEMPT_TOKEN_HEADER } from './attempt-token';
import { MAX_ANSWER_CHARS } from './dto/attempt.dto';
import { CANDIDATE_ANSWER_SCHEMA } from './dto/candidate-answer.schema';

/**
 * The OpenAPI entry of the single-answer autosave, which is a plain Fastify route (see
 * autosave.route.ts) that Nest's document builder cannot see; merged into /api/docs by the API.
 */
export const AUTOSAVE_OPENAPI_PATHS = {
  '/api/v1/attempts/{id}/answers/{questionId}': {
    put: {
      tags: ['candidate'],
      operationId: 'AutosaveRoute_save',
      // No staff credentials: the attempt token in the header is the candidate's credential.
      'x-public': true,
      security: [],
      summary: 'Autosave one answer (the hottest path). Older seq never overwrites newer; idempotent.',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'questionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: ATTEMPT_TOKEN_HEADER, in: 'header', required: true, schema: { type: 'string' }, description: 'The attemptToken answered by the start.' },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['answer', 'seq'],
              additionalProperties: false,
              properties: {
                answer: { ...CANDIDATE_ANSWER_SCHEMA, description: `${CANDIDATE_ANSWER_SCHEMA.description} At most ${MAX_ANSWER_CHARS} characters as JSON.` },
                seq: { type: 'integer', minimum: 1, description: 'Client sequence number, increasing per attempt.' },
              },
            },
          },
        },
      },
      responses: {
        200: {
          description: 'Saved (or superseded by a newer seq); with the server clock.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['questionId', 'status', 'storedSeq', 'seq', 'serverTime', 'secondsLeft'],
                properties: {
                  questionId: { type: 'string', format: 'uuid' },
                  status: { type: 'string', enum: ['saved', 'superseded'] },
                  storedSeq: { type: 'integer', nullable: true },
                  seq: { type: 'integer', description: 'The seq of this request.' },
                  serverTime: { type: 'string', format: 'date-time' },
                  secondsLeft: { type: 'integer' },
                },
              },
              example: { questionId: '6d2b7f0e-3c1a-4e5b-9f87-2a1b3c4d5e6f', status: 'saved', storedSeq: 8, seq: 8, serverTime: '2026-03-03T02:31:00.000Z', secondsLeft: 5340 },
            },
          },
        },
        400: problemResponse(400),
        401: problemResponse(401, '`attempt.token_required`: missing or wrong attempt token.'),
        404: problemResponse(404, '`attempt.not_found`, `attempt.question_not_found`.'),
        409: problemResponse(409, '`attempt.time_up` (after deadline + grace), `attempt.taken_over` (another device), `attempt.submitted`.'),
        413: problemResponse(413),
      },
    },
  },
};
