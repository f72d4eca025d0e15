import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Global, Module } from '@nestjs/common';
import { Logger, PARAMS_PROVIDER_TOKEN, PinoLogger, type Params } from 'nestjs-pino';
import type { Options } from 'pino-http';
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
 * The options of every log line, the process's own and each request's (pino-http, registered as a
 * Fastify hook by registerRequestLogging): level, JSON or readable lines, the request's id, no
 * credentials, no link tokens.
 */
export function logOptions(config: AppConfig): Options {
  return {
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
  };
}

/**
 * Structured JSON logs (readable lines on a developer's terminal, see pretty-logs.ts); every line of
 * a request carries its id. Credentials never reach a log. nestjs-pino's Logger (Nest's logger) and
 * PinoLogger without its LoggerModule: that module logs requests through Nest middleware, which
 * needs @fastify/middie on every request; the API logs them in a Fastify hook instead
 * (request-logging.ts).
 */
@Global()
@Module({
  providers: [{ provide: PARAMS_PROVIDER_TOKEN, inject: [AppConfig], useFactory: (config: AppConfig): Params => ({ pinoHttp: logOptions(config) }) }, PinoLogger, Logger],
  exports: [PARAMS_PROVIDER_TOKEN, PinoLogger, Logger],
})
export class LoggingModule {}
