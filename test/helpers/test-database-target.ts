/** Where database tests run; decided once by test/setup/global-database.ts and injected into each file. */
export type TestDatabaseTarget =
  /** `templateDatabase` is migrated once per `vitest run`; each file gets `CREATE DATABASE … TEMPLATE` of it. */
  | { kind: 'server'; adminUrl: string; templateDatabase: string; description: string }
  /** `migratedDumpFile` is a PGlite data-folder dump, migrated once per `vitest run`; each file loads it. */
  | { kind: 'embedded'; migratedDumpFile: string; description: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTarget;
  }
}
