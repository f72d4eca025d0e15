/**
 * What the bare baseline servers of bench/ share: listening on loopback, stopping cleanly, and
 * running as a child process configured by the benchmark through the environment.
 */
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';

export type StartBareServer = (databaseUrl: string, port: number, poolSize: number) => Promise<() => Promise<void>>;

/** Listens on 127.0.0.1 and answers the function that stops the server and its pool. */
export async function serveBare(app: FastifyInstance, pool: Pool, port: number): Promise<() => Promise<void>> {
  await app.listen({ port, host: '127.0.0.1' });
  return async () => {
    await app.close();
    await pool.end();
  };
}

/** Entry point of a bare server run as a child process: DATABASE_URL, PORT, DATABASE_POOL_SIZE. */
export function runBareServer(start: StartBareServer, defaults: { databaseUrl: string; port: number }): void {
  const databaseUrl = process.env.DATABASE_URL ?? defaults.databaseUrl;
  start(databaseUrl, Number(process.env.PORT ?? defaults.port), Number(process.env.DATABASE_POOL_SIZE ?? 20)).then(
    (stop) => {
      const shutdown = () => void stop().then(() => process.exit(0));
      process.on('SIGTERM', shutdown);
      process.on('SIGINT', shutdown);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
