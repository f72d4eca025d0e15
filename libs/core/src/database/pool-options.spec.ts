import { loadConfig } from '../config/app-config';
import { poolOptions } from './pool-options';

describe('poolOptions', () => {
  it('keeps idle connections a minute and two of them for good by default', () => {
    expect(poolOptions(loadConfig({}), 'assay')).toEqual({ max: 20, min: 2, idleTimeoutMillis: 60_000, application_name: 'assay' });
  });

  it('reads the idle timeout and the minimum from the environment', () => {
    const config = loadConfig({ DATABASE_POOL_SIZE: '8', DATABASE_POOL_MIN: '4', DATABASE_POOL_IDLE_MS: '0' });
    expect(poolOptions(config, 'assay-replica')).toEqual({ max: 8, min: 4, idleTimeoutMillis: 0, application_name: 'assay-replica' });
  });

  it('never keeps more connections than the pool may open', () => {
    expect(poolOptions(loadConfig({ DATABASE_POOL_SIZE: '1' }), 'assay').min).toBe(1);
  });
});
