import type { ArgumentsHost } from '@nestjs/common';
import { DomainError } from './domain-error';
import { ProblemFilter } from './problem.filter';

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
});
