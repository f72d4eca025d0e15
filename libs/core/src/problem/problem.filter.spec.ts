import type { ArgumentsHost } from '@nestjs/common';
import { DomainError } from './domain-error';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { problemOf, ProblemFilter } from './problem.filter';

function send(error: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const reply = {
    status: (status: number) => ((sent.status = status), reply),
    header: () => reply,
    send: (body: Record<string, unknown>) => ((sent.body = body), reply),
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ url: '/api/v1/x', id: 'req-1' }), getResponse: () => reply }) };
  new ProblemFilter().catch(error, host as unknown as ArgumentsHost);
  return sent;
}

describe('ProblemFilter', () => {
  it('maps unprocessable to 422 and adds extension members without letting them replace standard ones', () => {
    const error = new DomainError('unprocessable', 'thing.refused', 'Refused.', [{ field: 'a', reason: 'bad' }], {
      extensions: { warnings: [{ code: 'W' }], status: 200, code: 'other', errors: [], instance: '/elsewhere', requestId: 'forged' },
    });
    const { status, body } = send(error);
    expect(status).toBe(422);
    expect(body).toEqual({
      type: 'https://assay.dev/problems/thing/refused',
      title: 'Unprocessable Content',
      status: 422,
      detail: 'Refused.',
      code: 'thing.refused',
      errors: [{ field: 'a', reason: 'bad' }],
      warnings: [{ code: 'W' }],
      instance: '/api/v1/x',
      requestId: 'req-1',
    });
  });

  it('never lets an extension add a standard member the problem leaves out', () => {
    const { body } = send(new DomainError('conflict', 'thing.taken', 'Taken.', [], { extensions: { errors: [{ field: 'x' }] } }));
    expect(body).not.toHaveProperty('errors');
  });

  it('problemOf: a value PostgreSQL cannot store is 400 request.invalid_value, through TypeORM or straight from pg', () => {
    const nul = Object.assign(new DatabaseError('unsupported Unicode escape sequence', 0, 'error'), { code: '22P05' });
    expect(problemOf(nul)).toMatchObject({ status: 400, code: 'request.invalid_value' });
    expect(problemOf(new QueryFailedError('SELECT 1', [], nul))).toMatchObject({ status: 400, code: 'request.invalid_value' });
    const unique = Object.assign(new DatabaseError('duplicate key', 0, 'error'), { code: '23505' });
    expect(problemOf(unique)).toMatchObject({ status: 409, code: 'resource.conflict' });
    // Any other error with a code is not the client's fault.
    expect(problemOf(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ status: 500, code: 'server.error' });
  });

  it("problemOf: Fastify's own request errors (routes outside the Nest pipeline) get the same problems as through Nest", () => {
    const fastifyError = (code: string, message: string, statusCode: number) => Object.assign(new Error(message), { code, statusCode });
    expect(problemOf(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', "Body is not valid JSON but content-type is set to 'application/json'", 400)).code).toBe('request.malformed_json');
    expect(problemOf(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large', 413)).code).toBe('request.too_large');
    expect(problemOf(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 'Unsupported Media Type', 415)).code).toBe('request.unsupported_media_type');
  });
});
