import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticContentProblems } from '../../../server/packs/synthetic-guard.js';

const running = new Set<Worker>();
afterEach(async () => {
  for (const worker of running) await worker.terminate();
  running.clear();
});

/** The guard's findings, computed in a worker thread: a quadratic pattern then fails the test by its timeout. */
function checkInWorker(text: string): Promise<string[]> {
  const worker = new Worker(new URL('../../helpers/guard-worker.mjs', import.meta.url), { workerData: text });
  running.add(worker);
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const SIZE = 200 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

/**
 * Packs are untrusted input. Each case is a 200 KiB string shaped to make a backtracking pattern
 * retry from every position; a quadratic pattern takes minutes on these, a linear one milliseconds,
 * so a check that completes within vitest's default timeout proves the patterns linear (no timing
 * assertion: the test either finishes or times out). The check runs in a worker: run on the test's
 * own thread, a blocking pattern would hold up the timer that times it out.
 */
describe('the synthetic-content guard on 200 KiB of hostile text', () => {
  it.each([
    ['letters with no @ (the email pattern)', fill('a')],
    ['letters then one @', `${fill('a')}@example.org`],
    ['many @ with domains', fill('a@b.c')],
    ['digits and spaces (the phone pattern)', fill('0 ')],
    ['brackets and zeros', fill('(0')],
    ['a link with a long host', `http://${fill('a')}`],
    ['repeated link prefixes', fill('http://')],
    ['www and hyphens', `www.${fill('a-')}`],
    ['dotted numbers (IPv4)', fill('1.')],
    ['colons (IPv6)', fill(':')],
    ['hex and colons', fill('a:')],
    ['a data: URI with no slash', `data:${fill('a')}`],
    ['letters and digits (NI numbers)', fill('AB1 ')],
    ['Markdown emphasis', fill('*_')],
    ['Markdown links', fill('[a](')],
  ])('completes on %s', async (_case, text) => {
    expect(Array.isArray(await checkInWorker(text))).toBe(true);
  });

  it('still finds an address at the end of a long run', () => {
    expect(syntheticContentProblems(`${'x'.repeat(1000)} j.smith@police.uk`)).toEqual([
      '"j.smith@police.uk" is not on example.org, example.com or example.net: use an address such as j.smith@example.org',
    ]);
  });
});
