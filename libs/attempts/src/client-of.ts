import type { FastifyRequest } from 'fastify';
import type { ClientInfo } from './attempts.service';

/** The client's address and user agent (at most 500 characters), recorded with what the candidate does. */
export function clientOf(request: FastifyRequest): ClientInfo {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null };
}
