/**
 * What each kind of page downloads on first load, from the built client (run `npm run build` first):
 * follows index.html's module graph through Vite's manifest — the entry, its static imports and CSS,
 * then the route's page chunk (client/routes.ts) and its static imports, and Markdown's chunk for the
 * pages that show pack Markdown at once — and adds the bytes of the files as the server sends them (the build's .gz and .br, see vite.config.ts).
 *
 *   npm run size            prints a table
 *   npm run size -- --json  prints the figures as JSON
 */
import fs from 'node:fs';
import path from 'node:path';

interface Chunk {
  readonly file: string;
  readonly name?: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
  readonly css?: readonly string[];
}

const clientDir = path.resolve(import.meta.dirname, '..', 'dist', 'client');
const manifestFile = path.join(clientDir, '.vite', 'manifest.json');
if (!fs.existsSync(manifestFile)) {
  console.error('No built client with a manifest: run npm run build first.');
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, Chunk>;

function keyOf(test: (key: string, chunk: Chunk) => boolean, what: string): string {
  const found = Object.entries(manifest).find(([key, chunk]) => test(key, chunk));
  if (!found) throw new Error(`the manifest has no ${what}`);
  return found[0];
}

/** The files a chunk needs before it runs: itself, its static imports (transitively) and their CSS. */
function closure(keys: readonly string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

function bytes(files: Iterable<string>) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const full = path.join(clientDir, file);
    raw += fs.statSync(full).size;
    gzip += fs.statSync(`${full}.gz`).size;
    brotli += fs.statSync(`${full}.br`).size;
  }
  return { raw, gzip, brotli };
}

const entry = keyOf((_key, chunk) => chunk.isEntry === true && chunk.src === 'index.html', 'entry for index.html');
const markdown = keyOf((_key, chunk) => chunk.name === 'markdown', 'markdown chunk');
/** A route's page chunk (client/routes.ts loads each page's module when it first opens). */
const page = (module: string) => keyOf((key) => key === `pages/${module}.ts`, `chunk for pages/${module}.ts`);

const rows = [
  { page: 'home page (/)', files: closure([entry]) },
  { page: 'team: join (/join), a team\'s first page', files: closure([entry, page('team/rh-join-page')]) },
  { page: 'team: the exercise (/team), with its Markdown', files: closure([entry, page('team/rh-team-page'), markdown]) },
  { page: 'team: a form section (/team/form/:id)', files: closure([entry, page('team/rh-team-section-page')]) },
  { page: 'team: the feed (/team/feed), with its Markdown', files: closure([entry, page('team/rh-team-feed-page'), markdown]) },
  { page: 'staff: sign in (/sign-in)', files: closure([entry, page('staff/rh-sign-in-page')]) },
  { page: 'staff: runs (/runs)', files: closure([entry, page('staff/rh-runs-page')]) },
  { page: 'staff: console (/runs/:id/console)', files: closure([entry, page('staff/rh-run-console-page')]) },
  { page: 'staff: marking a team', files: closure([entry, page('staff/rh-team-marking-page')]) },
  { page: 'staff: debrief, with its Markdown', files: closure([entry, page('staff/rh-run-debrief-page'), markdown]) },
  { page: 'lead: create a run (/runs/new)', files: closure([entry, page('lead/rh-new-run-page')]) },
  { page: 'lead: after-action report', files: closure([entry, page('lead/rh-run-report-page')]) },
].map((row) => ({ page: row.page, chunks: row.files.size, ...bytes(row.files) }));

const kB = (value: number) => (value / 1000).toFixed(1);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log('First load, JS + CSS (index.html adds %s kB gzip):\n', kB(bytes(['index.html']).gzip));
  console.log('| page | chunks | raw kB | gzip kB | brotli kB |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.page} | ${row.chunks} | ${kB(row.raw)} | ${kB(row.gzip)} | ${kB(row.brotli)} |`);
}
