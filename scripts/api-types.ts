/**
 * Generates the client's API types (client/api/schema.gen.ts) from the app's OpenAPI document with
 * openapi-typescript, so the client's calls are typed from the same zod schemas the routes declare.
 * `npm run api:types` writes the file; a test fails when the committed file has drifted.
 */
import path from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import type { App } from '../server/app.js';

const apiPrefix = '/api';

export const apiTypesFile = path.resolve(import.meta.dirname, '../client/api/schema.gen.ts');

export async function generateApiTypes(app: App): Promise<string> {
  await app.ready();
  // @fastify/swagger types its document loosely; it is an OpenAPI 3.0 document.
  const document = app.swagger() as OpenAPI3;
  // The client calls paths relative to /api ("/runs/{runId}"), as the session store's CSRF rule reads them.
  const paths = Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
    route.startsWith(`${apiPrefix}/`) ? [[route.slice(apiPrefix.length), item] as const] : [],
  );
  // defaultNonNullable off: a request field with a default may be left out; responses list every field they send as required.
  const nodes = await openapiTS({ ...document, paths: Object.fromEntries(paths) }, { silent: true, alphabetize: true, defaultNonNullable: false });
  const note = `// Paths are relative to ${apiPrefix}. Run \`npm run api:types\` after changing a route's schema.`;
  return `${COMMENT_HEADER}${note}\n\n${astToString(nodes)}`;
}
