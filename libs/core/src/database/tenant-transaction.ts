import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TenantContext } from './tenant-context';

/**
 * Opens a transaction in which PostgreSQL row-level security sees exactly one tenant.
 * `app.tenant_id` is set with `is_local = true`, so it ends with the transaction and can never
 * leak to the next user of the pooled connection.
 */
@Injectable()
export class TenantTransaction {
  constructor(private readonly dataSource: DataSource) {}

  /** For requests: the tenant comes from the authenticated principal. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const principal = TenantContext.current();
    if (!principal) {
      // A missing tenant is a programming error, never "no filter": fail loudly.
      throw new Error('TenantTransaction.run called outside a tenant context');
    }
    return this.runAs(principal.tenantId, work);
  }

  /** The tenant of the current request or job; throws outside one, like run(). */
  currentTenantId(): string {
    const principal = TenantContext.current();
    if (!principal) throw new Error('No tenant context');
    return principal.tenantId;
  }

  /** For jobs and sign-up: the tenant id comes from the job payload or the new tenant. */
  runAs<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return work(manager);
    });
  }
}
