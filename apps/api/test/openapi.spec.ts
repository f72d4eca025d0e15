import { TestApi } from './test-api';

type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const PROBLEM_REF = '#/components/schemas/Problem';

/** The operations the web app and scripts start from: each shows an example of what comes back. */
const OPERATIONS_WITH_EXAMPLES = [
  'AuthController_signup',
  'AuthController_login',
  'QuestionsController_create',
  'PapersController_create',
  'PapersController_publish',
  'InvitationsController_invite',
  'AttemptStartController_start',
  'AutosaveRoute_save',
  'CandidateAttemptsController_saveMany',
  'CandidateAttemptsController_submit',
];

interface Operation {
  name: string;
  operation: Json;
}

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ name: `${method.toUpperCase()} ${path}`, operation: item[method] as Json })),
  );
}

/** A schema that says something about the body: a reference, an array of something, or an object with properties. */
function isDescriptive(schema: Json | undefined): boolean {
  if (!schema) return false;
  if (schema.$ref || schema.allOf || schema.oneOf || schema.anyOf) return true;
  if (schema.type === 'array') return isDescriptive(schema.items);
  if (schema.type === 'object') return Object.keys(schema.properties ?? {}).length > 0;
  return typeof schema.type === 'string';
}

/** Everything wrong with one operation, as readable sentences; empty when it is complete. */
function gapsOf({ operation }: Operation): string[] {
  const gaps: string[] = [];
  if (!operation.summary?.trim()) gaps.push('has no summary');
  if (!operation.operationId) gaps.push('has no operationId');
  const responses = Object.entries((operation.responses ?? {}) as Record<string, Json>);
  const successes = responses.filter(([status]) => /^2\d\d$/.test(status));
  if (successes.length === 0) gaps.push('declares no success response');
  for (const [status, response] of successes) {
    if (status === '204') continue;
    const media = Object.entries((response.content ?? {}) as Record<string, Json>);
    if (media.length === 0) gaps.push(`success ${status} has no content type`);
    for (const [type, body] of media) {
      const json = /json/.test(type);
      if (json ? !isDescriptive(body.schema) : !body.schema) gaps.push(`success ${status} (${type}) has no schema saying what comes back`);
    }
  }
  const problems = responses.filter(([status]) => /^[45]\d\d$/.test(status));
  if (problems.length === 0) gaps.push('declares no problem responses');
  for (const [status, response] of problems) {
    const types = Object.keys(response.content ?? {});
    if (types.length !== 1 || response.content['application/problem+json']?.schema?.$ref !== PROBLEM_REF) {
      gaps.push(`problem ${status} is not application/problem+json with the Problem schema`);
    }
  }
  const declares = (status: number) => responses.some(([s]) => s === String(status));
  if ((operation.security ?? []).length > 0 && !declares(401)) gaps.push('needs credentials but does not declare 401');
  if (operation.requestBody && !declares(400)) gaps.push('takes a body but does not declare 400');
  if ((operation.parameters ?? []).some((p: Json) => p.in === 'query') && !declares(400)) gaps.push('takes query parameters but does not declare 400');
  if ((operation.parameters ?? []).some((p: Json) => p.in === 'path') && !declares(404)) gaps.push('addresses something by path but does not declare 404');
  return gaps;
}

