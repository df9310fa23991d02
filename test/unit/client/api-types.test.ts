import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiTypesFile, generateApiTypes } from '../../../scripts/api-types.js';
import { useTestApp } from '../../helpers/app.js';

const context = useTestApp();

describe("the client's API types", () => {
  it('are exactly what the OpenAPI document gives (run npm run api:types after changing a route)', async () => {
    const committed = await readFile(apiTypesFile, 'utf8');
    expect(await generateApiTypes(context.app), 'client/api/schema.gen.ts is out of date: run npm run api:types').toBe(committed);
  });
});
