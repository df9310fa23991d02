import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseForProcess, type TestDatabaseForProcess } from '../helpers/database.js';
import { runPackCli, spawnPackCli } from '../helpers/pack-cli.js';
import { brokenPacks, copyOfValidMinimal, removePackCopy, VALID_MINIMAL } from './broken-packs.js';

describe('npm run pack -- check', () => {
  let broken: string;
  beforeAll(async () => {
    broken = await copyOfValidMinimal();
    await brokenPacks.find((pack) => pack.name === 'an unknown agency')!.edit(broken);
  });
  afterAll(() => removePackCopy(broken));

  it('prints OK with the pack id and version for a valid pack', async () => {
    expect(await runPackCli(['check', VALID_MINIMAL])).toMatchObject({ code: 0, stdout: `OK valid-minimal@1.0.0 (${VALID_MINIMAL})\n` });
  });

  it('prints each issue as folder/file: path: message and exits 1', async () => {
    const result = await runPackCli(['check', VALID_MINIMAL, broken]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('OK valid-minimal@1.0.0');
    expect(result.stderr).toContain(`${broken}/scenarios/alpha.yaml: scenarios[0].injects[0].agency: unknown agency "lado"`);
  });

  it.each([[[]], [['check']], [['import']], [['export', 'not-a-reference', '/tmp/x']], [['publish', VALID_MINIMAL]]])('exits 2 with the usage line for %j', async (args) => {
    const result = await runPackCli(args);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run pack -- check <pack-dir>') });
  });

  // The same commands as a process, as `npm run pack` starts them: its exit code and its two streams.
  it('as a process, exits 1 with the OK line on stdout and the issue on stderr', async () => {
    const result = await spawnPackCli(['check', VALID_MINIMAL, broken]);
    expect(result).toMatchObject({ code: 1, stdout: `OK valid-minimal@1.0.0 (${VALID_MINIMAL})\n` });
    expect(result.stderr).toContain(`${broken}/scenarios/alpha.yaml: scenarios[0].injects[0].agency: unknown agency "lado"`);
    expect(result.stderr).not.toContain('OK valid-minimal');
  });

  it('as a process, exits 2 with the usage on stderr for an unknown command', async () => {
    expect(await spawnPackCli(['publish'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^usage: npm run pack -- check <pack-dir>/) });
  });
});

describe('npm run pack -- import and export', () => {
  let dataDir: string;
  let outDir: string;
  let database: TestDatabaseForProcess;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rehearse-pack-cli-'));
    outDir = join(dataDir, 'exported');
    database = await createTestDatabaseForProcess();
  });
  afterAll(async () => {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
  // The database the suite runs on, reached through the environment as a user's CLI reaches it.
  const cli = (...args: string[]) => runPackCli(args, database.env);

  it('imports a pack once, then says nothing changed, then exports it to a folder that checks clean', async () => {
    expect(await cli('import', VALID_MINIMAL)).toMatchObject({ code: 0, stdout: 'Imported valid-minimal@1.0.0 into the shared library.\n' });
    expect(await cli('import', VALID_MINIMAL)).toMatchObject({
      code: 0,
      stdout: 'valid-minimal@1.0.0 is already imported with the same content; nothing changed.\n',
    });
    expect(await cli('export', 'valid-minimal@1.0.0', outDir)).toMatchObject({ code: 0, stdout: `Exported valid-minimal@1.0.0 to ${outDir}.\n` });
    expect(await runPackCli(['check', outDir])).toMatchObject({ code: 0 });
    expect(await cli('import', outDir)).toMatchObject({ code: 0, stdout: expect.stringContaining('nothing changed') });
  });

  it('refuses changed content under a version already imported, and a pack with issues', async () => {
    const edited = await copyOfValidMinimal();
    try {
      const packFile = join(edited, 'pack.yaml');
      await writeFile(packFile, (await readFile(packFile, 'utf8')).replace(/^title: .*$/m, 'title: An edited title'));
      const conflict = await cli('import', edited);
      expect(conflict.code).toBe(1);
      expect(conflict.stderr).toContain('valid-minimal@1.0.0 is already imported with different content. Give the changed pack a new version');
      await brokenPacks.find((pack) => pack.name === 'an unknown agency')!.edit(edited);
      const broken = await cli('import', edited);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('unknown agency "lado"');
    } finally {
      await removePackCopy(edited);
    }
  });

  it('says which version is missing when exporting one that was never imported', async () => {
    expect(await cli('export', 'valid-minimal@9.9.9', join(dataDir, 'nowhere'))).toMatchObject({
      code: 1,
      stderr: 'No pack valid-minimal@9.9.9 has been imported.\n',
    });
  });
});
