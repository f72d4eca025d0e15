import { Logger, type INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/**
 * On SIGTERM or SIGINT: first `drain` (the API stops accepting requests and finishes those in
 * flight), then close the application (job workers finish their jobs, then the database pool and
 * Redis close), then exit 0. Nest's own shutdown hooks close the database before the HTTP server,
 * which broke requests in flight; this keeps the order right. Gives up after SHUTDOWN_TIMEOUT_MS
 * (25 s by default) with exit 1.
 */
export function closeGracefullyOnSignals(app: INestApplicationContext, drain: () => Promise<void> = async () => undefined): void {
  const logger = new Logger('Shutdown');
  const giveUpAfterMs = app.get(AppConfig).SHUTDOWN_TIMEOUT_MS;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log({ signal }, 'Shutting down');
    setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, giveUpAfterMs).unref();
    try {
      await drain();
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
