import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The pages of the single-page web app (apps/web): the candidate's personal link (the path the
 * invitation emails carry, PUBLIC_URL/t/<token>) and the staff app. Everything else belongs to the API.
 */
export const WEB_APP_PATHS = ['/', '/t/:token', '/staff', '/staff/*'];

/** JSON answers: nothing may load, nothing may frame them. */
export const JSON_CSP = { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } };

/** The web app's pages: own scripts only; inline styles because Ant Design injects them at run time. */
export const WEB_APP_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
  },
};

/** The OpenAPI UI at /api/docs (swagger-ui): the page policy plus the inline scripts swagger-ui's page needs. */
export const API_DOCS_CSP = {
  useDefaults: false,
  directives: { ...WEB_APP_CSP.directives, scriptSrc: ["'self'", "'unsafe-inline'"] },
};

/**
 * Serves the built web app on the API's port (one process, one origin, no CORS): the hashed
 * assets cached forever, the page itself never (so a deploy reaches every candidate on reload).
 * Without a build the API still runs, and says so.
 */
export async function serveWebApp(fastify: FastifyInstance, webRoot: string): Promise<void> {
  const root = resolve(webRoot);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('WebApp').warn(`No web app build in ${root} (run npm run build): candidate links and staff pages answer 404.`);
    return;
  }
  const page = readFileSync(indexFile);
  await fastify.register(fastifyStatic, { root: join(root, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', decorateReply: false });
  const sendPage = (_request: unknown, reply: FastifyReply) =>
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  for (const url of WEB_APP_PATHS) fastify.get(url, { config: { contentSecurityPolicy: WEB_APP_CSP } }, sendPage);
}
