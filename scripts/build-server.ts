/**
 * The server half of `npm run build`: compiles server/ and migrations/ to plain JavaScript in dist/
 * (one file per module, the same folders, so relative imports and the migrator's folder still hold),
 * for `npm run serve` to run with node instead of compiling TypeScript at every start. esbuild only
 * strips types; `npm run typecheck` checks them. Then makes the embedded database's template once per
 * PGlite release and set of migrations (server/db/embedded-template.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import type * as TemplateBuild from '../server/db/embedded-template-build.js';
import { projectRoot } from '../server/project-root.js';

const outdir = path.join(projectRoot, 'dist');
for (const folder of ['server', 'migrations']) fs.rmSync(path.join(outdir, folder), { recursive: true, force: true });

await build({
  absWorkingDir: projectRoot,
  entryPoints: ['server/**/*.ts', 'migrations/*.ts'],
  outbase: '.',
  outdir,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Stack traces in the log point at the TypeScript with node --enable-source-maps.
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(`Compiled the server to ${path.relative(projectRoot, outdir)}/server`);

// The compiled module, so the template is made by the compiled migrations it is named by.
const { writeEmbeddedTemplates } = (await import(pathToFileURL(path.join(outdir, 'server/db/embedded-template-build.js')).href)) as typeof TemplateBuild;
const templates = await writeEmbeddedTemplates();
for (const template of templates) console.log(`Embedded database template: ${path.relative(projectRoot, template)}`);
