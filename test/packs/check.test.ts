import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPackDir } from '../../server/packs/check.js';
import { loadPackFromDir, serialisePackToDir } from '../../server/packs/load.js';
import { brokenPacks, copyOfValidMinimal, removePackCopy, VALID_MINIMAL } from './broken-packs.js';

const copies: string[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map(removePackCopy));
});

async function packCopy(): Promise<string> {
  const dir = await copyOfValidMinimal();
  copies.push(dir);
  return dir;
}

describe('checkPackDir', () => {
  it('passes the minimal valid pack', async () => {
    const result = await checkPackDir(VALID_MINIMAL);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(brokenPacks)('refuses a pack with $name', async ({ edit, file, path, message }) => {
    const dir = await packCopy();
    await edit(dir);
    const result = await checkPackDir(dir);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toContainEqual({ file, path, message: expect.stringContaining(message) });
  });

  it('lists issues by file, then by path with indices in number order', async () => {
    const dir = await packCopy();
    for (const { name, edit } of brokenPacks) {
      if (['an unknown agency', 'an unknown objective in a criterion', 'a duplicate item id'].includes(name)) await edit(dir);
    }
    const result = await checkPackDir(dir);
    expect(result.ok ? [] : result.issues.map(({ file, path }) => `${file} ${path}`)).toEqual([
      'instrument.yaml instrument.sections[0].items[1].id',
      'rubric.yaml rubric.criteria[1].objective',
      'scenarios/alpha.yaml scenarios[0].injects[0].agency',
    ]);
  });
});

describe('serialisePackToDir', () => {
  it('writes a pack that loads back equal', async () => {
    const loaded = await loadPackFromDir(VALID_MINIMAL);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const dir = await packCopy();
    const target = `${dir}-written`;
    await serialisePackToDir(loaded.pack, target);
    const reloaded = await loadPackFromDir(target);
    expect(reloaded.ok && reloaded.pack).toEqual(loaded.pack);
  });

  it('keeps scenario order even when ids are not alphabetical', async () => {
    const loaded = await loadPackFromDir(VALID_MINIMAL);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const pack = { ...loaded.pack, scenarios: [...loaded.pack.scenarios].reverse() };
    const target = `${await packCopy()}-written`;
    await serialisePackToDir(pack, target);
    expect(await readdir(`${target}/scenarios`)).toEqual(['01-beta.yaml', '02-alpha.yaml']);
    const reloaded = await loadPackFromDir(target);
    expect(reloaded.ok && reloaded.pack.scenarios.map((scenario) => scenario.id)).toEqual(['beta', 'alpha']);
  });

  it('refuses to write into a folder that already holds files', async () => {
    const loaded = await loadPackFromDir(VALID_MINIMAL);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    await expect(serialisePackToDir(loaded.pack, await packCopy())).rejects.toThrow('is not empty');
  });
});
