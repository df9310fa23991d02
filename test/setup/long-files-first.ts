/**
 * Starts the files that take longest first. Vitest does this itself from the durations it caches in
 * node_modules/.vite, but a clean clone (CI) has no cache and falls back to the largest files first,
 * so the crash test, a small file that runs for over a minute, started last and ran alone at the end.
 * The list names only files far longer than the rest; after it, vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const longestFirst = ['test/db/crash-test.test.ts', 'test/api/fuzz.test.ts', 'test/cli/data-folder-lock.test.ts', 'test/api/scale-out.test.ts', 'test/cli/startup-errors.test.ts'];

export default class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = longestFirst.findIndex((name) => file.moduleId.endsWith(name));
      return index === -1 ? longestFirst.length : index;
    };
    return sorted.map((file, position) => ({ file, position })).sort((a, b) => rank(a.file) - rank(b.file) || a.position - b.position).map(({ file }) => file);
  }
}
