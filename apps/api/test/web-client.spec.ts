import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
// The generator's own document builder, checked against the document the running API serves.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { buildOpenApiDocument } from '../../../tools/web-client';
import { TestApi } from './test-api';

const ROOT = join(__dirname, '..', '..', '..');

/** The web app's API client is generated from the API's OpenAPI document and must never be stale. */
describe('web API client', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api.close();
  });

  it('is generated from the same document the API serves (built without a database or a server)', async () => {
    const served = await api.request('GET', '/api/docs-json');
    expect(JSON.parse(JSON.stringify(await buildOpenApiDocument()))).toEqual(served.body);
  });

  it('is up to date: apps/web/src/api/schema.d.ts matches the API (else run npm run web:client)', async () => {
    // A child process: openapi-typescript is ESM-only, which Jest's module runtime cannot load. Slow on a busy machine (it compiles the app).
    const check = promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/web-client.ts', '--check'], { cwd: ROOT });
    await expect(check).resolves.toMatchObject({ stdout: expect.stringContaining('up to date') });
  }, 180_000);
});
