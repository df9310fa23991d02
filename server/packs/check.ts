/**
 * Everything a pack must pass before it is imported: the folder and its YAML, the schema, the
 * cross-references and the synthetic-content guard.
 */
import type { PackIssue } from './issues.js';
import { sortIssues } from './issues.js';
import { loadPackFromDir } from './load.js';
import type { Pack } from './schema.js';
import { guardSyntheticContent } from './synthetic-guard.js';
import { validatePack } from './validate.js';

export type PackCheck = { ok: true; pack: Pack } | { ok: false; issues: PackIssue[] };

export async function checkPackDir(dir: string): Promise<PackCheck> {
  const loaded = await loadPackFromDir(dir);
  if (!loaded.ok) return { ok: false, issues: sortIssues(loaded.issues) };
  const issues = [...validatePack(loaded.pack, loaded.sources), ...guardSyntheticContent(loaded.pack, loaded.sources)];
  return issues.length === 0 ? { ok: true, pack: loaded.pack } : { ok: false, issues: sortIssues(issues) };
}
