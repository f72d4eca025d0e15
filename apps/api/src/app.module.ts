import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AnalyticsModule } from '@assay/analytics';
import { AuditApiModule, AuditInterceptor, AuditModule } from '@assay/audit';
import { AttemptsModule } from '@assay/attempts';
import { BankModule } from '@assay/bank';
import { CatalogModule } from '@assay/catalog';
import { GradingModule } from '@assay/grading';
import {
  AppConfig,
  AppConfigModule,
  DatabaseModule,
  FailoverThrottlerStorage,
  HealthModule,
  IdempotencyInterceptor,
  JobsModule,
  LoggingModule,
  OffThreadModule,
  ProblemFilter,
  RedisModule,
  TenantContextInterceptor,
} from '@assay/core';
import { AuthGuard, IdentityModule } from '@assay/identity';
import { InvitationsApiModule } from '@assay/invitations';
import { ImportsModule } from '@assay/imports';
import { PapersModule } from '@assay/papers';
import { PrivacyModule } from '@assay/privacy';
import { WebhooksApiModule } from '@assay/webhooks';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    JobsModule,
    HealthModule,
    OffThreadModule,
    // Counters live in Redis so the limit holds across every API instance; in this process while
    // Redis is down (FailoverThrottlerStorage), so no request waits on Redis.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'auth', ttl: config.AUTH_RATE_WINDOW_SECONDS * 1000, limit: config.AUTH_RATE_LIMIT },
          { name: 'links', ttl: 60_000, limit: config.LINK_RATE_LIMIT },
        ],
        storage: new FailoverThrottlerStorage(config, `${config.REDIS_PREFIX}:throttle:`),
      }),
    }),
    AuditModule,
    AuditApiModule,
    IdentityModule,
    CatalogModule,
    BankModule,
    ImportsModule,
    PapersModule,
    InvitationsApiModule,
    AttemptsModule,
    AnalyticsModule,
    GradingModule,
    WebhooksApiModule,
    PrivacyModule,
  ],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantContextInterceptor },
    // After the tenant context: claims and stores keys inside the request's tenant.
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    // Inside the idempotency check, so a replayed answer (nothing ran) is not audited again.
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class AppModule {}
