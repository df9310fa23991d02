import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const outDir = fileURLToPath(new URL('./dist/client', import.meta.url));
const compressible = /\.(?:js|css|html|svg|json|txt|map)$/;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a .br and a .gz beside every text file of the build, at the highest levels, once: the
 * server sends them as they are (@fastify/static `preCompressed`) instead of compressing each
 * response, which at these levels would cost more than the request.
 */
function preCompress(): Plugin {
  return {
    name: 'rehearse-pre-compress',
    apply: 'build',
    async closeBundle() {
      const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => compressible.test(file));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file);
          const content = fs.readFileSync(full);
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
            gzip(content, { level: 9 }),
          ]);
          fs.writeFileSync(`${full}.br`, br);
          fs.writeFileSync(`${full}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./client', import.meta.url)),
  plugins: [preCompress()],
  resolve: {
    // What markdown-it needs no package for in a browser: the browser decodes HTML character
    // references itself (client/markdown-entities.ts), and bare-URL linking is off (client/markdown.ts).
    alias: {
      entities: fileURLToPath(new URL('./client/markdown-entities.ts', import.meta.url)),
      'linkify-it': fileURLToPath(new URL('./client/markdown-linkify-off.ts', import.meta.url)),
    },
  },
  build: {
    outDir,
    emptyOutDir: true,
    // The server's Content-Security-Policy refuses inline script, inline style and data: scripts.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Which chunks each entry and route group needs, for npm run size (scripts/bundle-size.ts).
    manifest: true,
    rolldownOptions: {
      output: {
        // What nearly every page uses goes in two chunks rather than a dozen small ones: each file is
        // compressed on its own, so many small files cost more bytes (and requests) than a few.
        codeSplitting: {
          groups: [
            { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ },
            {
              name: 'page-core',
              test: /client[\\/](controllers[\\/](live-data-controller|load-task|page-title-controller)|styles[\\/][a-z-]+|loading|shadow-dom|format|run-states|components[\\/]rh-(page-layout|button|notification-banner))\.ts$/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
