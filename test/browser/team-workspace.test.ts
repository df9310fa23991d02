import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, joinThroughPage, unexpectedProblems, watchForPageProblems } from '../helpers/browser.js';
import { Pack } from '../../server/packs/schema.js';
import { importPack } from '../../server/packs/import.js';
import { importTestPack, testPack } from '../helpers/packs.js';
import { createTestRun, type TestRun } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

function heading(page: Page) {
  return page.locator('h1').textContent();
}

/** Joins the run as one of its teams through the join page, in a browser context of its own. */
async function joinInBrowser(browserContext: BrowserContext, baseUrl: string, run: TestRun, teamName: string): Promise<Page> {
  const page = await browserContext.newPage();
  // The team's own code, as a second officer of a team already joined would type it.
  await joinThroughPage(page, baseUrl, run.teams.find((team) => team.name === teamName)!.joinCode, teamName);
  await expect.poll(() => heading(page)).toContain('Children at home');
  return page;
}

function exerciseNav(page: Page) {
  return page.getByRole('navigation', { name: 'Your exercise' });
}

describeInBrowser('a team works its exercise in Chromium', (context) => {
  it('answers the form with autosave, records a justified decision, sees injects arrive live, writes to CSC and submits', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');

    const teamContext = await context.browser.newContext();
    const page = await joinInBrowser(teamContext, context.baseUrl, run, 'Team A');
    const problems = watchForPageProblems(page);
    expect(await exerciseNav(page).getByRole('link', { name: 'Referral' }).getAttribute('aria-current')).toBe('page');
    await expectNoSeriousAccessibilityViolations(page);

    // The risk assessment: a task list, then one section per page, saved as it is answered.
    await exerciseNav(page).getByRole('link', { name: 'Risk assessment' }).click();
    await expect.poll(() => heading(page)).toContain('Risk assessment');
    expect(await exerciseNav(page).getByRole('link', { name: 'Risk assessment' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByText('Not yet started').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('link', { name: 'Access to children' }).click();
    await expect.poll(() => heading(page)).toContain('Access to children');
    await page.getByLabel('Yes', { exact: true }).check();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'All changes saved' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.reload();
    await expect.poll(() => heading(page)).toContain('Access to children');
    await expect.poll(() => page.getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => heading(page)).toContain('Risk assessment');
    await expect.poll(() => page.getByText('Completed', { exact: true }).count()).toBe(1);
    // The pack shows the band to teams: a yes to children in the household gives High.
    await expect.poll(() => page.getByText('Act within days.').count()).toBe(1);
    await expect.poll(() => page.getByText('What drove this band').count()).toBe(1);

    // The decision log: every part of the justification is required.
    await exerciseNav(page).getByRole('link', { name: 'Decision log' }).click();
    await expect.poll(() => heading(page)).toContain('Decision log');
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('link', { name: "Refer to Children's Social Care?" }).click();
    await expect.poll(() => heading(page)).toContain('Record a decision');
    await page.getByLabel('Yes', { exact: true }).check();
    await page.getByLabel('Information and intelligence').fill('CEOP referral; two children live at the address.');
    await page.getByLabel('Powers and policy').fill('Children Act 1989 s47; Working Together.');
    await page.getByLabel('Options and contingencies').fill('Refer now or after the search; refer now.');
    await page.getByLabel('Action and review').fill('Referral by 12:00; review after the strategy meeting.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    const missingPart = page.getByRole('link', { name: 'Explain the threat and risk you have assessed' });
    await expect.poll(() => missingPart.count()).toBe(1);
    expect(await missingPart.getAttribute('href')).toBe('#justification-threatAndRisk');
    await expect.poll(() => page.title()).toMatch(/^Error: Record a decision/);
    await expectNoSeriousAccessibilityViolations(page);
    // The Code of Ethics, at the centre of the National Decision Model, is asked for too.
    expect(await page.getByRole('link', { name: 'Say how this decision fits the Code of Ethics' }).getAttribute('href')).toBe('#justification-ethics');
    await missingPart.click();
    await page.getByLabel('Threat and risk').fill('Children at home may be at risk of contact abuse.');
    await page.getByLabel('Code of Ethics').fill('Public service: the children come first; respect for the family in how we refer.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => heading(page)).toContain('Decision log');
    await expect.poll(() => page.getByText('Your decision is recorded:').count()).toBe(1);
    await expect.poll(() => page.getByText('Children at home may be at risk of contact abuse.').count()).toBe(1);
    await expect.poll(() => page.getByText('Public service: the children come first; respect for the family in how we refer.').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    // The decision released CSC's reply: it reaches the feed without a reload.
    await expect.poll(() => exerciseNav(page).getByRole('link', { name: /Information feed/ }).textContent()).toContain('1 new');
    await exerciseNav(page).getByRole('link', { name: /Information feed/ }).click();
    await expect.poll(() => heading(page)).toContain('Information feed');
    await expect.poll(() => page.locator('summary', { hasText: 'CSC reply' }).count()).toBe(1);
    await expect.poll(() => page.getByText('New', { exact: true }).count()).toBe(1);

    // An inject the lead releases arrives within two seconds.
    const released = await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] },
    });
    expect(released.statusCode).toBe(200);
    await expect.poll(() => page.locator('summary', { hasText: 'Partner calls' }).count(), { timeout: 2_000 }).toBe(1);
    await page.locator('summary', { hasText: 'Partner calls' }).click();
    await expect.poll(() => page.getByText('Should I worry?').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('New', { exact: true }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    // Writing to Children's Social Care.
    await exerciseNav(page).getByRole('link', { name: 'Agencies' }).click();
    await expect.poll(() => heading(page)).toContain('Agencies');
    await page.getByLabel("Write to Children's Social Care").fill('We are referring two children at 1 Fictional Row.');
    await page.getByRole('button', { name: "Send to Children's Social Care" }).click();
    await expect.poll(() => page.getByText('We are referring two children at 1 Fictional Row.').count()).toBe(1);
    await expect.poll(() => page.getByText(/^Your team, /).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    // Check and submit: the work locks and the forms become read-only.
    await exerciseNav(page).getByRole('link', { name: 'Check and submit' }).click();
    await expect.poll(() => heading(page)).toContain('Check and submit');
    await expect.poll(() => page.getByRole('term').filter({ hasText: 'Children in the household?' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Submit your team’s work' }).click();
    await expect.poll(() => page.getByText('Your team’s work is submitted').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.goto(`${context.baseUrl}/team/form/access`);
    await expect.poll(() => page.getByText(/ask a facilitator to reopen it to change anything/).count()).toBe(1);
    expect(await page.getByRole('radio').count()).toBe(0);
    await exerciseNav(page).getByRole('link', { name: 'Decision log' }).click();
    await expect.poll(() => heading(page)).toContain('Decision log');
    expect(await page.getByRole('link', { name: "Refer to Children's Social Care?" }).count()).toBe(0);

    expect(unexpectedProblems(problems)).toEqual([]);
    await teamContext.close();
  });

  it('keeps an answer typed offline, sends it on reconnecting, and shows both answers when a teammate changed it meanwhile', async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');
    const firstContext = await context.browser.newContext();
    const secondContext = await context.browser.newContext();
    const first = await joinInBrowser(firstContext, context.baseUrl, run, 'Team A');
    const second = await joinInBrowser(secondContext, context.baseUrl, run, 'Team A');
    const firstProblems = watchForPageProblems(first);
    const secondProblems = watchForPageProblems(second);

    await first.goto(`${context.baseUrl}/team/form/access`);
    await expect.poll(() => heading(first)).toContain('Access to children');
    await first.getByLabel('No', { exact: true }).check();
    await expect.poll(() => first.getByText('All changes saved').count()).toBe(1);

    await second.goto(`${context.baseUrl}/team/form/access`);
    await expect.poll(() => second.getByLabel('No', { exact: true }).isChecked()).toBe(true);

    // The second laptop loses its connection and its officer changes the answer.
    await secondContext.setOffline(true);
    await second.getByLabel('Yes', { exact: true }).check();
    await expect.poll(() => second.getByText(/^Offline – your changes are kept on this device/).count()).toBe(1);

    // Meanwhile a teammate changes the same answer.
    await first.getByLabel('Don’t know').check();
    await expect.poll(() => first.getByText('All changes saved').count()).toBe(1);

    // Back online: the queued change is sent, refused as stale, and both answers are shown.
    await secondContext.setOffline(false);
    await expect.poll(() => second.getByText('A teammate changed this answer while you were typing.').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => second.getByText('Their answer:').count()).toBe(1);
    const conflictText = await second.locator('.conflict').textContent();
    expect(conflictText).toContain('Don’t know');
    expect(conflictText).toContain('Yes');
    await expectNoSeriousAccessibilityViolations(second);

    await second.getByRole('button', { name: /Use mine/ }).click();
    await expect.poll(() => second.getByText('All changes saved').count()).toBe(1);
    expect(await second.getByText('A teammate changed this answer while you were typing.').count()).toBe(0);
    await first.reload();
    await expect.poll(() => first.getByLabel('Yes', { exact: true }).isChecked()).toBe(true);

    expect(unexpectedProblems(firstProblems)).toEqual([]);
    expect(unexpectedProblems(secondProblems, [409], true)).toEqual([]);
    await firstContext.close();
    await secondContext.close();
  }, 60_000);

  it('keeps an answer the server refuses on screen with its reason, does not send it again, and saves it once corrected', async () => {
    // The test pack with a free-text question the server limits to 200 characters.
    const pack = testPack('1.1.0');
    const access = pack.instrument.sections[0]!;
    const ages = { id: 'household-ages', kind: 'short-text', label: 'Their ages' };
    await importPack(context.app.database.db, Pack.parse({ ...pack, instrument: { ...pack.instrument, sections: [{ ...access, items: [...access.items, ages] }] } }));
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live', { version: '1.1.0' });
    const teamContext = await context.browser.newContext();
    const page = await joinInBrowser(teamContext, context.baseUrl, run, 'Team A');
    const problems = watchForPageProblems(page);
    let answerWrites = 0;
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('/api/team/answers/household-ages')) answerWrites += 1;
    });

    await page.goto(`${context.baseUrl}/team/form/access`);
    await expect.poll(() => heading(page)).toContain('Access to children');
    const agesField = page.getByLabel('Their ages');
    const tooLong = `7 and 9, ${'and more '.repeat(30)}`;
    await agesField.fill(tooLong);
    await agesField.blur();

    // The server's reason sits by the field, which still holds what was typed.
    await expect.poll(() => page.getByText('Keep the answer to 200 characters or fewer').count()).toBeGreaterThan(0);
    expect(await agesField.inputValue()).toBe(tooLong);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Some answers could not be saved' }).count()).toBe(1);
    expect(answerWrites).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    // Corrected, it saves.
    await agesField.fill('7 and 9');
    await agesField.blur();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'All changes saved' }).count()).toBe(1);
    expect(await page.getByText('Keep the answer to 200 characters or fewer').count()).toBe(0);
    expect(answerWrites).toBe(2);
    await page.reload();
    await expect.poll(() => page.getByLabel('Their ages').inputValue()).toBe('7 and 9');

    expect(unexpectedProblems(problems, [400])).toEqual([]);
    await teamContext.close();
  });
});
