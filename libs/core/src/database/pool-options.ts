import type { AppConfig } from '../config/app-config';

/** The node-postgres pool settings TypeORM's `extra` passes through, for the primary and the replica alike. */
export interface PoolOptions {
  max: number;
  min: number;
  idleTimeoutMillis: number;
  application_name: string;
}

export function poolOptions(config: Pick<AppConfig, 'DATABASE_POOL_SIZE' | 'DATABASE_POOL_MIN' | 'DATABASE_POOL_IDLE_MS'>, applicationName: string): PoolOptions {
  return {
    max: config.DATABASE_POOL_SIZE,
    // A pool smaller than the minimum keeps all of its connections, rather than refusing to start.
    min: Math.min(config.DATABASE_POOL_MIN, config.DATABASE_POOL_SIZE),
    idleTimeoutMillis: config.DATABASE_POOL_IDLE_MS,
    application_name: applicationName,
  };
}
