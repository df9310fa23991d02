/**
 * The EXERCISE marking and the room, in Chromium with the shipped IIOC pack: a team reads the pack's
 * content note once before its referral; every team and staff screen shows "EXERCISE — fictional"
 * once, to screen readers too; and every printed sheet of the referral and profiles, the team's
 * results, the group debrief and the after-action report carries the marking at its head and foot
 * with "Page N of M" (checked page by page with pdftotext). axe-core checks the screens.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../server/app.js';
import { checkPackDir } from '../../server/packs/check.js';
import { importPack } from '../../server/packs/import.js';
import type { Pack } from '../../server/packs/schema.js';
import { shippedPacksFolder } from '../../server/packs/shipped-packs.js';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, signInThroughPage, watchForPageProblems } from '../helpers/browser.js';
import type { TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const execFileAsync = promisify(execFile);
const heading = (page: Page) => page.locator('h1').textContent();
const marking = 'EXERCISE — fictional';

async function inject(app: App, method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) {
  const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return response;
}

/** The marking is shown exactly once on the screen, and is in the accessibility tree (the banner). */
async function expectMarkedOnce(page: Page): Promise<void> {
  await expect.poll(() => page.getByText(marking).filter({ visible: true }).count()).toBe(1);
  expect(await page.getByRole('banner').ariaSnapshot()).toContain(marking);
}

