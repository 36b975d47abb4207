import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: PGlite in ./data on 127.0.0.1:3000', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.uploadDir).toBe(`${config.dataDir}/uploads`);
    expect(parseConfig({ SCHOLA_DATA_DIR: '/srv/schola' }).uploadDir).toBe('/srv/schola/uploads');
    expect(parseConfig({ SCHOLA_UPLOAD_DIR: '/shared/uploads' }).uploadDir).toBe('/shared/uploads');
    expect(config.logLevel).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the variable and what is allowed for each wrong value', () => {
    let error: ConfigError | undefined;
    try {
      parseConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', SCHOLA_DEMO_SEED: 'maybe' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const byVariable = Object.fromEntries(error!.problems.map((p) => [p.variable, p.message]));
    expect(byVariable.PORT).toMatch(/whole number from 0 to 65535.*"abc"/);
    expect(byVariable.LOG_LEVEL).toMatch(/fatal, error, warn, info, debug, trace, silent/);
    expect(byVariable.DATABASE_URL).toMatch(/postgres:\/\//);
    expect(byVariable.SCHOLA_DEMO_SEED).toMatch(/true, false/);
    expect(error!.message).toMatch(/^Invalid configuration:\n {2}/);
  });

  it('rejects out-of-range numbers and requires a secret in production', () => {
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT: must be at most 65535/);
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SCHOLA_SECRET: is required/);
    expect(() => parseConfig({ SCHOLA_SECRET: 'short' })).toThrow(/SCHOLA_SECRET: must be at least 32/);
    expect(parseConfig({ NODE_ENV: 'production', SCHOLA_SECRET: 'x'.repeat(32) }).env).toBe('production');
  });

  it('treats empty variables as unset and accepts a postgres URL', () => {
    const config = parseConfig({ PORT: '', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/schola' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/schola');
  });

  it('reads the CORS allow-list: exact origins, comma-separated; none by default', () => {
    expect(parseConfig({}).corsOrigins).toEqual([]);
    expect(parseConfig({ SCHOLA_CORS_ORIGINS: 'https://app.example.org, http://localhost:5173,' }).corsOrigins).toEqual(
      ['https://app.example.org', 'http://localhost:5173'],
    );
    expect(() => parseConfig({ SCHOLA_CORS_ORIGINS: 'https://app.example.org/path' })).toThrow(
      /SCHOLA_CORS_ORIGINS: expected comma-separated origins/,
    );
    expect(() => parseConfig({ SCHOLA_CORS_ORIGINS: '*' })).toThrow(/SCHOLA_CORS_ORIGINS/);
  });
});
