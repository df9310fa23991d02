/** Builds the real app on a fresh test database, for API tests through `app.inject`. */
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type App, type BuildOptions } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', NODE_ENV: 'test' }), ...overrides };
}

/** Registers hooks that give the file one app on its own database; read `.app` inside tests. */
export function useTestApp(
  overrides: Partial<Config> = {},
  /** The exercise clock's time, for tests that pause and move timed injects at chosen moments. */
  options: Pick<BuildOptions, 'clock'> = {},
): { readonly app: App; readonly database: TestDatabase } {
  let app: App | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp(testConfig({ ...overrides, database: database.config }), { database: database.handle, injectClock: false, ...options });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });
  return {
    get app() {
      if (!app) throw new Error('useTestApp: the app is only available inside tests');
      return app;
    },
    get database() {
      if (!database) throw new Error('useTestApp: the database is only available inside tests');
      return database;
    },
  };
}
