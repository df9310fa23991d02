/**
 * Everything a pack must pass before it is imported: the folder and its YAML, the schema, the
 * cross-references, the synthetic-content guard, and the pack's own test cases (tests/*.yaml).
 */
import type { PackIssue } from './issues.js';
import { sortIssues } from './issues.js';
import { loadPackFromDir } from './load.js';
import { parsePackTests, runPackTests, type PackTestResult } from './pack-tests.js';
import type { Pack } from './schema.js';
import { guardSyntheticContent } from './synthetic-guard.js';
import { validatePack } from './validate.js';

export type PackCheck =
  | { ok: true; pack: Pack; tests: PackTestResult[] }
  | { ok: false; issues: PackIssue[]; tests: PackTestResult[] };

export async function checkPackDir(dir: string): Promise<PackCheck> {
  const loaded = await loadPackFromDir(dir);
  if (!loaded.ok) return { ok: false, issues: sortIssues(loaded.issues), tests: [] };
  const issues = [...validatePack(loaded.pack, loaded.sources), ...guardSyntheticContent(loaded.pack, loaded.sources)];
  // A pack that does not validate cannot be scored meaningfully, so its cases wait for a valid pack.
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues), tests: [] };

  const parsed = parsePackTests(loaded.testFiles);
  if (parsed.issues.length > 0) return { ok: false, issues: sortIssues(parsed.issues), tests: [] };
  const tests = runPackTests(loaded.pack, parsed.cases);
  const failures: PackIssue[] = tests
    .filter((result) => result.differences.length > 0)
    .map((result) => ({
      file: result.file,
      path: result.caseId,
      message: `test case fails: ${result.differences.map((difference) => `${difference.what}: expected ${difference.expected}, got ${difference.actual}`).join('; ')}`,
    }));
  return failures.length === 0 ? { ok: true, pack: loaded.pack, tests } : { ok: false, issues: failures, tests };
}
