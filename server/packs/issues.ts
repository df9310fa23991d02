/**
 * The one shape every pack check reports: which file, where in the pack, and what to do about it.
 */

/** A location inside the pack as loaded, e.g. ['scenarios', 1, 'injects', 2, 'trigger', 'decision']. */
export type PackPath = ReadonlyArray<string | number>;

export type PackIssue = {
  /** Relative to the pack folder, e.g. "scenarios/family-home.yaml"; "" for the folder itself. */
  file: string;
  /** Pack-level path, e.g. "scenarios[1].injects[2].trigger.decision"; "" when the whole file is at fault. */
  path: string;
  message: string;
};

/** A finding over a parsed pack, before it is tied to the file it came from (see layout.ts). */
export type PathIssue = { path: PackPath; message: string };

export function formatPath(path: PackPath): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') formatted += `[${segment}]`;
    else formatted += formatted === '' ? segment : `.${segment}`;
  }
  return formatted;
}

const byNaturalOrder = new Intl.Collator('en', { numeric: true }).compare;

/** By file, then path with array indices compared as numbers, then message. */
export function sortIssues(issues: readonly PackIssue[]): PackIssue[] {
  return [...issues].sort(
    (a, b) => byNaturalOrder(a.file, b.file) || byNaturalOrder(a.path, b.path) || byNaturalOrder(a.message, b.message),
  );
}
