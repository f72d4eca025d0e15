import { AsyncLocalStorage } from 'node:async_hooks';
import type { StaffRole } from '@assay/contracts';

/** Who is acting, for the current request or job. Set once by the auth layer, read by the data layer. */
export interface Principal {
  tenantId: string;
  /** The staff member, or null when an API key acts for the tenant. */
  userId: string | null;
  apiKeyId: string | null;
  roles: readonly StaffRole[];
}

const storage = new AsyncLocalStorage<Principal>();

/** The one way a tenant reaches the query layer: request-scoped, carried by async context. */
export const TenantContext = {
  run<T>(principal: Principal, work: () => T): T {
    return storage.run(principal, work);
  },
  current(): Principal | undefined {
    return storage.getStore();
  },
};
