/**
 * Generates the TypeScript `DB` interface from a migrated schema with kysely-codegen, so database
 * types come from the migrations rather than from a hand-kept copy.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import { generate, PostgresDialect, type GenerateOptions } from 'kysely-codegen';

export const generatedTypesFile = path.resolve(import.meta.dirname, 'types.ts');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function generateDatabaseTypes(db: Kysely<any>): Promise<string> {
  return generate({
    // kysely-codegen is CommonJS and types its own copy of Kysely; the instance is the same shape.
    db: db.withoutPlugins() as unknown as GenerateOptions['db'],
    // Both engines are set to return date columns as strings (see database.ts).
    dialect: new PostgresDialect({ dateParser: 'string' }),
    camelCase: true,
    // Both engines return int8 as a number (see database.ts).
    typeMapping: { int8: 'number' },
    excludePattern: 'kysely_migration*',
    outFile: null,
  });
}
