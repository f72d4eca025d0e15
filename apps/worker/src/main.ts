import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { closeGracefullyOnSignals, ConfigError, loadConfig } from '@assay/core';
import { WorkerModule } from './worker.module';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

async function main(): Promise<void> {
  loadConfig();
  // createApplicationContext already initialises the modules (job schedules and workers start), so
  // a signal that arrives while it runs is held here and handled once the graceful close is in
  // place, instead of Node's default of ending the process at once.
  const held: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => held.push(signal);
  for (const signal of SIGNALS) process.on(signal, hold);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  closeGracefullyOnSignals(app);
  for (const signal of SIGNALS) process.off(signal, hold);
  for (const signal of held) process.emit(signal, signal);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
