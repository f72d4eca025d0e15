import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

type ContentSecurityPolicy = Exclude<HelmetOptions['contentSecurityPolicy'], boolean | undefined>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's content security policy, in place of the default one (see registerSecurityHeaders). */
    contentSecurityPolicy?: ContentSecurityPolicy;
  }
}

/** What helmet does to a response, recorded once: headers set, headers removed. */
type HeaderWrite = { set: true; name: string; value: string | number | readonly string[] } | { set: false; name: string };

/**
 * Helmet's headers for one set of options, taken by running helmet's own middleware once on a
 * recording response. They depend on the options only (no nonce, no function directive), so the
 * same writes are then replayed on every response.
 */
export function helmetHeaderWrites(options: HelmetOptions): readonly HeaderWrite[] {
  const writes: HeaderWrite[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => writes.push({ set: true, name, value }),
    removeHeader: (name: string) => writes.push({ set: false, name }),
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return writes;
}

/**
 * Helmet's headers that only a document acts on (a page a browser renders and runs): the opener's
 * browsing context group, the origin-keyed agent cluster, DNS prefetching of its links, IE8's
 * "open" of a downloaded page, Flash and PDF cross-domain policy files, the legacy XSS auditor. An
 * API answer is JSON that no browser renders (`nosniff`, a CSP that allows nothing, no framing),
 * so it goes without them: ~200 bytes less on every answer, which the client reads and the server
 * writes on every autosave (docs/performance.md, issue 16). What an API answer keeps is the OWASP
 * REST Security Cheat Sheet's set: CSP, X-Content-Type-Options, X-Frame-Options, HSTS over HTTPS,
 * plus Referrer-Policy and Cross-Origin-Resource-Policy (no cross-origin no-cors reads of it).
 */
const DOCUMENT_ONLY: HelmetOptions = {
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/**
 * Helmet's safe-default headers on every response: a route whose config names its own content
 * security policy (`config: { contentSecurityPolicy }`) serves a document and gets every header
 * of `options` with that policy; every other route, the API's JSON, gets them without the
 * document-only ones. Replaces @fastify/helmet, which builds a new helmet middleware (options
 * merged, every CSP directive parsed again) in two hooks of every request, one of them async: ~5%
 * of the API's CPU per autosave, the hottest route (docs/performance.md, "Issue 16"). Here each
 * policy is turned into headers once, when its route is added, and one synchronous hook replays them.
 */
export function registerSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  // HelmetOptions forbids a header under two names (xXssProtection and its alias xssFilter): ours use none of the aliases.
  const defaults = helmetHeaderWrites({ ...options, ...DOCUMENT_ONLY } as HelmetOptions);
  fastify.addHook('onRoute', (route) => {
    const policy = route.config?.contentSecurityPolicy;
    if (policy) route.config = Object.assign(route.config ?? {}, { securityHeaders: helmetHeaderWrites({ ...options, contentSecurityPolicy: policy }) });
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const config = request.routeOptions.config as { securityHeaders?: readonly HeaderWrite[] };
    const writes = config.securityHeaders ?? defaults;
    for (const write of writes) {
      // Fastify's own header list, written by one writeHead: a header set on the raw response
      // would make Node validate and merge every header of the answer one by one (~3 % of the
      // API's CPU per autosave: docs/performance.md, issue 16).
      if (write.set) void reply.header(write.name, write.value);
      else void reply.removeHeader(write.name);
    }
    done();
  });
}
