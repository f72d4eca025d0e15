import { ATTEMPT_TOKEN_HEADER } from './attempt-token';
import { MAX_ANSWER_CHARS } from './dto/attempt.dto';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { type: 'object' } } } });

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
                answer: { description: `The answer in the shape of the question type (null clears it); at most ${MAX_ANSWER_CHARS} characters as JSON.` },
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
                properties: {
                  questionId: { type: 'string', format: 'uuid' },
                  status: { type: 'string', enum: ['saved', 'superseded'] },
                  storedSeq: { type: 'integer', nullable: true },
                  seq: { type: 'integer' },
                  serverTime: { type: 'string', format: 'date-time' },
                  secondsLeft: { type: 'integer' },
                },
              },
            },
          },
        },
        400: problem('Invalid body or ids (field and reason in errors[]).'),
        401: problem('Missing or wrong attempt token.'),
        404: problem('No such attempt or question.'),
        409: problem('attempt.time_up (after deadline + grace), attempt.taken_over (another device), attempt.submitted.'),
      },
    },
  },
};
