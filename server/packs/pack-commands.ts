/**
 * The pack author's commands behind `npm run pack -- <command> …` (server/packs/cli.ts runs them as a
 * process). They write through `io` and read the database settings from `io.env`, so they can also run
 * inside another process: the tests call them directly instead of starting one process per command.
 *   check <dir…>                       load and check pack folders, and run their test cases; exit 1 if any has an issue
 *   test <dir…>                        run the packs' test cases (tests/*.yaml), showing a diff for each failure
 *   import <dir> [--org <slug>]        check, then import into the configured database
 *   export <id>@<version> <dir> [--org <slug>]   write an imported version back out as a folder
 * Without --org a pack goes to (or comes from) the shared library every organisation can use.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findOrganisationBySlug } from '../accounts/queries.js';
import { ConfigError } from '../config.js';
import type { Database } from '../db/database.js';
import { withConfiguredDatabase } from '../db/configured-database.js';
import { StartupError } from '../startup-error.js';
import { checkPackDir } from './check.js';
import { importPack, PackVersionConflict } from './import.js';
import type { PackIssue } from './issues.js';
import { serialisePackToDir } from './load.js';
import { formatPackTestFailures, type PackTestResult } from './pack-tests.js';
import { findPackVersion } from './queries.js';

/** Where a command writes its lines (each without a trailing newline) and the environment it configures the database from. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** Runs one command line (`check a b`, `import dir --org x`) and returns the process exit code. */
export async function runPackCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands.get(name);
  try {
    return command ? await command(args, io) : usageError(io);
  } catch (error) {
    // Problems a person can fix (bad settings, no database, unknown organisation) are one line, not a trace.
    if (!(error instanceof ConfigError || error instanceof StartupError)) throw error;
    io.err(error.message);
    return 1;
  }
}

const USAGE = [
  'usage: npm run pack -- check <pack-dir> [<pack-dir> …]',
  '       npm run pack -- test <pack-dir> [<pack-dir> …]',
  '       npm run pack -- import <pack-dir> [--org <slug>]',
  '       npm run pack -- export <pack-id>@<version> <out-dir> [--org <slug>]',
].join('\n');

type Command = (args: string[], io: CommandIo) => Promise<number>;

const commands = new Map<string, Command>([
  ['check', checkCommand],
  ['test', testCommand],
  ['import', importCommand],
  ['export', exportCommand],
]);

async function checkCommand(dirs: string[], io: CommandIo): Promise<number> {
  if (dirs.length === 0) return usageError(io);
  let failed = false;
  for (const dir of dirs) {
    const result = await checkPackDir(dir);
    if (result.ok) {
      const cases = result.tests.length === 0 ? '' : `: ${result.tests.length} test ${result.tests.length === 1 ? 'case passes' : 'cases pass'}`;
      io.out(`OK ${result.pack.meta.id}@${result.pack.meta.version} (${dir})${cases}`);
    } else if (result.tests.length > 0) {
      failed = true;
      reportTestFailures(io, dir, result.tests);
    } else {
      failed = true;
      for (const issue of result.issues) io.err(formatIssue(dir, issue));
    }
  }
  return failed ? 1 : 0;
}

/** Runs the cases only, after the checks they need; a failure prints what was expected and what came out. */
async function testCommand(dirs: string[], io: CommandIo): Promise<number> {
  if (dirs.length === 0) return usageError(io);
  let failed = false;
  for (const dir of dirs) {
    const result = await checkPackDir(dir);
    if (result.tests.length === 0) {
      failed = true;
      if (result.ok) io.err(`${dir}: no test cases; add tests/*.yaml (see server/packs/pack-tests.ts)`);
      else for (const issue of result.issues) io.err(formatIssue(dir, issue));
      continue;
    }
    const failing = result.tests.filter((test) => test.differences.length > 0).length;
    if (failing > 0) {
      failed = true;
      reportTestFailures(io, dir, result.tests);
    } else {
      io.out(`PASS ${dir}: ${result.tests.length} test ${result.tests.length === 1 ? 'case' : 'cases'}`);
    }
  }
  return failed ? 1 : 0;
}

function reportTestFailures(io: CommandIo, dir: string, tests: readonly PackTestResult[]): void {
  for (const block of formatPackTestFailures(dir, tests)) io.err(block);
  const failing = tests.filter((test) => test.differences.length > 0).length;
  io.err(`${dir}: ${failing} of ${tests.length} test ${tests.length === 1 ? 'case' : 'cases'} failed`);
}

async function importCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = parseOrgOption(args);
  if (!parsed || parsed.positionals.length !== 1) return usageError(io);
  const dir = parsed.positionals[0]!;
  const checked = await checkPackDir(dir);
  if (!checked.ok) {
    for (const issue of checked.issues) io.err(formatIssue(dir, issue));
    return 1;
  }
  const { meta } = checked.pack;
  return withConfiguredDatabase(async (db) => {
    const organisationId = await resolveOrganisation(db, parsed.org);
    try {
      const outcome = await importPack(db, checked.pack, organisationId);
      io.out(
        outcome.status === 'imported'
          ? `Imported ${meta.id}@${meta.version} into ${parsed.org ?? 'the shared library'}.`
          : `${meta.id}@${meta.version} is already imported with the same content; nothing changed.`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof PackVersionConflict)) throw error;
      io.err(error.message);
      return 1;
    }
  }, { env: io.env });
}

async function exportCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = parseOrgOption(args);
  const reference = /^([a-z0-9][a-z0-9-]*)@(\d+\.\d+\.\d+)$/.exec(parsed?.positionals[0] ?? '');
  if (!parsed || !reference || parsed.positionals.length !== 2) return usageError(io);
  const [, packId = '', version = ''] = reference;
  const dir = parsed.positionals[1]!;
  return withConfiguredDatabase(async (db) => {
    const organisationId = await resolveOrganisation(db, parsed.org);
    const row = await findPackVersion(db, packId, version, organisationId);
    if (!row) {
      io.err(`No pack ${packId}@${version} has been imported${parsed.org ? ` for ${parsed.org}` : ''}.`);
      return 1;
    }
    try {
      await serialisePackToDir(row.content, dir);
    } catch (error) {
      // Writing the folder fails for reasons a person fixes: not empty, not writable.
      io.err(`Could not export to ${dir}: ${(error as Error).message}`);
      return 1;
    }
    io.out(`Exported ${packId}@${version} to ${dir}.`);
    return 0;
  }, { env: io.env });
}

function parseOrgOption(args: string[]): { positionals: string[]; org: string | undefined } | undefined {
  try {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { org: { type: 'string' } } });
    return { positionals, org: values.org };
  } catch {
    return undefined;
  }
}

async function resolveOrganisation(db: Database, slug: string | undefined): Promise<string | null> {
  if (slug === undefined) return null;
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw new StartupError(`There is no organisation "${slug}" (create one with npm run user -- create --org ${slug} --org-name …).`);
  return organisation.id;
}

function formatIssue(dir: string, { file, path, message }: PackIssue): string {
  const where = file === '' ? dir : join(dir, file);
  return path === '' ? `${where}: ${message}` : `${where}: ${path}: ${message}`;
}

function usageError(io: CommandIo): number {
  io.err(USAGE);
  return 2;
}
