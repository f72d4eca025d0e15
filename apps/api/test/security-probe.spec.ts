import { randomUUID } from 'node:crypto';
import { STAFF_ROLES, type StaffRole } from '@assay/contracts';
import { call, invitation, objectivePaper } from './attempts-fixtures';
import { TestApi, type ApiResponse, type SignedUpTenant } from './test-api';

/**
 * Issue 15: two probes over EVERY operation of the OpenAPI document, read at test time, so a route
 * added later is covered without editing this file.
 *
 * (a) the authorization matrix: no credentials, each role the operation does not admit, and
 *     another tenant's ids; 401/403/404, and none of the other tenant's ids in any body;
 * (b) a seeded fuzzer: hostile bodies, parameters and headers; never a 5xx, and every error a
 *     problem document. `FUZZ_SEED` reproduces a run, `FUZZ_RUNS` sets the random cases per operation.
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

/** mulberry32: a small seeded generator, so every run of the fuzzer is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  describe('(b) seeded fuzzer: no 5xx, every error a problem document', () => {
    const hostileValues = (random: () => number): unknown[] => [
      null,
      [],
      {},
      '\ud800x',
      'x'.repeat(100_000),
      -1,
      1e308,
      true,
      [{ a: [{ b: null }] }],
      String.fromCharCode(...Array.from({ length: 16 }, () => Math.floor(random() * 0xffff))),
    ];
    const pick = <T>(random: () => number, items: T[]): T => items[Math.floor(random() * items.length)];

    it('hostile bodies', async () => {
      const random = seeded(SEED);
      for (const operation of operations.filter((o) => o.method !== 'GET')) {
        const fixed: Array<[string, string]> = [
          ['deep nesting', '['.repeat(100_000)],
          ['lone surrogate', JSON.stringify({ x: 'a' }).replace('a', '\\ud800')],
          ['null', 'null'],
          ['array', '[]'],
          ['number', '1e999'],
          ['truncated', '{"a":'],
        ];
        const names = Object.keys(operation.bodyProperties);
        const generated = Array.from({ length: names.length > 0 ? RUNS : 0 }, (_, run): [string, string] => {
          const body = Object.fromEntries(names.map((name) => [name, random() < 0.5 ? pick(random, hostileValues(random)) : undefined]));
          return [`random body ${run}`, JSON.stringify(body)];
        });
        for (const [what, payload] of [...fixed, ...generated]) {
          const response = await api.request(operation.method, ownerPath(operation.path), {
            token: owner.accessToken,
            payload,
            headers: { 'content-type': 'application/json' },
          });
          expectProblem(response, describeCall(operation, `${what}, seed ${SEED}`));
        }
      }
    });

    it('hostile path and query parameters', async () => {
      const random = seeded(SEED + 1);
      const badParams = ['not-a-uuid', 'x'.repeat(150), '%00', '%ED%A0%80', '..%2F..%2Fetc', '00000000-0000-0000-0000-00000000000g'];
      const badQuery = ['-1', '1e309', 'x'.repeat(5000), '%ED%A0%80', '%00', '[]', 'NaN'];
      for (const operation of operations) {
        const paths = operation.path.includes('{') ? badParams.map((bad) => operation.path.replace(/\{\w+\}/g, bad)) : [ownerPath(operation.path)];
        for (const path of paths) {
          const query = operation.queryNames.map((name) => `${name}=${pick(random, badQuery)}&${name}=${pick(random, badQuery)}`).join('&');
          const response = await api.request(operation.method, query ? `${path}?${query}` : path, { token: owner.accessToken, body: operation.method === 'GET' ? undefined : {} });
          expectProblem(response, describeCall(operation, `${path.slice(0, 80)}?${query.slice(0, 80)}, seed ${SEED}`));
        }
      }
    });

    it('hostile headers', async () => {
      const forged = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: randomUUID(), tid: other.tenantId, roles: ['admin'] })).toString('base64url')}.`;
      const headerSets: Array<Record<string, string>> = [
        { authorization: `Bearer ${'a'.repeat(10_000)}` },
        { authorization: `Bearer ${forged}` },
        { authorization: 'Bearer ak_00000000000000000000000000000000_' + 'A'.repeat(43) },
        { authorization: `Bearer ${owner.accessToken}`, 'x-attempt-token': 'at_' + 'x'.repeat(300) },
        { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'text/plain' },
        { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'multipart/form-data' },
        { authorization: `Bearer ${owner.accessToken}`, 'x-request-id': '\u00ff'.repeat(300) },
      ];
      for (const operation of operations) {
        for (const [index, headers] of headerSets.entries()) {
          const body = operation.method === 'GET' ? {} : { payload: '{}', headers: { 'content-type': 'application/json', ...headers } };
          const response = await api.request(operation.method, ownerPath(operation.path), { headers, ...body });
          expectProblem(response, describeCall(operation, `header set ${index}`));
          if (index < 3 && !operation.public) expect({ op: describeCall(operation, `header set ${index}`), status: response.status }).toEqual({ op: describeCall(operation, `header set ${index}`), status: 401 });
        }
      }
    });
  });
});
