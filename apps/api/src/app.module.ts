import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AttemptsModule } from '@assay/attempts';
import { BankModule } from '@assay/bank';
import { CatalogModule } from '@assay/catalog';
import { GradingModule } from '@assay/grading';
import {
  AppConfig,
  AppConfigModule,
  DatabaseModule,
  HealthModule,
  JobsModule,
  LoggingModule,
  ProblemFilter,
  RedisModule,
  redisOptions,
  TenantContextInterceptor,
} from '@assay/core';
import { AuthGuard, IdentityModule } from '@assay/identity';
import { InvitationsApiModule } from '@assay/invitations';
import { ImportsModule } from '@assay/imports';
import { PapersModule } from '@assay/papers';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    JobsModule,
    HealthModule,
    // Counters live in Redis so the limit holds across every API instance.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'auth', ttl: config.AUTH_RATE_WINDOW_SECONDS * 1000, limit: config.AUTH_RATE_LIMIT },
          { name: 'links', ttl: 60_000, limit: config.LINK_RATE_LIMIT },
        ],
        // Given options (not a client), the storage owns its connection and closes it on shutdown.
        storage: new ThrottlerStorageRedisService({ ...redisOptions(config.REDIS_URL), keyPrefix: `${config.REDIS_PREFIX}:throttle:` }),
      }),
    }),
    IdentityModule,
    CatalogModule,
    BankModule,
    ImportsModule,
    PapersModule,
    InvitationsApiModule,
    AttemptsModule,
    GradingModule,
  ],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantContextInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class AppModule {}
