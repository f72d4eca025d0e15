import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { STAFF_ROLES, type StaffRole } from '@assay/contracts';
import { call, invitation, objectivePaper } from './attempts-fixtures';
import { TestApi, type ApiResponse, type SignedUpTenant } from './test-api';

/**
 * Issue 15: two probes over EVERY operation of the OpenAPI document, read at test time, so a route
 * added later is covered without editing this file.
 *
 * (a) the authorization matrix: no credentials, each role the operation does not admit, and
 *     another tenant's ids; 401/403/404, and none of the other tenant's ids in any body;
 * (b) a property-based fuzzer (fast-check): hostile bodies, parameters, headers and uploads; never a
 *     5xx, and every error a problem document. `FUZZ_SEED` reproduces a run (fast-check prints the
 *     seed of a failure), `FUZZ_RUNS` sets the generated cases per operation and kind.
 */
interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  public: boolean | undefined;
  roles: StaffRole[] | undefined;
  queryNames: string[];
  bodyProperties: Record<string, { type?: string }>;
}

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
/** fast-check's report names the seed; the operation is in the failing case's context. */
const FUZZ = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;

/** Every operation of the document, with what the probes need to call it. */
function operationsOf(doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
      return {
        method: method.toUpperCase() as Operation['method'],
        path,
        public: op['x-public'],
        roles: op['x-roles'],
        queryNames: (op.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name),
        bodyProperties: resolved?.properties ?? {},
      };
    }),
  );
}

