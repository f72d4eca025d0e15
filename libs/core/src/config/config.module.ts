import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, loadConfig } from './app-config';

/**
 * @nestjs/config loads an optional `.env` into the environment; the typed AppConfig built from
 * it is what the code injects, and building it refuses to start on any invalid setting. (Its own
 * `validate` hook is not used: it writes every default back into process.env at import time.)
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ envFilePath: ['.env'] })],
  providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
