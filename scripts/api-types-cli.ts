/** `npm run api:types`: build the app on a throwaway embedded database and write client/api/schema.gen.ts. */
import { writeFile } from 'node:fs/promises';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { apiTypesFile, generateApiTypes } from './api-types.js';

const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' });
const app = await buildApp({ ...config, database: { engine: 'embedded', dataDir: 'memory://' } }, { injectClock: false });
try {
  await writeFile(apiTypesFile, await generateApiTypes(app));
  console.log(`Wrote ${apiTypesFile}`);
} finally {
  await app.close();
}
