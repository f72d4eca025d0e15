import { Global, Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';
import { AuditTrail } from './audit-trail';

/**
 * `AuditTrail` for every domain (global: the API and the worker import it once); in the worker,
 * where no staff request runs, `record` writes nothing.
 */
@Global()
@Module({
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}

/** The admins' API, mounted by the API; its AuditInterceptor is registered there as a global interceptor. */
@Module({
  controllers: [AuditLogController],
  providers: [AuditLogService],
})
export class AuditApiModule {}