describe('security probe over every operation of the OpenAPI document', () => {
  let api: TestApi;
  let owner: SignedUpTenant;
  let other: SignedUpTenant;
  let operations: Operation[];
  /** Ids of the owner's objects, by the collection path they are listed under. */
  const ownerIds = new Map<string, string>();

  beforeAll(async () => {
    api = await TestApi.start();
    [owner, other] = [await api.signup(), await api.signup()];
    operations = operationsOf((await api.request('GET', '/api/docs-json')).body);
    // One object of every kind in the owner's tenant: papers, questions, roles, invitations (with
    // a started attempt), staff, API keys; then the first id of every list the document offers.
    const paper = await objectivePaper(api, owner);
    const { linkToken } = await invitation(api, owner, paper.paperId);
    await api.request('POST', `/api/v1/links/${linkToken}/attempt`, {});
    await call(api, owner, 'POST', '/api-keys', { name: 'probe', scopes: ['recruiter'] });
    for (const operation of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const list = await api.request('GET', operation.path, { token: owner.accessToken });
      const id = list.body?.items?.[0]?.id;
      if (typeof id === 'string') ownerIds.set(operation.path, id);
    }
  });
  afterAll(async () => {
    await api.close();
  });

  /** The path with each `{param}` filled by the owner's object listed under the path before it. */
  const ownerPath = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_match, _name, offset: number) => ownerIds.get(path.slice(0, offset - 1)) ?? randomUUID());

  const describeCall = (operation: Operation, what: string) => `${operation.method} ${operation.path} (${what})`;
  const expectProblem = (response: ApiResponse, context: string) => {
    expect({ context, serverError: response.status >= 500 }).toEqual({ context, serverError: false });
    if (response.status >= 400) {
      expect({ context, type: String(response.headers['content-type']).split(';')[0] }).toEqual({ context, type: 'application/problem+json' });
    }
  };

  it('reads a document with operations, every one saying whether it is public', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((o) => typeof o.public !== 'boolean').map((o) => `${o.method} ${o.path}`)).toEqual([]);
    expect(ownerIds.size).toBeGreaterThan(5);
  });

  describe('(a) authorization matrix', () => {
    it('without credentials, every non-public operation answers 401', async () => {
      for (const operation of operations.filter((o) => !o.public)) {
        const response = await api.request(operation.method, ownerPath(operation.path), { body: operation.method === 'GET' ? undefined : {} });
        expect({ call: describeCall(operation, 'no token'), status: response.status }).toEqual({ call: describeCall(operation, 'no token'), status: 401 });
      }
    });

    it('a staff member without one of the roles an operation names gets 403', async () => {
      const tokens = Object.fromEntries(await Promise.all(STAFF_ROLES.map(async (role) => [role, await api.staff(owner, role)] as const)));
      for (const operation of operations.filter((o) => !o.public && o.roles)) {
        for (const role of STAFF_ROLES.filter((r) => !operation.roles?.includes(r))) {
          const response = await api.request(operation.method, ownerPath(operation.path), { token: tokens[role], body: operation.method === 'GET' ? undefined : {} });
          const context = describeCall(operation, `as ${role}`);
          expect({ context, status: response.status }).toEqual({ context, status: 403 });
        }
      }
    });

    it("another tenant's admin, given the owner's ids, changes nothing and reads nothing of the owner", async () => {
      const withIds = operations.filter((o) => !o.public && o.path.includes('{'));
      expect(withIds.length).toBeGreaterThan(10);
      const secrets = [owner.tenantId, ...ownerIds.values()];
      for (const operation of withIds) {
        const response = await api.request(operation.method, ownerPath(operation.path), { token: other.accessToken, body: operation.method === 'GET' ? undefined : {} });
        const context = describeCall(operation, 'other tenant');
        expect({ context, refused: response.status >= 400 && response.status < 500 }).toEqual({ context, refused: true });
        // `instance` echoes the requested URL, ids included; everything else must be free of them.
        const { instance: _echo, ...rest } = response.body as Record<string, unknown>;
        const text = JSON.stringify(rest);
        expect({ context, leaked: secrets.filter((id) => text.includes(id)) }).toEqual({ context, leaked: [] });
      }
    });
  });

  describe('(b) property-based fuzzer (fast-check): no 5xx, every error a problem document', () => {
    const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => `x${String.fromCharCode(code)}`);
    const hugeString = fc.integer({ min: 10_000, max: 200_000 }).map((length) => 'x'.repeat(length));
    const hostileValue = fc.oneof(
      fc.constant(null),
      loneSurrogate,
      hugeString,
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 1e308, Number.MAX_SAFE_INTEGER + 2)),
      fc.boolean(),
      fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.anything({ maxDepth: 2 }), { maxKeys: 3 }),
    );
    /** Raw JSON texts: nesting within the parser's 64 levels and far beyond, truncated, wrong top-level types. */
    const hostileText = fc.oneof(
      fc.integer({ min: 1, max: 64 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
      fc.integer({ min: 65, max: 100_000 }).map((depth) => '['.repeat(depth)),
      fc.integer({ min: 1, max: 200 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
      fc.constantFrom('null', '[]', '1e999', '"text"', '{"a":', '{"x":"\\ud800"}', ''),
    );
    const bodyOf = (operation: Operation) =>
      fc.oneof(
        fc.record(Object.fromEntries(Object.keys(operation.bodyProperties).map((name) => [name, hostileValue])), { requiredKeys: [] }).map((body) => JSON.stringify(body)),
        hostileText,
      );

    it('hostile bodies', async () => {
      for (const operation of operations.filter((o) => o.method !== 'GET')) {
        await fc.assert(
          fc.asyncProperty(bodyOf(operation), async (payload) => {
            const response = await api.request(operation.method, ownerPath(operation.path), { token: owner.accessToken, payload, headers: { 'content-type': 'application/json' } });
            expectProblem(response, describeCall(operation, `body ${payload.slice(0, 80)}`));
          }),
          FUZZ,
        );
      }
    });

    it('hostile path and query parameters', async () => {
      const parameter = fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
        fc.integer({ min: 101, max: 2_000 }).map((length) => 'x'.repeat(length)),
        fc.constantFrom('%ED%A0%80', '%00', '..%2F..%2Fetc', '00000000-0000-0000-0000-00000000000g', '%', '-1', '1e309', 'NaN', '[]', '9007199254740993'),
        fc.integer().map(String),
      );
      for (const operation of operations) {
        const params = operation.path.match(/\{\w+\}/g) ?? [];
        await fc.assert(
          fc.asyncProperty(fc.array(parameter, { minLength: params.length, maxLength: params.length }), fc.array(fc.tuple(fc.constantFrom('', ...operation.queryNames), parameter), { maxLength: 4 }), async (values, query) => {
            let index = 0;
            const path = params.length > 0 ? operation.path.replace(/\{\w+\}/g, () => values[index++]) : operation.path;
            const search = query.map(([name, value]) => `${name || 'unknown'}=${value}`).join('&');
            const url = search ? `${path}?${search}` : path;
            const response = await api.request(operation.method, url, { token: owner.accessToken, body: operation.method === 'GET' ? undefined : {} });
            expectProblem(response, describeCall(operation, url.slice(0, 160)));
          }),
          FUZZ,
        );
      }
    });

    it('hostile headers: bad Authorization, content types that do not match the body', async () => {
      const forged = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: randomUUID(), tid: other.tenantId, roles: ['admin'] })).toString('base64url')}.`;
      const token = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{0,400}$/);
      const authorization = fc.oneof(
        token.map((value) => ({ value: `Bearer ${value}`, valid: false })),
        fc.constantFrom(`Bearer ${forged}`, 'Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ak_00000000000000000000000000000000_${'A'.repeat(43)}`).map((value) => ({ value, valid: false })),
        fc.constant({ value: `Bearer ${owner.accessToken}`, valid: true }),
      );
      const contentType = fc.constantFrom('text/plain', 'multipart/form-data', 'application/xml', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', 'application/json');
      for (const operation of operations) {
        await fc.assert(
          fc.asyncProperty(authorization, contentType, fc.constantFrom('{}', 'a=1', '<x/>'), async (auth, type, payload) => {
            const headers = { authorization: auth.value, ...(operation.method === 'GET' ? {} : { 'content-type': type }) };
            const response = await api.request(operation.method, ownerPath(operation.path), { headers, payload: operation.method === 'GET' ? undefined : payload });
            const context = describeCall(operation, `${auth.value.slice(0, 60)} / ${type}`);
            expectProblem(response, context);
            // The body parser refuses a foreign type (415) or a bad body (400) before the guard reads
            // the credential; with a well-formed JSON body a bad credential is always 401.
            const parsable = operation.method === 'GET' || (type === 'application/json' && payload === '{}');
            if (!auth.valid && !operation.public) expect({ context, refused: parsable ? response.status === 401 : response.status >= 400 }).toEqual({ context, refused: true });
          }),
          FUZZ,
        );
      }
    });

    it('malformed multipart uploads', async () => {
      const upload = fc.record({
        declared: fc.constantFrom('boundary=b', '', 'boundary=', `boundary=${'x'.repeat(100)}`, 'boundary=other'),
        name: fc.constantFrom('file', 'text', '', 'x'.repeat(300)),
        filename: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constant('../../etc/passwd')),
        content: fc.string({ unit: 'binary', maxLength: 200 }),
        cut: fc.option(fc.nat({ max: 300 }), { nil: undefined }),
      });
      for (const operation of operations.filter((o) => o.method !== 'GET')) {
        await fc.assert(
          fc.asyncProperty(upload, async ({ declared, name, filename, content, cut }) => {
            const whole = `--b\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--b--\r\n`;
            const payload = Buffer.from(cut === undefined ? whole : whole.slice(0, cut));
            const headers = { 'content-type': `multipart/form-data${declared ? `; ${declared}` : ''}` };
            const response = await api.request(operation.method, ownerPath(operation.path), { token: owner.accessToken, headers, payload });
            expectProblem(response, describeCall(operation, `multipart ${declared}, cut ${cut}`));
          }),
          FUZZ,
        );
      }
    });
  });
});
