/** `npm run db:codegen`: migrate a throwaway embedded database and write server/db/types.ts. */
import { writeFile } from 'node:fs/promises';
import { generatedTypesFile, generateDatabaseTypes } from './codegen.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrator.js';

const handle = await openDatabase({ engine: 'embedded', dataDir: 'memory://' });
try {
  await migrateToLatest(handle.db);
  await writeFile(generatedTypesFile, await generateDatabaseTypes(handle.db));
  console.log(`Wrote ${generatedTypesFile}`);
} finally {
  await handle.close();
}
