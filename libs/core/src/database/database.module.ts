import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { poolOptions } from './pool-options';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { REPLICA_DATA_SOURCE, TenantTransaction } from './tenant-transaction';

/** Names the pools in pg_stat_activity (and lets a test see which one ran a query). */
export const APPLICATION_NAME = { primary: 'assay', replica: 'assay-replica' } as const;

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.DATABASE_URL,
        autoLoadEntities: true,
        // The schema comes from migrations only (migrations/), run as the table owner.
        synchronize: false,
        migrationsRun: false,
        namingStrategy: new SnakeNamingStrategy(),
        extra: poolOptions(config, APPLICATION_NAME.primary),
      }),
    }),
  ],
  providers: [
    TenantTransaction,
    {
      // The report reads' connection: the replica when DATABASE_REPLICA_URL names one, else the primary itself.
      provide: REPLICA_DATA_SOURCE,
      inject: [AppConfig, DataSource],
      useFactory: (config: AppConfig, primary: DataSource) =>
        config.DATABASE_REPLICA_URL === ''
          ? primary
          : new DataSource({
              type: 'postgres',
              url: config.DATABASE_REPLICA_URL,
              namingStrategy: new SnakeNamingStrategy(),
              extra: poolOptions(config, APPLICATION_NAME.replica),
            }).initialize(),
    },
  ],
  exports: [TenantTransaction],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly primary: DataSource,
    @Inject(REPLICA_DATA_SOURCE) private readonly replica: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    // The primary is closed by TypeOrmModule; a replica pool of our own is closed here.
    if (this.replica !== this.primary && this.replica.isInitialized) await this.replica.destroy();
  }
}
