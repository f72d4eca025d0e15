import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Candidate, invitation, objectivePaper, type ObjectivePaper } from './attempts-fixtures';
import { schemaProblems } from './openapi-schema';
import type { ApiResponse, RequestOptions, SignedUpTenant } from './test-api';
import { TestApi } from './test-api';

type Json = Record<string, any>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Answer {
  method: Method;
  url: string;
  response: ApiResponse;
}

/** A real exam document from the shared samples (/work/shared/samples/papers), read as pasted text. */
const PAPER_TEXT = readFileSync(path.resolve(__dirname, '../../../../shared/samples/papers/online-cs-interview-2026.txt'), 'utf8');

/** The document's path template of a concrete URL, e.g. /api/v1/papers/{id} for /api/v1/papers/9a8b.... */
function templateOf(document: Json, url: string): string | undefined {
  const path = url.split('?')[0];
  return Object.keys(document.paths).find((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
}

/** What the document gets wrong about one answer the API really gave. */
function mismatches(document: Json, { method, url, response }: Answer): string[] {
  const name = `${method} ${url} -> ${response.status}`;
  const template = templateOf(document, url);
  const operation = template ? document.paths[template][method.toLowerCase()] : undefined;
  if (!operation) return [`${name}: no such operation in the document`];
  const declared = operation.responses[String(response.status)];
  if (!declared) return [`${name}: status not declared by ${operation.operationId}`];
  const mediaType = String(response.headers['content-type'] ?? '').split(';')[0];
  if (response.status === 204) return declared.content ? [`${name}: declares a body for 204`] : [];
  const content = declared.content?.[mediaType];
  if (!content) return [`${name}: answered ${mediaType}, declared ${Object.keys(declared.content ?? {}).join(', ') || 'nothing'}`];
  if (!mediaType.includes('json')) return [];
  // Problems may carry extension members (RFC 9457); every other answer declares each member.
  const strict = mediaType === 'application/json';
  return schemaProblems({ document, strict }, content.schema, response.body).map((problem) => `${name}: ${problem}`);
}

/** The flows below are long chains of real requests; on a busy machine they take a while. */
const FLOW_TIMEOUT_MS = 120_000;

describe('OpenAPI document against the real answers', () => {
  let api: TestApi;
  let document: Json;
  /** The API with every answer recorded: the fixtures and TestApi's factories go through it too. */
  let observed: TestApi;
  const answers: Answer[] = [];
  let admin: SignedUpTenant;
  let paper: ObjectivePaper;
  let role: { id: string };

  beforeAll(async () => {
    api = await TestApi.start();
    document = (await api.request('GET', '/api/docs-json')).body;
    observed = Object.create(api) as TestApi;
    const record = async (method: Method, url: string, options: RequestOptions = {}) => {
      const response = await api.request(method, url, options);
      answers.push({ method, url, response });
      return response;
    };
    Object.defineProperty(observed, 'request', { value: record });
    admin = await observed.signup();
    paper = await objectivePaper(observed, admin, { showScoreToCandidate: true });
    role = (await ok(admin, 'GET', '/job-roles')).items[0];
  }, FLOW_TIMEOUT_MS);
  afterAll(async () => {
    await api.close();
  });

  /** One call that must succeed; the test goes on with its body. */
  async function ok(tenant: SignedUpTenant | null, method: Method, url: string, body?: unknown): Promise<any> {
    const response = await observed.request(method, `/api/v1${url}`, { token: tenant?.accessToken, body });
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** Runs the steps, then checks every answer they got (set-up answers included the first time). */
  async function expectConforming(steps: () => Promise<void>): Promise<void> {
    await steps();
    const seen = answers.splice(0);
    expect(seen.filter(({ response }) => response.status >= 300).map(({ method, url, response }) => `${method} ${url} -> ${response.status}`)).toEqual([]);
    expect(seen.flatMap((answer) => mismatches(document, answer))).toEqual([]);
  }

  it(
    'staff, company and API keys: every answer is declared, with its content type, and matches its schema',
    () =>
      expectConforming(async () => {
        const pair = await ok(null, 'POST', '/auth/login', { email: admin.email, password: admin.password });
        await ok(null, 'POST', '/auth/refresh', { refreshToken: pair.refreshToken });
        await ok(admin, 'GET', '/auth/me');
        await ok(admin, 'GET', '/tenant');
        await ok(admin, 'PATCH', '/tenant', { locale: 'en' });
        const user = await ok(admin, 'POST', '/users', { email: `r-${randomUUID()}@example.com`, name: '招聘', roles: ['recruiter'] });
        await ok(admin, 'GET', '/users');
        await ok(admin, 'GET', `/users/${user.id}`);
        await ok(admin, 'PATCH', `/users/${user.id}`, { name: '招聘专员' });
        const key = await ok(admin, 'POST', '/api-keys', { name: 'ATS', scopes: ['recruiter'] });
        await ok({ ...admin, accessToken: key.key }, 'GET', '/auth/me');
        await ok(admin, 'GET', '/api-keys');
        await ok(admin, 'DELETE', `/api-keys/${key.id}`);
        const auditPage = await ok(admin, 'GET', '/audit-log?limit=2');
        await ok(admin, 'GET', `/audit-log?limit=2&cursor=${auditPage.next}`);
        await ok(admin, 'GET', `/audit-log/export?resourceId=${user.id}`);
        await ok(null, 'POST', '/auth/logout', { refreshToken: pair.refreshToken });
        // A logout ends every access token of the user (docs/security.md): the later flows log in again.
        admin.accessToken = (await ok(null, 'POST', '/auth/login', { email: admin.email, password: admin.password })).accessToken;
        await observed.request('GET', '/api/health');
      }),
    FLOW_TIMEOUT_MS,
  );

  it(
    'catalogue, bank, papers and imports: every answer is declared, with its content type, and matches its schema',
    () =>
      expectConforming(async () => {
        const { paperId, q } = paper;
        const competency = await ok(admin, 'POST', '/competencies', { name: '沟通表达' });
        await ok(admin, 'GET', '/competencies');
        await ok(admin, 'GET', `/competencies/${competency.id}`);
        await ok(admin, 'PATCH', `/competencies/${competency.id}`, { description: '说清楚,听明白' });
        await ok(admin, 'GET', `/job-roles/${role.id}`);
        await ok(admin, 'PATCH', `/job-roles/${role.id}`, { description: '售前售后' });
        await ok(admin, 'POST', `/job-roles/${role.id}/archive`);
        await ok(admin, 'POST', `/job-roles/${role.id}/restore`);
        await ok(admin, 'GET', '/questions?type=essay');
        await ok(admin, 'GET', `/questions/${q.single}`);
        await ok(admin, 'PATCH', `/questions/${q.single}`, { competencyIds: [competency.id], tags: ['售后'] });
        await ok(admin, 'GET', '/papers');
        await ok(admin, 'GET', `/papers/${paperId}`);
        await ok(admin, 'GET', `/papers/${paperId}/validation`);
        await ok(admin, 'GET', `/papers/${paperId}/preview?seed=a`);
        await ok(admin, 'GET', `/papers/${paperId}/versions`);
        await ok(admin, 'GET', `/papers/${paperId}/versions/1`);
        await ok(admin, 'GET', `/papers/${paperId}/versions/1/preview?seed=a`);
        const exported = await ok(admin, 'GET', `/papers/${paperId}/export`);
        await ok(admin, 'POST', '/papers/import', { jobRoleId: role.id, paper: exported });
        const copy = await ok(admin, 'POST', `/papers/${paperId}/clone`, {});
        await ok(admin, 'PATCH', `/papers/${copy.id}`, { title: '客服笔试 B' });
        await ok(admin, 'POST', `/papers/${copy.id}/archive`);
        await ok(admin, 'POST', `/papers/${copy.id}/restore`);
        await ok(admin, 'DELETE', `/papers/${copy.id}`);
        await ok(admin, 'POST', '/imports/paper/preview', { text: PAPER_TEXT });
        // Without a role: the draft goes to the placeholder role.
        await ok(admin, 'POST', '/imports/paper', { text: PAPER_TEXT });
        await ok(admin, 'GET', '/imports/question-bank/template?format=csv');
        await ok(admin, 'GET', '/imports/question-bank/export?format=xlsx');
      }),
    FLOW_TIMEOUT_MS,
  );

  it(
    "invitations and a candidate's attempt: every answer is declared, with its content type, and matches its schema",
    () =>
      expectConforming(async () => {
        const { paperId, q } = paper;
        const invited = await invitation(observed, admin, paperId);
        await ok(admin, 'GET', '/invitations');
        await ok(admin, 'GET', `/invitations/${invited.invitationId}`);
        await ok(admin, 'GET', `/invitations/funnel?paperId=${paperId}`);
        await ok(admin, 'GET', '/invitations/export');
        await ok(admin, 'POST', `/invitations/${invited.invitationId}/extend`, { closesAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
        const spare = await invitation(observed, admin, paperId);
        await ok(admin, 'POST', `/invitations/${spare.invitationId}/resend`);
        await ok(admin, 'POST', `/invitations/${spare.invitationId}/revoke`);
        const candidates = await ok(admin, 'GET', '/candidates');
        await ok(admin, 'GET', `/candidates/${candidates.items[0].id}`);
        await ok(null, 'GET', `/links/${invited.linkToken}`);
        const { candidate } = await Candidate.start(observed, invited.linkToken);
        await candidate.view();
        await candidate.save(q.single, 'B', 1);
        await candidate.request('PUT', '/answers', {
          answers: [
            { questionId: q.multiple, answer: ['A', 'C'], seq: 1 },
            { questionId: q.essay, answer: { text: '先致歉' }, seq: 1 },
          ],
        });
        await candidate.request('POST', '/events', { type: 'focus_lost', at: new Date().toISOString(), detail: { seconds: 3 } });
        await candidate.submit();
        await ok(admin, 'GET', `/attempts?paperId=${paperId}`);
        await ok(admin, 'GET', `/attempts/${candidate.attemptId}/events`);
        await ok(admin, 'GET', `/attempts/${candidate.attemptId}/responses`);
        const byCursor = await ok(admin, 'GET', '/invitations?limit=1');
        await ok(admin, 'GET', `/invitations?limit=1&cursor=${byCursor.next}`);
        await ok(admin, 'GET', '/candidates?limit=1');
        await ok(admin, 'GET', `/candidates/${candidates.items[0].id}/results`);
      }),
    FLOW_TIMEOUT_MS,
  );

  it(
    'every problem answer is declared by its operation and is a Problem',
    async () => {
      answers.length = 0;
      const recruiter = await observed.staff(admin, 'recruiter');
      const empty = await ok(admin, 'POST', '/papers', { jobRoleId: role.id, title: '空', durationMinutes: 10 });
      const problems = [
        await observed.request('GET', '/api/v1/users'),
        await observed.request('GET', '/api/v1/users', { token: recruiter }),
        await observed.request('POST', '/api/v1/questions', { token: admin.accessToken, body: { type: 'single_choice' } }),
        await observed.request('GET', `/api/v1/papers/${randomUUID()}`, { token: admin.accessToken }),
        await observed.request('GET', '/api/v1/papers/not-a-uuid', { token: admin.accessToken }),
        await observed.request('DELETE', `/api/v1/papers/${paper.paperId}`, { token: admin.accessToken }),
        await observed.request('POST', `/api/v1/papers/${empty.id}/publish`, { token: admin.accessToken }),
        await observed.request('POST', '/api/v1/auth/login', { body: { email: admin.email, password: 'wrong password' } }),
        await observed.request('POST', `/api/v1/links/${'x'.repeat(43)}/attempt`),
        await observed.request('PUT', `/api/v1/attempts/${randomUUID()}/answers/${paper.q.single}`, { body: { answer: 'B', seq: 1 } }),
        await observed.request('POST', '/api/v1/invitations', {
          token: admin.accessToken,
          payload: JSON.stringify({ paperId: paper.paperId, padding: 'x'.repeat(2 * 1024 * 1024) }),
          headers: { 'content-type': 'application/json' },
        }),
        await observed.request('GET', '/api/v1/audit-log?cursor=not-ours', { token: admin.accessToken }),
        await observed.request('GET', '/api/v1/candidates/external/nobody/results', { token: admin.accessToken }),
      ];
      expect(problems.map((p) => p.status)).toEqual([401, 403, 400, 404, 400, 409, 422, 401, 404, 401, 413, 400, 404]);
      expect(answers.filter(({ response }) => response.status >= 400).flatMap((answer) => mismatches(document, answer))).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it('the schema check finds a missing member, a wrong type, an undeclared member and a bad enum', () => {
    const schema = { $ref: '#/components/schemas/TenantResponse' };
    const tenant = { id: randomUUID(), slug: 'x', name: 'X', locale: 'fr', candidateDataRetentionDays: 365, createdAt: new Date().toISOString(), extra: 1 };
    expect(schemaProblems({ document, strict: true }, schema, tenant)).toEqual([
      '$.updatedAt: required but missing',
      '$.locale: "fr" is not one of zh-CN, en',
      '$.extra: not declared in the schema',
    ]);
    expect(schemaProblems({ document, strict: true }, schema, { ...tenant, name: 1 })).toContain('$.name: integer where the schema says string');
    expect(schemaProblems({ document, strict: true }, { type: 'string', pattern: 'x' }, 'x')).toEqual(['$: the check does not understand pattern']);
  });
});
