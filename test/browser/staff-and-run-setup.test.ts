/** Set-up a lead does in the browser: staff accounts, changing, duplicating and deleting runs, and the guarded steps of the day. */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { App } from '../../server/app.js';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, signInThroughPage, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const reason: Record<number, string> = { 400: '(Bad Request)', 401: '(Unauthorized)', 409: '(Conflict)' };

/** Problems left once the 4xx answers a page expects and handles (Chromium logs each one) are taken out. */
function unexpected(problems: string[], statuses: number[] = []): string[] {
  return problems.filter(
    (problem) => !statuses.some((status) => problem === `console: Failed to load resource: the server responded with a status of ${status} ${reason[status]}`),
  );
}

function heading(page: Page) {
  return page.locator('h1').textContent();
}

async function idOf(app: App, staff: SignedInStaff): Promise<string> {
  return (await app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers })).json().user.id;
}

/** Whether the page is wider than the window, so that it scrolls sideways. */
function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

describeInBrowser('staff accounts and run set-up in Chromium', (context) => {
  it('a lead adds an assessor, sees the one-time password once, resets a password and disables an account after confirming', async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const colleague = await signedInStaff(context.app, 'assessor');
    const browserContext = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);

    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Staff accounts');
    await expect.poll(() => page.getByRole('row', { name: /Test assessor/ }).count()).toBeGreaterThan(0);
    await expectNoSeriousAccessibilityViolations(page);

    // An empty form: an error summary linked to each field.
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Enter their name, as colleagues know it' }).count()).toBe(1);
    expect(await page.title()).toBe('Error: Staff accounts – Rehearse');
    await expectNoSeriousAccessibilityViolations(page);

    await page.getByLabel('Name', { exact: true }).fill('DS Priya Natt');
    await page.getByLabel('Email address').fill('priya.natt@example.org');
    await page.getByLabel('Assessor', { exact: true }).check();
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Account created for priya.natt@example.org' }).count()).toBe(1);
    const oneTimePassword = (await page.locator('#one-time-password').textContent())?.trim() ?? '';
    expect(oneTimePassword.length).toBeGreaterThan(8);
    await expect.poll(() => page.getByRole('row', { name: /DS Priya Natt/ }).textContent()).toContain('One-time password');
    await expectNoSeriousAccessibilityViolations(page);
    const signIn = await context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'priya.natt@example.org', password: oneTimePassword } });
    expect(signIn.statusCode).toBe(200);

    // Disabling asks first; cancelling changes nothing.
    const colleagueRow = page.getByRole('row', { name: new RegExp(colleague.email) });
    await colleagueRow.getByRole('button', { name: /^Disable/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Disable Test assessor’s account?' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await context.app.inject({ method: 'GET', url: '/api/runs', headers: colleague.headers }).then((response) => response.statusCode)).toBe(200);
    await colleagueRow.getByRole('button', { name: /^Disable/ }).click();
    await page.getByRole('button', { name: 'Yes, disable the account' }).click();
    await expect.poll(() => colleagueRow.textContent()).toContain('Disabled');
    expect(await context.app.inject({ method: 'GET', url: '/api/runs', headers: colleague.headers }).then((response) => response.statusCode)).toBe(401);

    // A reset shows a new one-time password, once.
    await page.getByRole('row', { name: /DS Priya Natt/ }).getByRole('button', { name: /^Reset password/ }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Password reset for priya.natt@example.org' }).count()).toBe(1);
    const reset = (await page.locator('#one-time-password').textContent())?.trim() ?? '';
    expect(reset).not.toBe(oneTimePassword);
    await page.getByRole('button', { name: 'I have noted it down' }).click();
    expect(await page.locator('#one-time-password').count()).toBe(0);

    // The lead's own row offers no disable or reset.
    const ownRow = page.getByRole('row', { name: new RegExp(lead.email) });
    expect(await ownRow.getByRole('button').count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoSeriousAccessibilityViolations(page);
    expect(unexpected(problems, [400])).toEqual([]);
    await browserContext.close();
  });

  it('a lead changes a draft run (teams, scenarios, assessors per team), duplicates it, and deletes a draft after confirming', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const first = await signedInStaff(context.app, 'assessor');
    await signedInStaff(context.app, 'assessor');
    const run = await createTestRun(context.app, lead, 'draft', { cohortLabel: 'PPU Draft', assessorIds: [await idOf(context.app, first)] });
    const browserContext = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);

    await page.goto(`${context.baseUrl}/runs/${run.id}`);
    await expect.poll(() => heading(page)).toBe('RunPPU Draft');
    await page.getByRole('link', { name: 'Change this run' }).click();
    await expect.poll(() => heading(page)).toBe('Change a draft run');
    await expect.poll(() => page.getByLabel('Team name').count()).toBe(2);
    expect(await page.getByLabel('Cohort').inputValue()).toBe('PPU Draft');
    await expectNoSeriousAccessibilityViolations(page);

    await page.getByLabel('Cohort').fill('PPU Draft (changed)');
    await page.getByLabel('Team name').nth(1).fill('Team Bravo');
    await page.getByLabel('Scenario').nth(1).selectOption('household');
    // The second assessor joins; each team is double marked by both.
    const assessors = page.getByRole('group', { name: 'Assessors', exact: true });
    await assessors.getByRole('checkbox').nth(2).check();
    await page.getByLabel('How many assessors mark each team?').selectOption('2');
    await expectNoSeriousAccessibilityViolations(page);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => heading(page)).toBe('RunPPU Draft (changed)');
    await expect.poll(() => page.getByRole('row', { name: /Team Bravo/ }).textContent()).toContain('Children at home');
    await expect.poll(() => page.getByText('2 assessors mark each team (double marking).').count()).toBe(1);
    const saved = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}`, headers: lead.headers })).json();
    expect(saved.assessors).toHaveLength(2);
    expect(saved.assessors.map((assessor: { id: string }) => assessor.id)).toContain(await idOf(context.app, first));
    expect(saved.assessorsPerTeam).toBe(2);
    expect(saved.teams[0].joinCode).toBe(run.teams[0]!.joinCode);
    await expectNoSeriousAccessibilityViolations(page);

    // A read-only preview of what Team Bravo will see, marked as a preview and without the rubric.
    await page.getByRole('link', { name: 'Preview what Team Bravo sees' }).click();
    await expect.poll(() => heading(page)).toContain('Preview: Children at home');
    await expect.poll(() => page.getByText('It is read-only: nothing here is saved', { exact: false }).count()).toBe(1);
    await expect.poll(() => page.getByText('A referral for Children at home.').count()).toBe(1);
    expect(await page.getByText('MODEL-ANSWER', { exact: false }).count()).toBe(0);
    expect(await page.getByText('RUBRIC-CRITERION', { exact: false }).count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);
    await page.goBack();
    await expect.poll(() => heading(page)).toBe('RunPPU Draft (changed)');

    // Duplicate for next year: a new draft with the same teams.
    await page.getByRole('link', { name: 'Duplicate for a rerun' }).click();
    await expect.poll(() => heading(page)).toBe('Duplicate a run');
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Create the new draft' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Enter a cohort label, like PPU 2027' }).count()).toBe(1);
    await page.getByLabel('Cohort').fill('PPU 2027');
    await page.getByLabel('Exercise date').fill('2027-12-01');
    await page.getByRole('button', { name: 'Create the new draft' }).click();
    await expect.poll(() => heading(page)).toBe('RunPPU 2027');
    expect(new URL(page.url()).pathname).not.toBe(`/runs/${run.id}`);
    await expect.poll(() => page.getByRole('row', { name: /Team Bravo/ }).count()).toBe(1);

    // Delete the copy: asked first, then back to the runs list without it.
    await page.getByRole('button', { name: 'Delete this draft' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Delete this draft run?' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Yes, delete the draft' }).click();
    await expect.poll(() => heading(page)).toBe('Runs');
    await expect.poll(() => page.getByRole('link', { name: 'PPU Draft (changed)' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'PPU 2027' }).count()).toBe(0);
    expect(unexpected(problems, [400])).toEqual([]);
    await browserContext.close();
  });

  it('closing asks first with what is outstanding, open team pages say the exercise has ended, and unfinished marking is released only as provisional', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live', { cohortLabel: 'PPU Guarded' });
    const browserContext = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);

    // A team's page is open on another device.
    const teamContext = await context.browser.newContext({ viewport: { width: 390, height: 844 } });
    const team = await joinAsTeam(context.app, run, 0);
    await teamContext.addCookies([{ name: 'rh_team', value: team.cookie.replace('rh_team=', ''), url: context.baseUrl }]);
    const teamPage = await teamContext.newPage();
    await teamPage.goto(`${context.baseUrl}/team/decisions`);
    await expect.poll(() => heading(teamPage)).toContain('Decision log');

    await page.goto(`${context.baseUrl}/runs/${run.id}`);
    await expect.poll(() => heading(page)).toBe('RunPPU Guarded');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await scrollsSideways(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Close the run' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Close the run?' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Team A has not submitted its work').count()).toBe(1);
    await expect.poll(() => page.getByText('Team B has not submitted its work').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByRole('button', { name: 'Yes, close the run' }).click();
    await expect.poll(() => page.getByText('The run is closed.').count()).toBe(1);

    await expect.poll(() => teamPage.getByText('Your facilitator has closed the exercise.').count(), { timeout: 12_000 }).toBe(1);
    await expectNoSeriousAccessibilityViolations(teamPage);

    await page.getByRole('button', { name: 'Release results' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Marking is not finished' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Team A: 0 of 1 assessors have finished marking').count()).toBe(1);
    await page.getByRole('button', { name: 'Release provisional results' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Say why results are released before marking is finished' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    await page.getByLabel('Why release results before marking is finished?').fill('The cohort disperses today; final marks next week');
    await page.getByRole('button', { name: 'Release provisional results' }).click();
    await expect.poll(() => page.getByText('Results are released to teams.').count()).toBe(1);
    expect(await page.getByText('Provisional results').count()).toBeGreaterThan(0);

    await teamPage.goto(`${context.baseUrl}/team/results`);
    await expect.poll(() => teamPage.getByText('These results are provisional', { exact: false }).count()).toBe(1);
    expect(await scrollsSideways(teamPage)).toBe(false);
    expect(unexpected(problems)).toEqual([]);
    await teamContext.close();
    await browserContext.close();
  });
});
