import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { PRETTY_LOGS_TRANSPORT, wantsPrettyLogs } from './pretty-logs';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** A caller's X-Request-Id is kept when it is sane, so one id follows a request across services. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Paths may carry personal link tokens: log the route shape, never the secret (nor query strings). */
export function redactUrl(url: string): string {
  return url.replace(/\/(t|links)\/[^/?]+/g, '/$1/[redacted]').replace(/\?.*$/, '');
}

/**
 * Routes without pino-http's per-request logger (child logger, bindings, the completion line): the
 * autosave (`PUT /api/v1/attempts/:id/answers/:questionId`, libs/attempts/src/autosave.route.ts),
 * the hottest path, where that logger was ~5% of the API's CPU (docs/performance.md, "Autosave").
 * The request id is still Fastify's (set in createAdapter, sent back in `x-request-id`), and the
 * route logs its unhandled errors itself, with the request id. Nest prepends the global prefix to
 * the path, and the version only when it is given (`/api` + `/v1`).
 */
export const UNLOGGED_ROUTES = [{ path: 'attempts/:id/answers/:questionId', method: RequestMethod.PUT, version: '1' }];

/** Structured JSON logs (readable lines on a developer's terminal, see pretty-logs.ts); every line of a request carries its id. Credentials never reach a log. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // Named wildcard: the path-to-regexp of Nest 11 rejects a bare '*'.
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        exclude: UNLOGGED_ROUTES,
        pinoHttp: {
          level: config.LOG_LEVEL,
          transport: wantsPrettyLogs(config.NODE_ENV, Boolean(process.stdout.isTTY)) ? PRETTY_LOGS_TRANSPORT : undefined,
          genReqId: (req) => (req as IncomingMessage & { id?: string }).id ?? requestIdOf(req),
          customProps: () => ({ service: 'assay-api' }),
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
            censor: '[redacted]',
          },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
