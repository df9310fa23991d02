import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-database.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser pages re-render after network round trips; on a busy two-core CI machine one second
    // is not always enough. Tests that promise a time (an inject within 2 s) pass their own timeout.
    expect: { poll: { timeout: 5_000 } },
  },
});
