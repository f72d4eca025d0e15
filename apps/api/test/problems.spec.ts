import { TestApi } from './test-api';

/** Every kind of bad request answers a 4xx application/problem+json document, never a 500. */
describe('error responses', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await TestApi.start({ BODY_LIMIT_BYTES: '4096' });
    token = (await api.signup()).accessToken;
  });
  afterAll(async () => {
    await api.close();
  });

  const expectProblem = (response: { status: number; headers: Record<string, unknown>; body: any }, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code, type: expect.stringContaining('/problems/'), title: expect.any(String) });
    expect(response.body.requestId).toEqual(response.headers['x-request-id']);
  };

  it('malformed JSON', async () => {
    const response = await api.request('POST', '/api/v1/users', {
      token,
      payload: '{"email": "a@b.c",',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400, 'request.malformed_json');
  });

  it('unknown fields, naming each', async () => {
    const response = await api.request('POST', '/api/v1/users', {
      token,
      body: { email: 'a@example.com', name: 'A', roles: ['grader'], isSuperuser: true },
    });
    expectProblem(response, 400, 'request.validation_failed');
    expect(response.body.errors).toEqual([{ field: 'isSuperuser', reason: 'unknown field; remove it' }]);
  });

  it('wrong types and values, naming the field and the reason', async () => {
    const response = await api.request('POST', '/api/v1/users', {
      token,
      body: { email: 'not-an-email', name: 42, roles: ['boss'] },
    });
    expectProblem(response, 400, 'request.validation_failed');
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'name', 'roles']));
    expect(response.body.errors.every((e: { reason: string }) => e.reason.length > 0)).toBe(true);
  });

  it('a JSON body that is not an object', async () => {
    const response = await api.request('POST', '/api/v1/users', { token, payload: '[1,2]', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('oversized bodies', async () => {
    const response = await api.request('POST', '/api/v1/users', {
      token,
      body: { email: 'a@example.com', name: 'x'.repeat(10_000), roles: ['grader'] },
    });
    expectProblem(response, 413, 'request.too_large');
  });

  it('unsupported media types', async () => {
    const response = await api.request('POST', '/api/v1/users', { token, payload: 'email=a', headers: { 'content-type': 'text/csv' } });
    expectProblem(response, 415, 'request.unsupported_media_type');
  });

  it('missing or bad credentials', async () => {
    expectProblem(await api.request('GET', '/api/v1/users'), 401, 'auth.missing_credentials');
    expectProblem(await api.request('GET', '/api/v1/users', { token: 'not.a.jwt' }), 401, 'auth.invalid_token');
  });

  it('ids that are not UUIDs, and unknown routes', async () => {
    const badId = await api.request('GET', '/api/v1/users/123', { token });
    expectProblem(badId, 400, 'request.invalid_id');
    expect(badId.body.errors).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
    expectProblem(await api.request('GET', '/api/v1/nothing-here', { token }), 404, 'route.not_found');
    // Raised by Fastify's router before any hook runs: the x-request-id header set by the handler itself.
    expectProblem(await api.request('GET', `/api/v1/users/${'x'.repeat(150)}`, { token }), 414, 'request.uri_too_long');
  });

  it('bad query parameters', async () => {
    const response = await api.request('GET', '/api/v1/users?pageSize=100000&sort=evil', { token });
    expectProblem(response, 400, 'request.validation_failed');
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pageSize', 'sort']);
  });

  it('keeps a sane caller request id', async () => {
    const response = await api.request('GET', '/api/health', { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(response.headers['x-request-id']).toBe('trace-abc.123');
  });
});
