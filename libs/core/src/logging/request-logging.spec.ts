import { Writable } from 'node:stream';
import fastify, { type FastifyInstance } from 'fastify';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { logOptions } from './logging.module';
import { registerRequestLogging } from './request-logging';

type Line = { level: number; msg: string; service?: string; context?: string; req?: { id: string; method: string; url: string }; res?: { statusCode: number } };

describe('request logs: a Fastify hook, one line per request, with its id and without secrets', () => {
  const lines: Line[] = [];
  const waiting: (() => void)[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Line));
      for (const wake of waiting.splice(0)) wake();
      done();
    },
  });
  /** The line is written when the response finishes: waits for it rather than assuming when. */
  const completed = async (id: string) => {
    while (!lines.some((line) => line.msg === 'request completed' && line.req?.id === id)) await new Promise<void>((wake) => waiting.push(wake));
  };
  const options = { ...logOptions({ LOG_LEVEL: 'info', NODE_ENV: 'production' } as AppConfig), stream };
  // Nest's logger as the API uses it (app.useLogger): inside a request it writes through the request's logger.
  const nestLogger = new Logger(new PinoLogger({ pinoHttp: options }), {});
  let app: FastifyInstance;

  beforeAll(async () => {
    app = fastify();
    registerRequestLogging(app, options, '/api');
    app.get('/api/v1/links/:token', async () => ({ ok: true }));
    app.post('/api/v1/things', async (request) => {
      nestLogger.log('Thing made', 'ThingsService');
      return request.body;
    });
    app.put('/api/v1/quiet', { config: { requestLog: false } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());
  beforeEach(() => lines.splice(0));

  it('logs the completed request with the caller\'s id, the route shape and no credential', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/links/secret-link-token?x=1',
      headers: { 'x-request-id': 'trace-1', authorization: 'Bearer secret-bearer', cookie: 'session=secret-cookie', 'x-api-key': 'secret-key' },
    });
    await completed('trace-1');
    expect(response.statusCode).toBe(200);
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'request completed', service: 'assay-api', req: { id: 'trace-1', method: 'GET', url: '/api/v1/links/[redacted]' }, res: expect.objectContaining({ statusCode: 200 }) }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('binds the request\'s logger for what the handler logs, after the body is parsed', async () => {
    await app.inject({ method: 'POST', url: '/api/v1/things', headers: { 'x-request-id': 'trace-2' }, payload: { name: 'x' } });
    await completed('trace-2');
    expect(lines.map((line) => [line.msg, line.req?.id])).toEqual([
      ['Thing made', 'trace-2'],
      ['request completed', 'trace-2'],
    ]);
    expect(lines[0].context).toBe('ThingsService');
  });

  it('writes nothing for a route configured with requestLog: false nor outside the prefix, and logs a request no route matches', async () => {
    const quiet = await app.inject({ method: 'PUT', url: '/api/v1/quiet', headers: { 'x-request-id': 'trace-3' } });
    expect(quiet.statusCode).toBe(200);
    await app.inject({ method: 'GET', url: '/t/secret-link-token', headers: { 'x-request-id': 'trace-5' } });
    await app.inject({ method: 'GET', url: '/apis', headers: { 'x-request-id': 'trace-6' } });
    // Lines come in order: once the next request's line is there, the quiet one's would be too.
    await app.inject({ method: 'GET', url: '/api/v1/nowhere', headers: { 'x-request-id': 'trace-4' } });
    await completed('trace-4');
    expect(lines).toEqual([expect.objectContaining({ msg: 'request completed', req: expect.objectContaining({ id: 'trace-4', url: '/api/v1/nowhere' }), res: expect.objectContaining({ statusCode: 404 }) })]);
  });
});
