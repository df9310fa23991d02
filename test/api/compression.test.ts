import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

// A built client of our own, so what is sent can be compared with the files the build would write.
const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearse-client-'));
const script = `export const page = ${JSON.stringify('a team page '.repeat(400))};\n`;
const indexHtml = `<!doctype html><html lang="en-GB"><title>Rehearse</title><script type="module" src="/assets/page-abc.js"></script><rh-app></rh-app>${' '.repeat(2000)}</html>`;
fs.mkdirSync(path.join(clientDir, 'assets'));
for (const [file, content] of [['index.html', indexHtml], ['assets/page-abc.js', script]] as const) {
  fs.writeFileSync(path.join(clientDir, file), content);
  fs.writeFileSync(path.join(clientDir, `${file}.br`), zlib.brotliCompressSync(content));
  fs.writeFileSync(path.join(clientDir, `${file}.gz`), zlib.gzipSync(content, { level: 9 }));
}

const context = useTestApp({ clientDir });
let run: TestRun;
let lead: SignedInStaff;
let baseUrl: string;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  run = await createTestRun(context.app, lead);
  baseUrl = await context.app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(() => fs.rmSync(clientDir, { recursive: true, force: true }));

describe('compression', () => {
  it('sends API JSON compressed with brotli to a client that accepts it, and it reads back the same', async () => {
    const plain = await context.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const response = await context.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toContain('accept-encoding');
    const body = zlib.brotliDecompressSync(response.rawPayload).toString('utf8');
    expect(JSON.parse(body)).toEqual(plain.json());
    expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
  });

  it('sends gzip to a client that accepts only gzip, and nothing compressed to one that accepts neither', async () => {
    const gzipped = await context.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gzipped.rawPayload).toString('utf8')).openapi).toMatch(/^3\./);
    const plain = await context.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json().openapi).toMatch(/^3\./);
  });

  it('compresses a signed-in caller’s API responses, and leaves a small one as it is', async () => {
    const url = '/api/packs/test-pack/versions/1.0.0';
    const response = await context.app.inject({ method: 'GET', url, headers: { ...lead.headers, 'accept-encoding': 'br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(response.rawPayload).toString('utf8'))).toEqual((await context.app.inject({ method: 'GET', url, headers: lead.headers })).json());
    // Under a kilobyte compression saves nothing a person could notice.
    const small = await context.app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('serves the build’s own .br and .gz files for scripts and the page, not a fresh compression', async () => {
    const brotli = await context.app.inject({ method: 'GET', url: '/assets/page-abc.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.rawPayload.equals(fs.readFileSync(path.join(clientDir, 'assets/page-abc.js.br')))).toBe(true);
    expect(brotli.headers['content-type']).toContain('javascript');
    expect(brotli.headers['cache-control']).toContain('immutable');

    const gzip = await context.app.inject({ method: 'GET', url: '/assets/page-abc.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload.equals(fs.readFileSync(path.join(clientDir, 'assets/page-abc.js.gz')))).toBe(true);

    const page = await context.app.inject({ method: 'GET', url: '/team/form', headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(page.rawPayload).toString('utf8')).toBe(indexHtml);
  });

  it('never compresses a live stream, so its first bytes arrive before anything else happens', async () => {
    const team = await joinAsTeam(context.app, run, 1);
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/api/team/events`, { headers: { ...team, 'accept-encoding': 'br, gzip' }, signal: controller.signal });
    try {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      expect(response.headers.get('content-encoding')).toBeNull();
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain('retry: 2000');
    } finally {
      controller.abort();
    }
  });
});
