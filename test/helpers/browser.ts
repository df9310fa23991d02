/**
 * Browser test harness: the real app (built client, fresh database) listening on a free port, and
 * Debian's Chromium driven by playwright-core. Locally, without Chromium, browser suites say so and
 * skip; in CI (CI=true) a missing Chromium fails the run instead.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import type { Config } from '../../server/config.js';
import { testConfig } from './app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const chromiumPresent = existsSync(chromiumPath);
if (!chromiumPresent && process.env.CI) {
  throw new Error(`Chromium is required in CI but was not found at ${chromiumPath} (apt-get install chromium).`);
}

export interface BrowserContextForTests {
  readonly app: App;
  readonly baseUrl: string;
  readonly browser: Browser;
}

/** A describe block with the app listening and Chromium running; skipped, with a note, when Chromium is absent. */
export function describeInBrowser(
  name: string,
  body: (context: BrowserContextForTests) => void,
  overrides: Partial<Config> = {},
): void {
  if (!chromiumPresent) {
    console.warn(`Browser tests "${name}" skipped: Chromium not found at ${chromiumPath} (apt-get install chromium).`);
  }
  describe.skipIf(!chromiumPresent)(name, () => {
    let app: App | undefined;
    let database: TestDatabase | undefined;
    let browser: Browser | undefined;
    let contextsBefore = new Set<BrowserContext>();
    let baseUrl = '';
    beforeAll(async () => {
      database = await createTestDatabase();
      app = await buildApp(testConfig({ ...overrides, database: database.config }), { database: database.handle });
      baseUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('127.0.0.1', 'localhost');
      browser = await sharedBrowser.take();
      contextsBefore = new Set(browser.contexts());
    });
    afterAll(async () => {
      // What the block opened is closed with it; the browser itself may serve the next file.
      const opened = browser?.contexts().filter((context) => !contextsBefore.has(context)) ?? [];
      await Promise.all(opened.map((context) => context.close()));
      if (browser) sharedBrowser.release();
      await app?.close();
      await database?.drop();
    });
    body({
      get app() {
        return required(app, 'app');
      },
      get baseUrl() {
        return baseUrl;
      },
      get browser() {
        return required(browser, 'browser');
      },
    });
  });
}

/**
 * One Chromium per test worker, shared by the files that run in it one after another (vitest runs
 * them without isolation): starting Chromium costs about a CPU-second, and there are some thirty
 * browser blocks. Each block works in contexts of its own, which are closed with it. Once no block
 * uses the browser it closes after a short wait, unless the next file has taken it; playwright also
 * kills it if the worker exits first.
 */
const sharedBrowser = (() => {
  let launched: Promise<Browser> | undefined;
  let users = 0;
  let idle: NodeJS.Timeout | undefined;
  return {
    async take(): Promise<Browser> {
      clearTimeout(idle);
      users += 1;
      launched ??= chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
      const browser = await launched;
      if (!browser.isConnected()) {
        launched = chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
        return launched;
      }
      return browser;
    },
    release(): void {
      users -= 1;
      if (users > 0) return;
      idle = setTimeout(() => {
        const closing = launched;
        launched = undefined;
        void closing?.then((browser) => browser.close());
      }, 3_000);
      idle.unref();
    },
  };
})();

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`describeInBrowser: the ${what} is only available inside tests`);
  return value;
}

/**
 * Collects what would show a person something broke: console errors (CSP refusals and HTTP errors
 * appear there), uncaught page errors and requests that failed for a reason other than the page
 * cancelling them. Assert it is empty at the end of a test.
 */
export function watchForPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // Aborted by the page itself (a navigation or a closed event stream cancels what is in flight):
    // nothing failed that a person would notice. Server errors still show as console errors.
    if (reason === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.url()} ${reason}`);
  });
  return problems;
}

/**
 * The problems left once what a page expects and handles is set aside: Chromium logs every 4xx answer
 * to fetch as a console error, including those a page shows as a normal message (a refused join, a
 * conflict), so a test names the `statuses` it expects; `offline` also sets aside requests that fail
 * while the test has taken the network away.
 */
export function unexpectedProblems(problems: string[], statuses: number[] = [], offline = false): string[] {
  const expected = statuses.map((status) => `console: Failed to load resource: the server responded with a status of ${status} (${STATUS_CODES[status]})`);
  return problems.filter((problem) => !expected.includes(problem) && !(offline && /net::ERR_/.test(problem)));
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Runs axe-core (WCAG 2.x A/AA rules) on the page and fails on any serious or critical violation. */
export async function expectNoSeriousAccessibilityViolations(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`)).toEqual([]);
}

/** Signs `staff` in through the sign-in page, as a person would, and waits for their runs. */
export async function signInThroughPage(page: Page, baseUrl: string, staff: { readonly email: string; readonly password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(staff.email);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Runs');
}

/** Joins a run as one of its teams through the join page, as a team would; ends on the team's page. */
export async function joinThroughPage(page: Page, baseUrl: string, joinCode: string, teamName: string): Promise<void> {
  await page.goto(`${baseUrl}/join`);
  await expect.poll(() => page.locator('h1').textContent()).toBe('Join an exercise');
  await page.getByLabel('Join code').fill(joinCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toContain('Which team are you in?');
  await page.getByLabel(teamName).check();
  await page.getByRole('button', { name: 'Join the exercise' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/team');
}
