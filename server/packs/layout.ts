/**
 * Where each part of a pack lives on disk, and so which file a pack-level path points into.
 */
import type { PackIssue, PackPath, PathIssue } from './issues.js';
import { formatPath } from './issues.js';
import type { Pack } from './schema.js';

export const PACK_FILE = 'pack.yaml';
export const INSTRUMENT_FILE = 'instrument.yaml';
export const RUBRIC_FILE = 'rubric.yaml';
export const CHANGELOG_FILE = 'changelog.yaml';
/** The pack's test cases (tests/*.yaml), run by `npm run pack -- test` and by `check`; never imported. */
export const TESTS_DIR = 'tests';
export const SCENARIOS_DIR = 'scenarios';
export const MICRO_TEACHES_DIR = 'micro-teaches';

/** The files the pack's scenarios and micro-teaches came from, in pack order. */
export type PackSources = { scenarioFiles: string[]; microTeachFiles: string[] };

/**
 * The file names serialisePackToDir writes. The numeric prefix keeps pack order, because the loader
 * reads scenarios and micro-teaches sorted by file name.
 */
export function sourcesFor(pack: Pack): PackSources {
  return {
    scenarioFiles: pack.scenarios.map((scenario, index, all) => `${SCENARIOS_DIR}/${ordinal(index, all.length)}-${scenario.id}.yaml`),
    microTeachFiles: pack.microTeaches.map((teach, index, all) => `${MICRO_TEACHES_DIR}/${ordinal(index, all.length)}-${teach.id}.md`),
  };
}

function ordinal(index: number, count: number): string {
  return String(index + 1).padStart(Math.max(2, String(count).length), '0');
}

export function fileForPath(path: PackPath, sources: PackSources): string {
  const [section, index] = path;
  switch (section) {
    case 'meta':
      return PACK_FILE;
    case 'instrument':
      return INSTRUMENT_FILE;
    case 'rubric':
      return RUBRIC_FILE;
    case 'changelog':
      return CHANGELOG_FILE;
    case 'scenarios':
      return (typeof index === 'number' && sources.scenarioFiles[index]) || `${SCENARIOS_DIR}/`;
    case 'microTeaches':
      return (typeof index === 'number' && sources.microTeachFiles[index]) || `${MICRO_TEACHES_DIR}/`;
    default:
      return '';
  }
}

export function locateIssues(found: readonly PathIssue[], sources: PackSources): PackIssue[] {
  return found.map(({ path, message }) => ({ file: fileForPath(path, sources), path: formatPath(path), message }));
}
