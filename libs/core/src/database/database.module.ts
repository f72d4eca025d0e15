import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { TenantTransaction } from './tenant-transaction';

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
        extra: { max: config.DATABASE_POOL_SIZE, application_name: 'assay' },
      }),
    }),
  ],
  providers: [TenantTransaction],
  exports: [TenantTransaction],
})
export class DatabaseModule {}
