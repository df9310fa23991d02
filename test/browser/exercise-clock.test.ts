/**
 * The exercise clock in Chromium: a facilitator pauses the day from the console and the team's page
 * shows that it is paused, live; moving an inject is one form, skipping asks first; resuming clears
 * the team's banner. Both screens are checked with axe. The lead's preview of a scenario marks the
 * analyst research the pack holds back.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, joinThroughPage, signInThroughPage, unexpectedProblems, watchForPageProblems } from '../helpers/browser.js';
import { importPack } from '../../server/packs/import.js';
import { importTestPack, packWithHeldBackResearch } from '../helpers/packs.js';
import { createTestRun } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

describeInBrowser('the exercise clock in Chromium', (context) => {
  beforeAll(async () => {
    await importTestPack(context.app);
    await importPack(context.app.database.db, packWithHeldBackResearch());
  });

  it('a facilitator pauses the exercise, the team sees it paused, an inject is moved, and resuming clears the banner', async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');

    const teamContext = await context.browser.newContext();
    const teamPage = await teamContext.newPage();
    const teamProblems = watchForPageProblems(teamPage);
    await joinThroughPage(teamPage, context.baseUrl, run.teams[0]!.joinCode, 'Team A');
    await expect.poll(() => teamPage.locator('h1').textContent()).toContain('Children at home');
    expect(await teamPage.getByText('The exercise is paused').count()).toBe(0);

    const staffContext = await context.browser.newContext();
    const page = await staffContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);
    await page.goto(`${context.baseUrl}/runs/${run.id}/console`);
    const clock = page.getByRole('heading', { name: 'Exercise clock', exact: true });
    await expect.poll(() => clock.count()).toBe(1);
    await expect.poll(() => page.getByText('Running', { exact: true }).count()).toBe(1);
    const timeline = page.getByRole('region', { name: 'What the clock fires when' });
    await expect.poll(() => timeline.getByRole('row', { name: /Duty inspector asks for an update Released automatically 30 minutes after going live Children at home/ }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    await page.getByRole('button', { name: 'Pause the exercise' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The exercise is paused.' }).count()).toBe(1);
    await expect.poll(() => page.getByText(/^Paused since/).count()).toBe(1);
    // The team hears it over its event stream, without reloading.
    await expect.poll(() => teamPage.getByText('The exercise is paused', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    await expectNoSeriousAccessibilityViolations(teamPage);

    // Later by 10 minutes, for one scenario's inject.
    await page.getByLabel('Inject', { exact: true }).selectOption({ label: 'Duty inspector asks for an update (Children at home)' });
    await page.getByLabel('What to do').selectOption({ label: 'Later by some minutes' });
    await page.getByLabel('How many minutes').fill('10');
    await page.getByRole('button', { name: 'Move the inject' }).click();
    await expect.poll(() => page.getByText('“Duty inspector asks for an update” (Children at home) moved later by 10 min.').count()).toBe(1);
    await expect.poll(() => timeline.getByText('0:40:00 (moved later by 0:10:00)').count()).toBe(1);

    // Skipping asks first; keeping it changes nothing.
    await page.getByLabel('What to do').selectOption({ label: 'Skip it (cannot be undone)' });
    await page.getByRole('button', { name: 'Move the inject' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /^Skip “Duty inspector asks for an update/ }).count()).toBe(1);
    await expect.poll(() => page.getByText(/Skipping cannot be undone/).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Keep it' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Move the inject' }).count()).toBe(1);
    expect(await timeline.getByText('Skipped').count()).toBe(0);

    await page.getByRole('button', { name: 'Resume the exercise' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The exercise is running again.' }).count()).toBe(1);
    await expect.poll(() => teamPage.getByText('The exercise is paused', { exact: true }).count(), { timeout: 10_000 }).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);

    expect(unexpectedProblems(problems)).toEqual([]);
    expect(unexpectedProblems(teamProblems)).toEqual([]);
    await staffContext.close();
    await teamContext.close();
  });

  it("the lead's preview marks held-back research as seen by teams only when released", async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const staffContext = await context.browser.newContext();
    const page = await staffContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);
    await page.goto(`${context.baseUrl}/packs/held-back-pack/versions/1.0.0/scenarios/household/preview`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Preview: Children at home');
    // Both profiles are there, and one note for the one held back.
    await expect.poll(() => page.locator('rh-profile-document').count()).toBe(2);
    expect(await page.getByText('HELD-BACK neighbour').count()).toBeGreaterThan(0);
    const notes = page.getByText('teams see this only when released.', { exact: false });
    await expect.poll(() => notes.count()).toBe(1);
    expect(await notes.textContent()).toContain('Held back: teams see this only when released.');
    await expectNoSeriousAccessibilityViolations(page);
    expect(unexpectedProblems(problems)).toEqual([]);
    await staffContext.close();
  });
});
