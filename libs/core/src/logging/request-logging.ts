import type { FastifyInstance } from 'fastify';
import { Store, storage } from 'nestjs-pino/storage';
import { pinoHttp, type Options } from 'pino-http';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: no per-request logger nor "request completed" line for this route (the autosave). */
    requestLog?: boolean;
  }
}

/**
 * One pino-http logger per request under `prefix` (the API's, `/api`: the web app's pages and
 * files are not logged), as a Fastify `onRequest` hook: the "request completed" line, and the
 * request's child logger bound for everything logged while it runs (nestjs-pino's storage, read by
 * its Logger and PinoLogger), so every line of a request carries its id. A route with
 * `config: { requestLog: false }` is skipped: the autosave, the hottest path, where this logger
 * cost more than the rest of the API's own work (docs/performance.md, "Autosave"). It was Nest
 * middleware (nestjs-pino's LoggerModule, mounted on the global prefix) until issue 16: that made
 * @fastify/middie run on every request, the autosave's included, only to find it excluded.
 */
export function registerRequestLogging(fastify: FastifyInstance, options: Options, prefix: string): void {
  const logRequest = pinoHttp(options);
  const underPrefix = new RegExp(`^${prefix}(?:[/?]|$)`);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.requestLog === false || !underPrefix.test(request.url)) return done();
    logRequest(request.raw, reply.raw);
    storage.run(new Store(request.raw.log), done);
  });
}
