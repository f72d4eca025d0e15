import { AppConfig, ConfigError, loadConfig, SENSITIVE_SETTINGS } from './app-config';

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

  it('refuses a negative or non-numeric pool idle timeout and minimum', () => {
    expect(() => loadConfig({ DATABASE_POOL_IDLE_MS: '-1' })).toThrow(/DATABASE_POOL_IDLE_MS="-1"/);
    expect(() => loadConfig({ DATABASE_POOL_MIN: 'some' })).toThrow(/DATABASE_POOL_MIN="some"/);
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
    expect(message).toMatch(/JWT_SECRET \(value hidden\): .*longer than or equal to 32/);
    expect(message).not.toContain('short');
    expect(message).toMatch(/LOG_LEVEL="loud"/);
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('never prints the value of a sensitive setting, whatever is wrong with it', () => {
    expect(() => loadConfig({ DATABASE_URL: ['postgres://u:hunter2@db/x'] as unknown as string })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: ['postgres://u:hunter2@db/x'] as unknown as string });
    } catch (error) {
      expect((error as ConfigError).message).toMatch(/DATABASE_URL \(value hidden\): /);
      expect((error as ConfigError).message).not.toContain('hunter2');
    }
  });

  describe('in production', () => {
    const strong = { JWT_SECRET: 'x'.repeat(16) + 'Q3v9KfTzL0pWm2Rb', LINK_SECRET: 'y'.repeat(16) + 'N8sHc1JdYe4Gq7Ua' };

    it('refuses the published default secrets, naming each variable and not its value', () => {
      let error: unknown;
      try {
        loadConfig({ NODE_ENV: 'production' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const { problems, message } = error as ConfigError;
      expect(problems.map((p) => p.split(' ')[0])).toEqual(['JWT_SECRET', 'LINK_SECRET']);
      expect(message).toContain('cannot be used in production');
      expect(message).not.toContain(new AppConfig().JWT_SECRET);
      expect(message).not.toContain(new AppConfig().LINK_SECRET);
    });

    it.each([
      ['the .env.example placeholder', 'change-me-to-a-long-random-string-of-32-or-more-chars'],
      ['the compose default', 'local-compose-secret-change-me-0123456789abcdef'],
    ])('refuses %s', (_what, secret) => {
      expect(() => loadConfig({ NODE_ENV: 'production', ...strong, JWT_SECRET: secret })).toThrow(/JWT_SECRET \(value hidden\): a published default/);
    });

    it('refuses short secrets and one secret used twice', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', ...strong, LINK_SECRET: 'too-short' })).toThrow(/LINK_SECRET \(value hidden\): .*32/);
      expect(() => loadConfig({ NODE_ENV: 'production', ...strong, LINK_SECRET: strong.JWT_SECRET })).toThrow(/LINK_SECRET .*must differ/);
    });

    it('starts with secrets of its own', () => {
      expect(loadConfig({ NODE_ENV: 'production', ...strong }).JWT_SECRET).toBe(strong.JWT_SECRET);
    });
  });

  it('marks secrets as sensitive', () => {
    expect(SENSITIVE_SETTINGS.has('JWT_SECRET')).toBe(true);
    expect(SENSITIVE_SETTINGS.has('PORT')).toBe(false);
  });
});
