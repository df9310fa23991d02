import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenPacks, copyOfValidMinimal, removePackCopy, VALID_MINIMAL } from './broken-packs.js';

const ROOT = join(import.meta.dirname, '../..');

async function runPackCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', ['--import', 'tsx', 'server/packs/cli.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run pack -- check', () => {
  let broken: string;
  beforeAll(async () => {
    broken = await copyOfValidMinimal();
    await brokenPacks.find((pack) => pack.name === 'an unknown agency')!.edit(broken);
  });
  afterAll(() => removePackCopy(broken));

  it('prints OK with the pack id and version for a valid pack', async () => {
    expect(await runPackCli('check', VALID_MINIMAL)).toMatchObject({ code: 0, stdout: `OK valid-minimal@1.0.0 (${VALID_MINIMAL})\n` });
  });

  it('prints each issue as folder/file: path: message and exits 1', async () => {
    const result = await runPackCli('check', VALID_MINIMAL, broken);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('OK valid-minimal@1.0.0');
    expect(result.stderr).toContain(`${broken}/scenarios/alpha.yaml: scenarios[0].injects[0].agency: unknown agency "lado"`);
  });

  it.each([[[]], [['check']], [['import', VALID_MINIMAL]]])('exits 2 with the usage line for %j', async (args) => {
    const result = await runPackCli(...args);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run pack -- check <pack-dir>') });
  });
});
