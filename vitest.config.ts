import { defineConfig } from 'vitest/config';
import LongFilesFirst from './test/setup/long-files-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-database.ts'],
    sequence: { sequencer: LongFilesFirst },
    // Most of a test's time is spent waiting on PostgreSQL, Chromium or a child process, so three
    // workers keep two cores busy (vitest's default here is one: cores - 1). Files share a worker's
    // modules instead of importing fastify, kysely and zod again for each file; every file still has
    // its own app and database (test/helpers), and nothing in server/ keeps state at module level.
    // Measured in the README ("Test it").
    maxWorkers: 3,
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser pages re-render after network round trips; on a busy two-core CI machine one second
    // is not always enough. Tests that promise a time (an inject within 2 s) pass their own timeout.
    expect: { poll: { timeout: 5_000 } },
  },
});
