import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeGracefullyOnSignals, ConfigError, loadConfig } from '@assay/core';
import { configureApi, createAdapter, drainHttp } from './api';
import { AppModule } from './app.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createAdapter(config), { bufferLogs: true });
  await configureApi(app);
  // Before listening: once the API answers, a stop is already graceful.
  closeGracefullyOnSignals(app, () => drainHttp(app));
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  // Config errors name the variable; print them plainly, without a stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
