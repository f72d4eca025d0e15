import type { IncomingMessage, Server } from 'node:http';
import multipart from '@fastify/multipart';
import { type INestApplication, Logger as NestLogger, VersioningType } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { Logger } from 'nestjs-pino';
import { AUTOSAVE_OPENAPI_PATHS, START_OPENAPI_MODELS, START_OPENAPI_PATHS } from '@assay/attempts';
import { annotateAccess } from './access-annotations';
import {
  AppConfig,
  assertJsonDepth,
  assertWellFormedText,
  createValidationPipe,
  logOptions,
  mayHoldLoneSurrogate,
  registerRequestLogging,
  requestIdOf,
  sendProblem,
} from '@assay/core';
import { registerSecurityHeaders } from './security-headers';
import { API_DOCS_CSP, JSON_CSP, serveWebApp } from './web-app';

const API_PREFIX = 'api';

/** Logs a 5xx among the errors Fastify's router raises before any route (sendProblem), like every other route's. */
const frameworkErrorLogger = new NestLogger('FastifyAdapter');

/** Large enough for a 10,000-row spreadsheet or a long Word document. */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * The Fastify adapter: body limit from config, one request id shared by Fastify, logs and problems,
 * and the one JSON body parser of every route (Nest controllers and the plain-Fastify autosave and start).
 */
export function createAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    // No Nest middleware in this app (requests are logged in a Fastify hook, registerRequestLogging),
    // so no @fastify/middie and its hook on every request; a Nest middleware added later fails at init.
    skipMiddie: true,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustedProxies(config.TRUST_PROXY),
    genReqId: (req: IncomingMessage) => {
      const id = requestIdOf(req);
      // pino-http reads the id from the raw request, so both log the same one.
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
    // Errors Fastify's router raises before any route runs (a path parameter over 100 characters,
    // a malformed URL) get the same problem document as every other error, not Fastify's own body.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      // No hook runs before these errors, so the request id header is set here.
      void reply.header('x-request-id', request.id);
      sendProblem(request, reply, error, frameworkErrorLogger);
    },
  });
  // Every response names its request id. Set in the adapter's own first onRequest hook (a no-op
  // unless given a function; Nest never sets it) rather than in an onSend hook: no onSend hook
  // means Fastify skips the onSend runner on every response. First, so a request that Nest's later
  // hook sends to the not-found handler, which runs no onRequest hook, has it too. On Fastify's
  // reply, not the raw response: see registerSecurityHeaders.
  adapter.setOnRequestHook((request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  useSafeJsonParser(adapter);
  return adapter;
}

/** Fastify's trustProxy from TRUST_PROXY: a hop count, a list of addresses, or nothing trusted. */
export function trustedProxies(setting: string): number | string | false {
  if (setting === '') return false;
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}

/**
 * Replaces the JSON parser (Nest's and Fastify's) with one that refuses deep nesting before
 * parsing and lone surrogates after it (libs/core/src/http/safe-json.ts; the parsed value is walked
 * only when the text holds a surrogate escape), keeping Fastify's prototype-poisoning checks.
 * `useBodyParser` also stops Nest from registering its own parsers at init, so URL-encoded forms are
 * not accepted: the API speaks JSON and multipart only.
 */
function useSafeJsonParser(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  adapter.useBodyParser('application/json', false, undefined, (request, body, done) => {
    try {
      const text = body.toString('utf8');
      assertJsonDepth(text);
      parseJson(request, text, (error, value) => {
        if (error) return done(error);
        try {
          if (mayHoldLoneSurrogate(text)) assertWellFormedText(value);
          done(null, value);
        } catch (invalid) {
          done(invalid as Error);
        }
      });
    } catch (error) {
      done(error as Error);
    }
  });
}

/** Everything between "Nest built the app" and "ready to listen", shared by main.ts and the tests. */
export async function configureApi(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  configureRoutes(app);
  app.useGlobalPipes(createValidationPipe());
  // File uploads (paper documents, spreadsheets): one file per request, read by the handler.
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 20 } });
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLogging(fastify, logOptions(app.get(AppConfig)), `/${API_PREFIX}`);
  // The OpenAPI UI (registered by SwaggerModule without route options) runs an inline initialiser.
  // Before registerSecurityHeaders, whose own onRoute hook reads the policy.
  fastify.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs') && route.url !== '/api/docs-json') route.config = Object.assign(route.config ?? {}, { contentSecurityPolicy: API_DOCS_CSP });
  });
  registerSecurityHeaders(fastify, {
    contentSecurityPolicy: JSON_CSP,
    frameguard: { action: 'deny' },
    // Candidates' links carry their token: no page may leak it to another site.
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: app.get(AppConfig).PUBLIC_URL.startsWith('https://') ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  await serveWebApp(app.getHttpAdapter().getInstance(), app.get(AppConfig).WEB_ROOT);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Every API route under /api/v1 (the web app owns the rest of the site, see web-app.ts). */
export function configureRoutes(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}

/**
 * The OpenAPI document of every route, the plain-Fastify autosave and start included. Served at
 * /api/docs-json and turned into the web client's types by tools/web-client.ts.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Assay API')
      .setDescription(
        'Hiring assessments: tenants, staff, papers, invitations, attempts, grading, analytics. ' +
          'Authenticate with `Authorization: Bearer <access token or API key>`. Errors are application/problem+json (schema `Problem`). ' +
          'See docs/api.md for generating a client.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`, extraModels: START_OPENAPI_MODELS },
  );
  annotateAccess(app, document);
  documentIdempotencyKey(document);
  Object.assign(document.paths, AUTOSAVE_OPENAPI_PATHS, START_OPENAPI_PATHS);
  return document;
}

/** The `Idempotency-Key` header (IdempotencyInterceptor) on every POST a company makes (not the public ones). */
function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const methods of Object.values(document.paths)) {
    const post = methods.post as (OperationObject & { 'x-public'?: boolean }) | undefined;
    if (!post || post['x-public']) continue;
    post.parameters = [
      ...(post.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
        description:
          'Send the same key with every retry of one operation: the first answer is replayed (`Idempotent-Replayed: true`) and nothing is created twice. ' +
          '422 `idempotency.key_reused` for another body or route, 409 `idempotency.in_progress` while the first still runs (docs/integrations.md).',
      },
    ];
  }
}

/**
 * Stops accepting requests and waits for those in flight. Connections kept alive by clients
 * would hold the close for Fastify's 72 s keep-alive; each one is closed as soon as it goes idle.
 */
export async function drainHttp(app: NestFastifyApplication): Promise<void> {
  const server = app.getHttpServer() as Server;
  const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
  try {
    await app.getHttpAdapter().getInstance().close();
  } finally {
    clearInterval(closeIdle);
  }
}