/** Every `$ref` in the document, with where it was found. */
function refsOf(node: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => refsOf(item, `${at}/${i}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [{ ref: value, at }] : refsOf(value, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
  );
}

function resolves(document: Json, ref: string): boolean {
  if (!ref.startsWith('#/')) return false;
  let node: unknown = document;
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Json)[key];
  }
  return true;
}

/**
 * Members whose schema says nothing: an `object` without members (what a `string | null` field
 * without an explicit `type` becomes) or an array without items.
 */
function vagueMembers(document: Json): string[] {
  return Object.entries(document.components.schemas as Record<string, Json>).flatMap(([name, schema]) =>
    Object.entries((schema.properties ?? {}) as Record<string, Json>)
      .filter(([, member]) => (member.type === 'object' && !member.properties && !member.additionalProperties && !member.allOf) || (member.type === 'array' && !member.items))
      .map(([member]) => `${name}.${member}`),
  );
}

function hasSuccessExample(operation: Json): boolean {
  return Object.entries((operation.responses ?? {}) as Record<string, Json>).some(
    ([status, response]) => /^2/.test(status) && Object.values((response.content ?? {}) as Record<string, Json>).some((body) => body.example !== undefined || body.examples !== undefined),
  );
}

describe('OpenAPI document', () => {
  let api: TestApi;
  let document: Json;
  beforeAll(async () => {
    api = await TestApi.start();
    // Served by configureApi exactly as main.ts builds it, so a route added anywhere is walked here.
    const served = await api.request('GET', '/api/docs-json');
    expect(served.status).toBe(200);
    document = served.body;
  });
  afterAll(async () => {
    await api.close();
  });

  it('describes the API for scripts, the plain-Fastify autosave route included', async () => {
    const paths = Object.keys(document.paths);
    for (const path of ['/api/v1/auth/login', '/api/v1/api-keys', '/api/v1/papers/{id}/publish', '/api/v1/invitations', '/api/v1/attempts/{id}/answers/{questionId}']) {
      expect(paths).toContain(path);
    }
    expect(document.paths['/api/v1/attempts/{id}/answers/{questionId}'].put.requestBody.content['application/json'].schema.required).toEqual(['answer', 'seq']);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ui = await api.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('gives every operation a summary, a success response with a schema (or 204) and its problem responses', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(60);
    const gaps = operations.flatMap((op) => gapsOf(op).map((gap) => `${op.name} (${op.operation.operationId}) ${gap}`));
    expect(gaps).toEqual([]);
  });

  it('names every operation once, so generated clients get one function per operation', () => {
    const ids = operationsOf(document).map(({ operation }) => operation.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('resolves every $ref', () => {
    const dangling = refsOf(document).filter(({ ref }) => !resolves(document, ref));
    expect(dangling).toEqual([]);
  });

  it('types every member of every schema (no bare objects, no arrays of nothing)', () => {
    expect(vagueMembers(document)).toEqual([]);
  });

  it('shows an example response for the main operations', () => {
    const byId = new Map(operationsOf(document).map(({ operation }) => [operation.operationId, operation]));
    const missing = OPERATIONS_WITH_EXAMPLES.filter((id) => !hasSuccessExample(byId.get(id) ?? {}));
    expect(missing).toEqual([]);
  });

  it('describes downloads, uploads and pages with their real content types', () => {
    const content = (path: string, method: string, status: string) => Object.keys(document.paths[path][method].responses[status].content);
    expect(content('/api/v1/invitations/export', 'get', '200')).toEqual(['text/csv']);
    expect(content('/api/v1/imports/question-bank/export', 'get', '200')).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    expect(Object.keys(document.paths['/api/v1/papers/{paperId}/invitations/bulk'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(document.paths['/api/v1/auth/logout'].post.responses['204']).toBeDefined();
  });

  it('the completeness check names what an operation lacks', () => {
    const bare = { name: 'GET /x', operation: { operationId: 'X_get', security: [{ bearer: [] }], parameters: [{ in: 'path', name: 'id' }], responses: { 200: { description: '' } } } };
    expect(gapsOf(bare)).toEqual([
      'has no summary',
      'success 200 has no content type',
      'declares no problem responses',
      'needs credentials but does not declare 401',
      'addresses something by path but does not declare 404',
    ]);
    expect(refsOf({ a: { $ref: '#/components/schemas/Nope' } })).toEqual([{ ref: '#/components/schemas/Nope', at: '#/a' }]);
    expect(resolves({ components: { schemas: {} } }, '#/components/schemas/Nope')).toBe(false);
  });
});
