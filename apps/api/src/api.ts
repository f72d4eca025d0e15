import type { IncomingMessage, Server } from 'node:http';
import multipart from '@fastify/multipart';
import { type INestApplication, VersioningType } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AUTOSAVE_OPENAPI_PATHS } from '@assay/attempts';
import { AppConfig, createValidationPipe, requestIdOf } from '@assay/core';
import { serveWebApp } from './web-app';

/** Large enough for a 10,000-row spreadsheet or a long Word document. */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** The Fastify adapter: body limit from config, one request id shared by Fastify, logs and problems. */
export function createAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: (req: IncomingMessage) => {
      const id = requestIdOf(req);
      // pino-http reads the id from the raw request, so both log the same one.
      (req as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
}

/** Everything between "Nest built the app" and "ready to listen", shared by main.ts and the tests. */
export async function configureApi(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  configureRoutes(app);
  app.useGlobalPipes(createValidationPipe());
  // File uploads (paper documents, spreadsheets): one file per request, read by the handler.
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 20 } });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });

  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  await serveWebApp(app.getHttpAdapter().getInstance(), app.get(AppConfig).WEB_ROOT);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Every API route under /api/v1 (the web app owns the rest of the site, see web-app.ts). */
export function configureRoutes(app: INestApplication): void {
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}

/**
 * The OpenAPI document of every route, the plain-Fastify autosave included. Served at
 * /api/docs-json and turned into the web client's types by tools/web-client.ts.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Assay API')
      .setDescription(
        'Hiring assessments: tenants, staff, papers, invitations, attempts, grading, analytics. ' +
          'Authenticate with `Authorization: Bearer <access token or API key>`. Errors are application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  Object.assign(document.paths, AUTOSAVE_OPENAPI_PATHS);
  return document;
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
