import { redact, REDACTED } from './redaction';

describe('audit redaction', () => {
  it('replaces secrets wherever they are', () => {
    const body = { name: 'ATS', scopes: ['recruiter'], key: 'ak_x', nested: { newPassword: 'p', currentPassword: 'q', refreshToken: 'r', secret: 'whsec_1', passwordHash: 'h' } };
    expect(redact(body, { route: '/api/v1/api-keys' })).toEqual({
      name: 'ATS',
      scopes: ['recruiter'],
      key: REDACTED,
      nested: { newPassword: REDACTED, currentPassword: REDACTED, refreshToken: REDACTED, secret: REDACTED, passwordHash: REDACTED },
    });
  });

  it("replaces a candidate's name, contact data and ATS id inside `candidate`, and keeps staff names", () => {
    const body = { paperId: 'p1', externalId: 'app-9', candidate: { name: '张伟', email: 'zw@example.com', phone: '138', externalId: 'ats-1' } };
    expect(redact(body, { route: '/api/v1/papers/:id' })).toEqual({
      paperId: 'p1',
      externalId: 'app-9',
      candidate: { name: REDACTED, email: REDACTED, phone: REDACTED, externalId: REDACTED },
    });
    expect(redact({ name: '王敏', email: 'hr@example.com', roles: ['admin'] }, { route: '/api/v1/users' })).toEqual({ name: '王敏', email: REDACTED, roles: ['admin'] });
  });

  it('treats the top level of candidate and invitation routes as candidate data', () => {
    expect(redact({ name: '李娜', externalId: 'x', closesAt: '2026-12-31' }, { route: '/api/v1/candidates/:id' })).toEqual({ name: REDACTED, externalId: REDACTED, closesAt: '2026-12-31' });
  });

  it('replaces answers at any depth and leaves nulls as null', () => {
    expect(redact({ items: [{ answer: 'text', answers: [1], points: 2, comment: '他写了“我叫张伟”' }], email: null }, { route: '/api/v1/grading/x' })).toEqual({
      items: [{ answer: REDACTED, answers: REDACTED, points: 2, comment: REDACTED }],
      email: null,
    });
  });
});
