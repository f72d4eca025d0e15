import { connect } from 'node:net';
import type { AppConfig } from '@assay/core';

/** A server `npm start` needs, where the settings say it is, and why it could not be reached. */
export interface MissingService {
  name: 'PostgreSQL' | 'Redis';
  /** The setting that names its address. */
  setting: 'DATABASE_ADMIN_URL' | 'REDIS_URL';
  address: string;
  reason: string;
}

/** How long one connection attempt may take: a host that drops packets answers nothing at all. */
const CONNECT_LIMIT_MS = 5_000;

/** Resolves with null when something accepts a TCP connection at `host:port`, else with the error's code. */
export function tcpReachable(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(CONNECT_LIMIT_MS, () => {
      socket.destroy();
      resolve('no answer');
    });
    socket.once('connect', () => {
      socket.end();
      resolve(null);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** PostgreSQL and Redis as the settings name them, each with the reason it cannot be reached; empty when both answer. */
export async function missingServices(config: Pick<AppConfig, 'DATABASE_ADMIN_URL' | 'REDIS_URL'>): Promise<MissingService[]> {
  const wanted = [
    { name: 'PostgreSQL', setting: 'DATABASE_ADMIN_URL', url: new URL(config.DATABASE_ADMIN_URL), defaultPort: 5432 },
    { name: 'Redis', setting: 'REDIS_URL', url: new URL(config.REDIS_URL), defaultPort: 6379 },
  ] as const;
  const checked = await Promise.all(
    wanted.map(async ({ name, setting, url, defaultPort }) => {
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const port = Number(url.port || defaultPort);
      const reason = await tcpReachable(host, port);
      return reason === null ? null : { name, setting, address: `${url.hostname}:${port}`, reason: reason === 'ECONNREFUSED' ? 'connection refused' : reason };
    }),
  );
  return checked.filter((service): service is MissingService => service !== null);
}

/** Where each server comes from: the Debian package and its start command, the service in docker-compose.yml. */
const HOW_TO_GET: Record<MissingService['name'], { debianPackage: string; debianStart: string; composeService: string }> = {
  PostgreSQL: { debianPackage: 'postgresql', debianStart: 'sudo service postgresql start', composeService: 'postgres' },
  Redis: { debianPackage: 'redis-server', debianStart: 'sudo service redis-server start', composeService: 'redis' },
};

/** What a newcomer reads instead of a bare ECONNREFUSED: what is missing, and the exact ways to get it. */
export function explainMissing(missing: MissingService[]): string {
  const ways = missing.map((service) => HOW_TO_GET[service.name]);
  return [
    `Assay needs ${missing.map((service) => service.name).join(' and ')}, and nothing answers where the settings point:`,
    ...missing.map((service) => `  ${service.name.padEnd(10)} ${service.address} (${service.setting}): ${service.reason}`),
    '',
    'Get them in one of these ways, then run `npm start` again:',
    `  - Debian/Ubuntu: sudo apt-get install ${ways.map((way) => way.debianPackage).join(' ')}`,
    ...ways.map((way) => `                   ${way.debianStart}`),
    `  - Docker: docker compose up -d ${ways.map((way) => way.composeService).join(' ')}`,
    // The container's superuser has a password (docker-compose.yml); a Debian install trusts local connections.
    ...(missing.some((service) => service.name === 'PostgreSQL')
      ? ['    then: export DATABASE_ADMIN_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres']
      : []),
    `  - Or point ${missing.map((service) => service.setting).join(' and ')} at servers you already run (see .env.example).`,
  ].join('\n');
}

/** Stops the process with the explanation when PostgreSQL or Redis cannot be reached. */
export async function requireServices(config: Pick<AppConfig, 'DATABASE_ADMIN_URL' | 'REDIS_URL'>): Promise<void> {
  const missing = await missingServices(config);
  if (missing.length === 0) return;
  console.error(explainMissing(missing));
  process.exit(1);
}
