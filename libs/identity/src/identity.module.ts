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
import { MaintenanceJobs } from './maintenance.jobs';
import { ApiKeysController, TenantController, UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Tenant, User, RefreshToken, ApiKey]),
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET }) }),
  ],
  controllers: [AuthController, UsersController, ApiKeysController, TenantController],
  providers: [AccessTokenService, AuthService, ApiKeysService, UsersService, AuthGuard, MaintenanceJobs],
  exports: [AuthGuard, AuthService, UsersService],
})
export class IdentityModule {}

/** The worker needs only the job handlers of this domain. */
@Module({ providers: [MaintenanceJobs] })
export class IdentityJobsModule {}
