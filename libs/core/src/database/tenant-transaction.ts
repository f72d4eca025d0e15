import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TenantContext } from './tenant-context';

/** The DataSource of reads that may lag the primary (DATABASE_REPLICA_URL); the primary when none is set. */
export const REPLICA_DATA_SOURCE = Symbol('REPLICA_DATA_SOURCE');

/**
 * Opens a transaction in which PostgreSQL row-level security sees exactly one tenant.
 * `app.tenant_id` is set with `is_local = true`, so it ends with the transaction and can never
 * leak to the next user of the pooled connection.
 */
@Injectable()
export class TenantTransaction {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPLICA_DATA_SOURCE) private readonly replica: DataSource,
  ) {}

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
    return inTenant(this.dataSource, tenantId, work);
  }

  /**
   * Like run(), for reads that may be seconds old (the analytics reports): on the read replica when
   * DATABASE_REPLICA_URL is set, on the primary otherwise. Never for a read that decides a write.
   */
  readReplica<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTenant(this.replica, this.currentTenantId(), work);
  }
}

/** A transaction of `dataSource` in which row-level security sees exactly `tenantId`. */
function inTenant<T>(dataSource: DataSource, tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    return work(manager);
  });
}
