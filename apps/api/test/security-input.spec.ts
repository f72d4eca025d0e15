import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { multipart } from '@assay/testing';
import { objectivePaper } from './attempts-fixtures';
import { apiWithTenant, type ApiResponse, type SignedUpTenant, type TestApi } from './test-api';

/**
 * The inputs of issue 15, findings 1 and 3, tried as an attacker did: each answers a 4xx problem
 * document naming the field and the reason, never a 500, a stack overflow or a stall.
 */
describe('security: hostile request bodies', () => {
  let api: TestApi;
  let tenant: SignedUpTenant;
  apiWithTenant((started) => ({ api, tenant } = started));

  const expectProblem = (response: ApiResponse, status: number, code: string) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
  };
  const json = { 'content-type': 'application/json' };
  const DOCUMENT_ONLY_HEADERS = ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection'];
  const deep = '['.repeat(200_000);

  it('every answer carries the safe-default headers; JSON gets a CSP that allows nothing', async () => {
    // The autosave is a plain Fastify route (libs/attempts/src/autosave.route.ts): it gets them too.
    const save = await api.request('PUT', `/api/v1/attempts/${randomUUID()}/answers/${randomUUID()}`, { body: { answer: 'A', seq: 1 } });
    for (const response of [await api.request('GET', '/api/health'), await api.request('GET', '/api/v1/nothing-here'), save]) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'cross-origin-resource-policy': 'same-origin',
      });
      // Headers only a rendered document acts on: not on JSON (see security-headers.ts).
      for (const header of DOCUMENT_ONLY_HEADERS) expect({ header, value: response.headers[header] }).toEqual({ header, value: undefined });
    }
  });

  it("the web app's pages get their own CSP (own scripts, inline styles for Ant Design), the OpenAPI UI a separate one", async () => {
    const page =
      "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;connect-src 'self';" +
      "frame-ancestors 'none';base-uri 'none';object-src 'none';form-action 'self'";
    for (const url of ['/', '/t/some-token', '/staff', '/staff/papers']) {
      const response = await api.request('GET', url);
      expect({ url, status: response.status }).toEqual({ url, status: 200 });
      expect(response.headers).toMatchObject({
        'content-security-policy': page,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'origin-agent-cluster': '?1',
        'x-dns-prefetch-control': 'off',
        'x-download-options': 'noopen',
        'x-permitted-cross-domain-policies': 'none',
        'x-xss-protection': '0',
      });
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    const docs = await api.request('GET', '/api/docs');
    expect(docs.headers['content-security-policy']).toBe(page.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"));
    const json = await api.request('GET', '/api/docs-json');
    expect(json.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });

  describe('deeply nested JSON is refused before anything recursive reads it', () => {
    it.each([
      ['POST', `/api/v1/attempts/${randomUUID()}/events`],
      ['POST', '/api/v1/auth/login'],
      ['PUT', `/api/v1/attempts/${randomUUID()}/answers/${randomUUID()}`],
      ['POST', '/api/v1/questions'],
    ] as const)('%s %s', async (method, url) => {
      const response = await api.request(method, url, { payload: deep, headers: json, token: tenant.accessToken });
      expectProblem(response, 400, 'request.too_deep');
      expect(response.body.errors).toEqual([{ field: 'body', reason: 'nested deeper than 64 levels' }]);
    });

    it('brackets inside strings do not count, and ordinary nesting passes', async () => {
      const response = await api.request('POST', '/api/v1/job-roles', { token: tenant.accessToken, body: { name: '['.repeat(100) } });
      expect(response.status).toBe(201);
    });

    it('ten at once are all refused by the depth check while /api/health answers', async () => {
      const attacks = Array.from({ length: 10 }, () =>
        api.request('POST', `/api/v1/attempts/${randomUUID()}/events`, { payload: deep, headers: json }),
      );
      const [health, ...refused] = await Promise.all([api.request('GET', '/api/health'), ...attacks]);
      expect(health.status).toBe(200);
      for (const response of refused) expectProblem(response, 400, 'request.too_deep');
    });
  });

  describe('a lone UTF-16 surrogate is refused wherever it is, naming the field', () => {
    it('in an email at login', async () => {
      const response = await api.request('POST', '/api/v1/auth/login', { payload: '{"email":"a\\ud800x@example.com","password":"x"}', headers: json });
      expectProblem(response, 400, 'request.malformed_text');
      expect(response.body.errors).toEqual([{ field: 'email', reason: 'contains an unpaired UTF-16 surrogate' }]);
    });

    it('in a question option, nested', async () => {
      const payload = '{"type":"single_choice","stem":"s","options":[{"key":"A","text":"ok"},{"key":"B","text":"\\udc00"}],"answerKey":"A","points":1}';
      const response = await api.request('POST', '/api/v1/questions', { payload, headers: json, token: tenant.accessToken });
      expectProblem(response, 400, 'request.malformed_text');
      expect(response.body.errors).toEqual([{ field: 'options[1].text', reason: 'contains an unpaired UTF-16 surrogate' }]);
    });

    it('in an answer on the autosave route', async () => {
      const response = await api.request('PUT', `/api/v1/attempts/${randomUUID()}/answers/${randomUUID()}`, {
        payload: '{"seq":1,"answer":{"text":"\\ud83d"}}',
        headers: json,
      });
      expectProblem(response, 400, 'request.malformed_text');
      expect(response.body.errors).toEqual([{ field: 'answer.text', reason: 'contains an unpaired UTF-16 surrogate' }]);
    });

    it('a surrogate pair (an emoji) is text and passes', async () => {
      const response = await api.request('POST', '/api/v1/job-roles', { token: tenant.accessToken, payload: '{"name":"客服 \\ud83d\\ude00"}', headers: json });
      expect(response.status).toBe(201);
      expect(response.body.name).toBe('客服 😀');
    });
  });

  describe('null clears only nullable fields; arrays are not objects', () => {
    it('PATCH /tenant {"locale":null}', async () => {
      const response = await api.request('PATCH', '/api/v1/tenant', { token: tenant.accessToken, body: { locale: null } });
      expectProblem(response, 400, 'request.validation_failed');
      expect(response.body.errors).toEqual([{ field: 'locale', reason: 'locale must not be null; leave it out to keep the current value' }]);
    });

    it('PATCH /users/:id {"name":null}', async () => {
      const me = await api.request('GET', '/api/v1/auth/me', { token: tenant.accessToken });
      const response = await api.request('PATCH', `/api/v1/users/${me.body.user.id}`, { token: tenant.accessToken, body: { name: null } });
      expectProblem(response, 400, 'request.validation_failed');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    });

    it.each(['/api/v1/imports/paper/preview', '/api/v1/imports/paper'])('{"text":null} on %s', async (url) => {
      const response = await api.request('POST', url, { token: tenant.accessToken, body: { text: null } });
      expectProblem(response, 400, 'request.validation_failed');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'text' })]);
    });

    it('a nullable field still clears with null', async () => {
      const role = await api.request('POST', '/api/v1/job-roles', { token: tenant.accessToken, body: { name: '前台', description: '接待' } });
      const cleared = await api.request('PATCH', `/api/v1/job-roles/${role.body.id}`, { token: tenant.accessToken, body: { description: null } });
      expect({ status: cleared.status, description: cleared.body.description }).toEqual({ status: 200, description: null });
    });

    it('"candidate": [] on POST /invitations', async () => {
      const response = await api.request('POST', '/api/v1/invitations', {
        token: tenant.accessToken,
        body: { paperId: randomUUID(), candidate: [], closesAt: new Date(Date.now() + 86_400_000).toISOString() },
      });
      expectProblem(response, 400, 'request.validation_failed');
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'candidate' }));
    });

    it('"paper": [] on POST /papers/import', async () => {
      const response = await api.request('POST', '/api/v1/papers/import', { token: tenant.accessToken, body: { jobRoleId: randomUUID(), paper: [] } });
      expectProblem(response, 400, 'request.validation_failed');
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'paper' }));
    });

    it('a whole body that is an array, a string or null', async () => {
      for (const payload of ['[]', '"x"', 'null']) {
        const response = await api.request('POST', '/api/v1/job-roles', { token: tenant.accessToken, payload, headers: json });
        expect(response.status).toBe(400);
        expect(String(response.headers['content-type'])).toContain('application/problem+json');
      }
    });
  });

  describe('malformed multipart', () => {
    it('without a boundary', async () => {
      const response = await api.request('POST', '/api/v1/imports/paper/preview', {
        token: tenant.accessToken,
        payload: 'whatever',
        headers: { 'content-type': 'multipart/form-data' },
      });
      expect(response.status).toBe(400);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
    });

    it('truncated in the middle of a file', async () => {
      const { payload, headers } = multipart([{ name: 'file', filename: 'paper.txt', content: '一、单选题\n1. 题目\n' }]);
      const response = await api.request('POST', '/api/v1/imports/paper/preview', { token: tenant.accessToken, payload: payload.subarray(0, payload.length - 20), headers });
      expectProblem(response, 400, 'upload.malformed');
    });
  });

  it('a .docx zip bomb (about 100 KB expanding to 40 MB) is refused with a 413 before it is inflated', async () => {
    const bomb = new JSZip();
    bomb.file('word/document.xml', Buffer.alloc(40 * 1000 * 1000, 0x61));
    const content = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const { payload, headers } = multipart([{ name: 'file', filename: 'paper.docx', content }]);
    const response = await api.request('POST', '/api/v1/imports/paper/preview', { token: tenant.accessToken, payload, headers });
    expectProblem(response, 413, 'upload.expands_too_much');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
  });

  it('a bulk upload gets the field limits of the JSON route: a 5 MiB phone number is a row error', async () => {
    const paper = await objectivePaper(api, tenant, {}, false);
    const csv = `name,email,phone\n王芳,wang@example.com,${'1'.repeat(5 * 1024 * 1024)}\n`;
    const response = await api.request('POST', `/api/v1/papers/${paper.paperId}/invitations/bulk`, {
      token: tenant.accessToken,
      ...multipart([
        { name: 'closesAt', value: new Date(Date.now() + 86_400_000).toISOString() },
        { name: 'file', filename: 'candidates.csv', content: csv },
      ]),
    });
    expect(response.status).toBeLessThan(500);
    expect(JSON.stringify(response.body)).toContain('phone must be shorter than or equal to 50 characters');
    const listed = await api.request('GET', '/api/v1/invitations?q=wang', { token: tenant.accessToken });
    expect(listed.body.total).toBe(0);
  });

  it('a 19 MiB single-line text file is read without a stack overflow', async () => {
    const { payload, headers } = multipart([{ name: 'file', filename: 'paper.txt', content: 'a'.repeat(19 * 1024 * 1024) }]);
    const response = await api.request('POST', '/api/v1/imports/paper/preview', { token: tenant.accessToken, payload, headers });
    expect(response.status).toBeLessThan(500);
  });

  // Finding 10: Fastify's router answered these itself, 414 application/json with its own body.
  it.each([
    ['a staff route', 'GET', `/api/v1/papers/${'x'.repeat(150)}`],
    ['a public route', 'GET', `/api/v1/links/${'x'.repeat(150)}`],
    ['the plain-Fastify autosave route', 'PUT', `/api/v1/attempts/${'x'.repeat(150)}/answers/${randomUUID()}`],
    ['a web page', 'GET', `/t/${'x'.repeat(150)}`],
  ] as const)('a path parameter over 100 characters is a problem document on %s', async (_where, method, url) => {
    const response = await api.request(method, url, { token: tenant.accessToken, ...(method === 'PUT' ? { body: {} } : {}) });
    expectProblem(response, 414, 'request.uri_too_long');
  });
});
