import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoContent } from '../../server/demo/demo-organisation.js';
import { checkPackDir } from '../../server/packs/check.js';
import { importPack } from '../../server/packs/import.js';
import { loadPackFromDir, serialisePackToDir } from '../../server/packs/load.js';
import { findPackVersion } from '../../server/packs/queries.js';
import { importShippedPacksIntoEmptyDatabase, shippedPacksFolder } from '../../server/packs/shipped-packs.js';
import { useTestApp } from '../helpers/app.js';

const context = useTestApp();
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('the shipped packs and the demo', () => {
  it('imports every shipped pack into an empty database, and nothing the second time', async () => {
    const db = context.app.database.db;
    expect((await importShippedPacksIntoEmptyDatabase(db)).sort()).toEqual(['iioc-kirat@1.2.0', 'mappa-pdp@1.2.0']);
    expect(await importShippedPacksIntoEmptyDatabase(db)).toEqual([]);
  });

  it('exports an imported version to a folder that checks clean and imports back unchanged', async () => {
    const db = context.app.database.db;
    const original = await checkPackDir(path.join(shippedPacksFolder, 'iioc-kirat'));
    if (!original.ok) throw new Error('the shipped pack should pass its checks');
    await importPack(db, original.pack);
    const row = await findPackVersion(db, 'iioc-kirat', '1.2.0', null);
    const folder = await mkdtemp(path.join(os.tmpdir(), 'rehearse-export-'));
    scratch.push(folder);
    await serialisePackToDir(row!.content, path.join(folder, 'iioc-kirat'));

    const exported = await checkPackDir(path.join(folder, 'iioc-kirat'));
    expect(exported.ok).toBe(true);
    const reloaded = await loadPackFromDir(path.join(folder, 'iioc-kirat'));
    expect(reloaded.ok && reloaded.pack).toEqual(original.pack);
    expect(await importPack(db, exported.ok ? exported.pack : original.pack)).toMatchObject({ status: 'unchanged' });
  });

  it('creates a demo organisation, its people and an open demo run once', async () => {
    const db = context.app.database.db;
    await importShippedPacksIntoEmptyDatabase(db);
    const access = await createDemoContent(db, context.app.packs, new Date('2026-11-25T09:00:00Z'));
    expect(access?.accounts.map((account) => `${account.role} ${account.email}`)).toEqual([
      'lead lead@example.org',
      'assessor assessor.one@example.org',
      'assessor assessor.two@example.org',
    ]);
    expect(access?.accounts.every((account) => /^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/.test(account.oneTimePassword))).toBe(true);
    expect(access?.run).toMatchObject({ cohortLabel: 'Demo PPU 2026', joinCode: expect.stringMatching(/^[A-Z2-9]{6}$/) });
    expect(access?.run?.teams).toHaveLength(3);

    const lookup = await context.app.inject({ method: 'POST', url: '/api/join/lookup', payload: { joinCode: access!.run!.joinCode } });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json().teams.map((team: { name: string }) => team.name)).toEqual(['Team 1', 'Team 2', 'Team 3']);

    expect(await createDemoContent(db, context.app.packs)).toBeUndefined();
  });
});
