import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPackDir } from '../../server/packs/check.js';
import { loadPackFromDir, serialisePackToDir } from '../../server/packs/load.js';
import { copyOfValidMinimal, removePackCopy } from './broken-packs.js';

const CONTENT_PACKS = ['iioc-kirat', 'mappa-pdp'];
const packDir = (id: string) => join(import.meta.dirname, '../../fixtures/packs', id);

describe.each(CONTENT_PACKS)('the %s content pack', (id) => {
  it('passes every check', async () => {
    const result = await checkPackDir(packDir(id));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('survives being written out and loaded again', async () => {
    const loaded = await loadPackFromDir(packDir(id));
    if (!loaded.ok) throw new Error(`${id} does not load: ${JSON.stringify(loaded.issues)}`);
    const scratch = await copyOfValidMinimal();
    try {
      await serialisePackToDir(loaded.pack, `${scratch}-written`);
      const reloaded = await loadPackFromDir(`${scratch}-written`);
      expect(reloaded.ok && reloaded.pack).toEqual(loaded.pack);
    } finally {
      await removePackCopy(scratch);
    }
  });
});
