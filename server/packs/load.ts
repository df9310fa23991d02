/**
 * A pack folder to a parsed Pack and back. Loading reports every problem as { file, path, message }
 * with paths at pack level (scenarios[1].injects[2] …), so authors can find the field in their file.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { PackIssue } from './issues.js';
import {
  CHANGELOG_FILE,
  INSTRUMENT_FILE,
  locateIssues,
  MICRO_TEACHES_DIR,
  PACK_FILE,
  RUBRIC_FILE,
  SCENARIOS_DIR,
  sourcesFor,
  TESTS_DIR,
  type PackSources,
} from './layout.js';
import { type PackFileText, readPackFolder } from './pack-folder.js';
import { parseFrontMatter, parseYaml } from './safe-yaml.js';
import { Pack } from './schema.js';

export type LoadedPack =
  | { ok: true; pack: Pack; sources: PackSources; testFiles: PackFileText[] }
  | { ok: false; issues: PackIssue[] };

const REQUIRED_FILES: Record<string, string> = {
  [PACK_FILE]: 'the metadata, learning objectives and agencies',
  [INSTRUMENT_FILE]: 'the practice instrument',
  [RUBRIC_FILE]: 'the marking criteria',
};

export async function loadPackFromDir(dir: string): Promise<LoadedPack> {
  const folder = await readPackFolder(dir);
  if (folder.issues.length > 0) return { ok: false, issues: folder.issues };

  const issues: PackIssue[] = [];
  const byName = new Map(folder.files.map((file) => [file.file, file]));
  for (const [file, holds] of Object.entries(REQUIRED_FILES)) {
    if (!byName.has(file)) issues.push({ file, path: '', message: `missing: every pack has ${file}, holding ${holds}` });
  }

  const parseFile = ({ file, text }: PackFileText): unknown => {
    const outcome = parseYaml(text);
    if (outcome.ok) return outcome.value;
    issues.push({ file, path: '', message: outcome.message });
    return undefined;
  };
  const inFolder = (folderName: string) => folder.files.filter(({ file }) => file.startsWith(`${folderName}/`));
  const scenarioFiles = inFolder(SCENARIOS_DIR);
  const microTeachFiles = inFolder(MICRO_TEACHES_DIR);

  const topLevel = (file: string) => {
    const found = byName.get(file);
    return found && parseFile(found);
  };
  const raw = {
    meta: topLevel(PACK_FILE),
    instrument: topLevel(INSTRUMENT_FILE),
    scenarios: scenarioFiles.map(parseFile),
    microTeaches: microTeachFiles.map((file) => parseMicroTeach(file, issues)),
    rubric: topLevel(RUBRIC_FILE),
    changelog: topLevel(CHANGELOG_FILE),
  };
  if (issues.length > 0) return { ok: false, issues };

  const sources = { scenarioFiles: scenarioFiles.map(({ file }) => file), microTeachFiles: microTeachFiles.map(({ file }) => file) };
  const parsed = Pack.safeParse(raw);
  if (!parsed.success) {
    const found = parsed.error.issues.map((issue) => ({
      path: issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol'),
      message: issue.message,
    }));
    return { ok: false, issues: locateIssues(found, sources) };
  }
  return { ok: true, pack: parsed.data, sources, testFiles: inFolder(TESTS_DIR) };
}

function parseMicroTeach({ file, text }: PackFileText, issues: PackIssue[]): unknown {
  const outcome = parseFrontMatter(text);
  if (!outcome.ok) {
    issues.push({ file, path: '', message: outcome.message });
    return undefined;
  }
  const { frontMatter, body } = outcome;
  if (frontMatter === null || typeof frontMatter !== 'object' || Array.isArray(frontMatter)) {
    issues.push({ file, path: '', message: 'the front matter must be a YAML mapping with id, title and summary' });
    return undefined;
  }
  if ('body' in frontMatter) {
    issues.push({ file, path: '', message: 'the front matter must not have a "body": the body is the Markdown after the second "---" line' });
    return undefined;
  }
  return { ...frontMatter, body };
}

/**
 * Writes the pack in the folder layout loadPackFromDir reads, into a folder that is new or empty, so
 * no stale scenario file can join the pack.
 */
export async function serialisePackToDir(pack: Pack, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty; write a pack into a new or empty folder`);

  const sources = sourcesFor(pack);
  await writeFile(join(dir, PACK_FILE), toYaml(pack.meta));
  await writeFile(join(dir, INSTRUMENT_FILE), toYaml(pack.instrument));
  await writeFile(join(dir, RUBRIC_FILE), toYaml(pack.rubric));
  if (pack.changelog) await writeFile(join(dir, CHANGELOG_FILE), toYaml(pack.changelog));
  await mkdir(join(dir, SCENARIOS_DIR));
  for (const [index, scenario] of pack.scenarios.entries()) {
    await writeFile(join(dir, sources.scenarioFiles[index]!), toYaml(scenario));
  }
  if (pack.microTeaches.length > 0) await mkdir(join(dir, MICRO_TEACHES_DIR));
  for (const [index, { body, ...frontMatter }] of pack.microTeaches.entries()) {
    await writeFile(join(dir, sources.microTeachFiles[index]!), `---\n${toYaml(frontMatter)}---\n\n${body}\n`);
  }
}

function toYaml(value: unknown): string {
  // Shared default objects would otherwise become anchors and aliases, which the loader caps.
  return stringify(value, { aliasDuplicateObjects: false, lineWidth: 100 });
}
