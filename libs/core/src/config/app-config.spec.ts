import { ConfigError, loadConfig, SENSITIVE_SETTINGS } from './app-config';

describe('loadConfig', () => {
  it('works with no environment at all (local defaults)', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toContain('assay_app');
  });

  it('reads overrides and converts numbers', () => {
    const config = loadConfig({ PORT: '8080', REDIS_URL: 'redis://cache:6379', AUTH_RATE_LIMIT: '5' });
    expect(config).toMatchObject({ PORT: 8080, REDIS_URL: 'redis://cache:6379', AUTH_RATE_LIMIT: 5 });
  });

  it('names every wrong variable and why', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', JWT_SECRET: 'short', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT="eighty"/);
    expect(message).toMatch(/JWT_SECRET=.*longer than or equal to 32/);
    expect(message).toMatch(/LOG_LEVEL="loud"/);
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('marks secrets as sensitive', () => {
    expect(SENSITIVE_SETTINGS.has('JWT_SECRET')).toBe(true);
    expect(SENSITIVE_SETTINGS.has('PORT')).toBe(false);
  });
});
