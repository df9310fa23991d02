import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration from the environment', () => {
  it('uses embedded PostgreSQL in ./data on port 3000 when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toEqual({ engine: 'embedded', dataDir: expect.stringMatching(/\/data$/) });
    expect(config.loadDemoContent).toBe(true);
  });

  it('uses the PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://app:secret@db:5432/rehearse', DATABASE_POOL_SIZE: '4' });
    expect(config.database).toEqual({ engine: 'postgres', url: 'postgres://app:secret@db:5432/rehearse', poolSize: 4 });
  });

  it('starts in production against a server with nothing more than its URL: sessions need no secret', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://app:secret@db:5432/rehearse' });
    expect(config.production).toBe(true);
    expect(config.database.engine).toBe('postgres');
  });

  it('never echoes a bad DATABASE_URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://app:hunter2@db/rehearse' })).toThrow(/^DATABASE_URL must be a PostgreSQL URL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://app:hunter2@db/rehearse' })).not.toThrow(/hunter2/);
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.0.2.7', ['10.0.0.0/8', '192.0.2.7']],
    ['loopback,2001:db8::/32', ['loopback', '2001:db8::/32']],
  ])('reads TRUST_PROXY=%s as the proxies Fastify may trust', (value, trustProxy) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(trustProxy);
  });

  it('reads PUBLIC_ORIGIN as an origin', () => {
    expect(loadConfig({ PUBLIC_ORIGIN: 'https://rehearse.example.org/' }).publicOrigin).toBe('https://rehearse.example.org');
    expect(loadConfig({}).publicOrigin).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.engine).toBe('embedded');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number between 0 and 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be a whole number between 0 and 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/rehearse'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ DATABASE_POOL_SIZE: '0' }, 'DATABASE_POOL_SIZE must be a whole number from 1 to 100 (got "0")'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be false, the number of proxies in front of the app (e.g. 1), or their addresses or CIDR ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8) (got "maybe")'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY must be false, the number of proxies in front of the app (e.g. 1), or their addresses or CIDR ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8): "true" would let any client choose its own address (got "true")'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY must be false'],
    [{ TRUST_PROXY: '10.0.0.1,proxy.internal' }, 'TRUST_PROXY must be false'],
    [{ PUBLIC_ORIGIN: 'rehearse.example.org' }, 'PUBLIC_ORIGIN must be the scheme and host people use to reach the app, such as https://rehearse.example.org'],
    [{ PUBLIC_ORIGIN: 'https://rehearse.example.org/app' }, 'PUBLIC_ORIGIN must be the scheme and host'],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES must be a whole number of bytes from 1024 to 10485760 (got "10")'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be development, production or test (got "staging")'],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
