import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { StaffRole } from '@assay/contracts';
import { AppConfig, loadConfig } from '@assay/core';
import { configureApi, createAdapter } from '../src/api';
import { AppModule } from '../src/app.module';

export interface ApiResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw payload, sent as is (malformed JSON, oversized bodies). */
  payload?: string | Buffer;
  token?: string;
  headers?: Record<string, string>;
  remoteAddress?: string;
  /** Answer the body as the bytes received (downloads: spreadsheets, files), never decoded. */
  raw?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SignedUpTenant {
  tenantId: string;
  slug: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * The one way HTTP tests talk to the API: the real app (real PostgreSQL, Redis, guards, pipes,
 * filters) driven in-process through Fastify's inject.
 */
export class TestApi {
  private constructor(readonly app: NestFastifyApplication) {}

  static async start(env: Record<string, string> = {}): Promise<TestApi> {
    const config = loadConfig({ ...process.env, ...env });
    Object.assign(process.env, env);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(AppConfig)
      .useValue(config)
      .compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), { logger: false });
    await configureApi(app);
    return new TestApi(app);
  }

  /** One request; the body comes back parsed when it is JSON, as text otherwise, or as a Buffer with `raw: true`. */
  request(method: Method, url: string, options: RequestOptions & { raw: true }): Promise<ApiResponse<Buffer>>;
  request<T = any>(method: Method, url: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  async request(method: Method, url: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload = options.payload;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await this.app.inject({ method, url, headers, payload, remoteAddress: options.remoteAddress });
    if (options.raw) return { status: response.statusCode, headers: response.headers, body: response.rawPayload };
    const text = response.body;
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      headers: response.headers,
      body: type.includes('json') && text ? JSON.parse(text) : text,
    };
  }

  /** Factory: a new company with its admin, logged in. */
  async signup(overrides: Partial<{ slug: string; email: string; password: string }> = {}): Promise<SignedUpTenant> {
    const slug = overrides.slug ?? `t-${randomBytes(5).toString('hex')}`;
    const email = overrides.email ?? `admin@${slug}.example.com`;
    const password = overrides.password ?? 'correct horse battery';
    const response = await this.request('POST', '/api/v1/auth/signup', {
      body: { companyName: `公司 ${slug}`, slug, adminName: '管理员', email, password },
    });
    if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { tenantId: response.body.tenant.id, slug, email, password, accessToken: response.body.accessToken, refreshToken: response.body.refreshToken };
  }

  /** Factory: a new staff user of the tenant with these roles, created by its admin; returns their access token. */
  async staff(tenant: SignedUpTenant, role: StaffRole): Promise<string> {
    const user = { email: `${role}-${randomBytes(4).toString('hex')}@${tenant.slug}.example.com`, name: '员工', roles: [role], password: `${role} password 1` };
    const created = await this.request('POST', '/api/v1/users', { token: tenant.accessToken, body: user });
    if (created.status !== 201) throw new Error(`creating a ${role} failed: ${created.status} ${JSON.stringify(created.body)}`);
    const login = await this.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password } });
    if (login.status !== 200) throw new Error(`${role} login failed: ${login.status} ${JSON.stringify(login.body)}`);
    return login.body.accessToken;
  }

  async close(): Promise<void> {
    await this.app.close();
  }
}

/**
 * The set-up of most HTTP test suites: before the describe block's tests the API is started and one
 * company signed up (handed to `use`), after them the API is closed.
 */
export function apiWithTenant(use: (started: { api: TestApi; tenant: SignedUpTenant }) => void, env: Record<string, string> = {}): void {
  let api: TestApi | undefined;
  beforeAll(async () => {
    api = await TestApi.start(env);
    use({ api, tenant: await api.signup() });
  });
  afterAll(async () => {
    await api?.close();
  });
}
