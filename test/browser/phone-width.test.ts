/**
 * Phones: no page of Rehearse scrolls sideways in a 390 px wide window (an iPhone 12–15), with the
 * shipped pack's real content (profile tables, long notes). Wide tables scroll inside a focusable
 * region instead of widening the page. axe-core checks each page.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, signInThroughPage, watchForPageProblems } from '../helpers/browser.js';
import { liveShippedRun, markAndReleaseShippedRun, type ShippedRun } from '../helpers/shipped-run.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const phone = { width: 390, height: 844 };

/** Opens `path` and waits until its h1 has text, then returns how wide the document is. */
async function widthOf(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await expect.poll(async () => ((await page.locator('h1').first().textContent()) ?? '').trim().length, { timeout: 10_000 }).toBeGreaterThan(0);
  // Loaded content, not the "Loading…" placeholder.
  await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
  return page.evaluate(() => document.scrollingElement!.scrollWidth);
}

describeInBrowser('pages at 390 px wide', (context) => {
  let lead: SignedInStaff;
  let assessor: SignedInStaff;
  let run: ShippedRun;

  beforeAll(async () => {
    lead = await signedInStaff(context.app, 'lead');
    assessor = await signedInStaff(context.app, 'assessor');
    run = await liveShippedRun(context.app, lead, assessor);
  });

  it('no team page scrolls sideways, on the live run and once results are released', async () => {
    const browserContext = await context.browser.newContext({ viewport: phone });
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    // Join as Team 1 through the page, as a phone would.
    await page.goto(`${context.baseUrl}/join`);
    // Team 1's own code: the run's first devices have joined it through the API.
    await page.getByLabel('Join code').fill(run.teams.find((team) => team.name === 'Team 1')!.joinCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Team 1').check();
    await page.getByRole('button', { name: 'Join the exercise' }).click();
    // The pack's content note comes first on a new device; it must fit the phone too.
    await expect.poll(() => page.locator('h1').textContent()).toContain('Before you start');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await page.getByRole('button', { name: 'I have read this: continue to the exercise' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('The family home');

    const teamPages = ['/team', '/team/feed', '/team/form', '/team/decisions', '/team/decisions/new', '/team/agencies', '/team/check'];
    const live = (await (await context.app.inject({ method: 'GET', url: '/api/team/scenario', headers: run.teamHeaders[0]! })).json()) as {
      scenario: { instrument: { sections: Array<{ id: string }> } };
    };
    for (const section of live.scenario.instrument.sections) teamPages.push(`/team/form/${section.id}`);
    expect(teamPages.length).toBeGreaterThan(7);
    const widths: Record<string, number> = {};
    for (const path of teamPages) {
      widths[path] = await widthOf(page, `${context.baseUrl}${path}`);
      await expectNoSeriousAccessibilityViolations(page);
    }
    // The referral page's profile tables scroll within their own region.
    await page.goto(`${context.baseUrl}/team`);
    await expect.poll(() => page.getByRole('region', { name: 'Previous convictions' }).count()).toBeGreaterThan(0);

    await markAndReleaseShippedRun(context.app, run, lead, assessor);
    widths['/team/results'] = await widthOf(page, `${context.baseUrl}/team/results`);
    await expect.poll(() => page.getByText(/You scored/).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.screenshot({ path: 'test-results/team-results-390.png', fullPage: true });

    expect(Object.entries(widths).filter(([, width]) => width > phone.width)).toEqual([]);
    expect(problems).toEqual([]);
    await browserContext.close();
  });

  it('no staff page scrolls sideways', async () => {
    const browserContext = await context.browser.newContext({ viewport: phone });
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);
    const staffPages = [
      '/runs',
      '/runs/new',
      '/audit',
      `/runs/${run.id}`,
      `/runs/${run.id}/console`,
      `/runs/${run.id}/marking`,
      `/runs/${run.id}/teams/${run.teams[0]!.id}/marking`,
      `/runs/${run.id}/agreement`,
      `/runs/${run.id}/debrief`,
      `/runs/${run.id}/report`,
    ];
    const widths: Record<string, number> = {};
    for (const path of staffPages) {
      widths[path] = await widthOf(page, `${context.baseUrl}${path}`);
      await expectNoSeriousAccessibilityViolations(page);
    }
    expect(Object.entries(widths).filter(([, width]) => width > phone.width)).toEqual([]);
    expect(problems).toEqual([]);
    await browserContext.close();
  });
});