/** Prints the page to PDF and checks every sheet for the marking at head and foot and its "Page N of M". */
async function expectEverySheetMarked(page: Page, folder: string, name: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdfPath = join(folder, `${name}.pdf`);
  await page.pdf({ path: pdfPath, format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const { stdout: info } = await execFileAsync('/usr/bin/pdfinfo', [pdfPath]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  expect(pages, `${name}: page count`).toBeGreaterThan(0);
  let text = '';
  for (let number = 1; number <= pages; number++) {
    const { stdout: sheet } = await execFileAsync('/usr/bin/pdftotext', ['-layout', '-f', String(number), '-l', String(number), pdfPath, '-']);
    const lines = sheet.split('\n').filter((line) => line.trim() !== '');
    // The head of the sheet is its first line, the foot its last: both marked, the foot numbered.
    expect(lines[0]?.trim(), `${name} page ${number}: head`).toBe(marking);
    expect(lines.at(-1), `${name} page ${number}: foot`).toContain(`${marking}: training material, not a real case`);
    expect(lines.at(-1), `${name} page ${number}: foot`).toContain(`Page ${number} of ${pages}`);
    text += sheet;
  }
  // One space for every run of spaces and line breaks: a heading may wrap on paper.
  return text.replace(/\s+/g, ' ');
}

describeInBrowser('the EXERCISE marking, the content note and the reveal note in Chromium', (context) => {
  let pack: Pack;
  let lead: SignedInStaff;
  let run: TestRun;
  let folder: string;

  beforeAll(async () => {
    const checked = await checkPackDir(join(shippedPacksFolder, 'iioc-kirat'));
    if (!checked.ok) throw new Error(`the shipped IIOC pack does not check: ${JSON.stringify(checked.issues[0])}`);
    pack = checked.pack;
    await importPack(context.app.database.db, pack);
    lead = await signedInStaff(context.app, 'lead');
    run = (
      await inject(context.app, 'POST', '/api/runs', lead.headers, {
        packId: pack.meta.id,
        version: pack.meta.version,
        cohortLabel: 'Northmoor PPU Cohort 8',
        exerciseDate: '2026-12-01',
        teams: [{ name: 'Team 1', scenarioId: 'swimming-teacher' }],
      })
    ).json() as TestRun;
    for (const to of ['open', 'live']) await inject(context.app, 'POST', `/api/runs/${run.id}/transitions`, lead.headers, { to });
    folder = await mkdtemp(join(tmpdir(), 'rehearse-marking-'));
  });

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('a team reads the content note once on its device, then its referral; every screen and printed sheet is marked', async () => {
    const page = await (await context.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const problems = watchForPageProblems(page);
    await page.goto(`${context.baseUrl}/join`);
    await page.getByLabel('Join code').fill(run.joinCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Team 1').check();
    await page.getByRole('button', { name: 'Join the exercise' }).click();

    // Before the referral: what the exercise contains and who to talk to, and nothing of the scenario.
    await expect.poll(() => heading(page)).toContain('Before you start');
    await expect.poll(() => page.getByText('This exercise deals with the sexual abuse of children.').count()).toBe(1);
    await expect.poll(() => page.getByText('Oscar Kilo, the National Police Wellbeing Service', { exact: false }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'The referral' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Your exercise' }).count()).toBe(0);
    expect(await page.title()).not.toContain('swimming');
    await expectMarkedOnce(page);
    await expectNoSeriousAccessibilityViolations(page);
    // Another page of the exercise waits for the note too.
    await page.goto(`${context.baseUrl}/team/decisions`);
    await expect.poll(() => heading(page)).toContain('Before you start');

    // Read with the keyboard: the team lands on the heading of the page it asked for.
    await page.getByRole('button', { name: 'I have read this: continue to the exercise' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page)).toContain('Decision log');
    await expect.poll(() => page.locator('h1:focus').count()).toBe(1);

    // Once on this device: the referral follows straight away from now on.
    await page.goto(`${context.baseUrl}/team`);
    await expect.poll(() => heading(page)).toContain('The swimming teacher');
    await expect.poll(() => page.getByRole('heading', { name: 'The referral' }).count()).toBe(1);
    await expectMarkedOnce(page);
    await expectNoSeriousAccessibilityViolations(page);
    // Who to talk to stays one click away on the referral page.
    await expect.poll(() => page.getByText('What this exercise contains, and who to talk to').count()).toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    await expectMarkedOnce(page);
    // On a phone the referral and profile tables fit the screen (wide tables scroll inside their own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Printed: the referral and the analyst's profile, every sheet marked and numbered, and the
    // profile itself marked as fictional so a sheet of it alone cannot pass for a real record.
    const printed = await expectEverySheetMarked(page, folder, 'referral-and-profile');
    expect(printed).toContain('The referral');
    expect(printed).toContain('EXERCISE — fictional profile');

    for (const path of ['/team/feed', '/team/form', '/team/decisions/new', '/team/agencies', '/team/check']) {
      await page.goto(`${context.baseUrl}${path}`);
      await expect.poll(() => page.getByRole('navigation', { name: 'Your exercise' }).count(), { message: path }).toBe(1);
      await expectMarkedOnce(page);
    }
    await expectNoSeriousAccessibilityViolations(page);
    expect(problems).toEqual([]);
  });

  it("staff screens are marked, the debrief tells the room what the exercise was based on, and the team's results, the debrief and the report print marked", async () => {
    const teamPage = await (await context.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const teamProblems = watchForPageProblems(teamPage);
    await teamPage.goto(`${context.baseUrl}/join`);
    // Team 1's own code: its first device joined with the run's code.
    await teamPage.getByLabel('Join code').fill(run.teams.find((team) => team.name === 'Team 1')!.joinCode);
    await teamPage.getByRole('button', { name: 'Continue' }).click();
    await teamPage.getByLabel('Team 1').check();
    await teamPage.getByRole('button', { name: 'Join the exercise' }).click();
    // A new device asks again (before the run closes, while teams can still join).
    await expect.poll(() => heading(teamPage)).toContain('Before you start');
    await teamPage.getByRole('button', { name: 'I have read this: continue to the exercise' }).click();
    // Not every team is marked here: results go out provisional, with the reason the lead must give.
    for (const to of ['closed', 'results-released'])
      await inject(context.app, 'POST', `/api/runs/${run.id}/transitions`, lead.headers, { to, confirm: true, provisionalReason: 'Printing test: marking not finished' });

    const leadPage = await (await context.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const problems = watchForPageProblems(leadPage);
    await signInThroughPage(leadPage, context.baseUrl, lead);
    await expectMarkedOnce(leadPage);
    await expectNoSeriousAccessibilityViolations(leadPage);

    await leadPage.goto(`${context.baseUrl}/runs/${run.id}`);
    await expect.poll(() => heading(leadPage)).toContain('Northmoor PPU Cohort 8');
    await expectMarkedOnce(leadPage);

    await leadPage.goto(`${context.baseUrl}/runs/${run.id}/debrief`);
    await expect.poll(() => leadPage.getByRole('heading', { name: 'What the exercise was based on' }).count()).toBe(1);
    await expect.poll(() => leadPage.getByText('no scenario is a real case', { exact: false }).count()).toBe(1);
    await expectMarkedOnce(leadPage);
    await expectNoSeriousAccessibilityViolations(leadPage);
    const debrief = await expectEverySheetMarked(leadPage, folder, 'debrief');
    expect(debrief).toContain('What the exercise was based on');

    await leadPage.goto(`${context.baseUrl}/runs/${run.id}/report`);
    await expect.poll(() => leadPage.getByRole('heading', { name: 'Areas to improve' }).count()).toBe(1);
    await expectMarkedOnce(leadPage);
    const report = await expectEverySheetMarked(leadPage, folder, 'report');
    expect(report).toContain('Northmoor PPU Cohort 8');

    await teamPage.goto(`${context.baseUrl}/team/results`);
    await expect.poll(() => heading(teamPage)).toContain('Your results');
    await expect.poll(() => teamPage.getByText('You scored', { exact: false }).count()).toBeGreaterThan(0);
    await expectMarkedOnce(teamPage);
    await expectNoSeriousAccessibilityViolations(teamPage);
    const results = await expectEverySheetMarked(teamPage, folder, 'results');
    expect(results).toContain('Your results');

    expect(problems).toEqual([]);
    expect(teamProblems).toEqual([]);
  });
});
