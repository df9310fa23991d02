/** Where database tests run; decided once by test/setup/global-database.ts and injected into each file. */
export type TestDatabaseTarget =
  | { kind: 'server'; adminUrl: string; description: string }
  | { kind: 'embedded'; description: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseTarget;
  }
}
