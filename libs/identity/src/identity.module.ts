import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@assay/core';
import { AccessTokenService } from './access-token.service';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ApiKey } from './entities/api-key.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Tenant } from './entities/tenant.entity';
import { User } from './entities/user.entity';
import { LoginThrottle } from './login-throttle';
import { MaintenanceJobs } from './maintenance.jobs';
import { PasswordPolicy } from './password-policy';
import { SessionCheck } from './sessions';
import { ApiKeysController, TenantController, UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Tenant, User, RefreshToken, ApiKey]),
    // A KeyObject, not the string: jsonwebtoken otherwise tries to parse the string as a PEM key on
    // every verify first, which cost a quarter of the API's CPU per request (docs/performance.md).
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) }),
    }),
  ],
  controllers: [AuthController, UsersController, ApiKeysController, TenantController],
  providers: [AccessTokenService, AuthService, ApiKeysService, UsersService, AuthGuard, SessionCheck, LoginThrottle, PasswordPolicy, MaintenanceJobs],
  exports: [AuthGuard, AuthService, UsersService],
})
export class IdentityModule {}

/** The worker needs only the job handlers of this domain. */
@Module({ providers: [LoginThrottle, MaintenanceJobs] })
export class IdentityJobsModule {}
