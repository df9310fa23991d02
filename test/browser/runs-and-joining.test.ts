import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, signInThroughPage, unexpectedProblems, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

/** The id of the focused element, looking inside shadow roots. */
function focusedElement(page: Page) {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return { id: element?.id ?? '', className: element?.className ?? '', text: element?.textContent ?? '' };
  });
}

function heading(page: Page) {
  return page.locator('h1').textContent();
}

describeInBrowser('runs and joining in Chromium', (context) => {
  it('a lead creates and opens a run, a team joins and waits, and sees the referral when the run goes live', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');

    const leadContext = await context.browser.newContext();
    const leadPage = await leadContext.newPage();
    const leadProblems = watchForPageProblems(leadPage);

    // Sign in through the page.
    await leadPage.goto(`${context.baseUrl}/sign-in`);
    await expect.poll(() => heading(leadPage)).toBe('Sign in');
    await expectNoSeriousAccessibilityViolations(leadPage);
    await leadPage.getByLabel('Email address').fill(lead.email);
    await leadPage.getByLabel('Password').fill(lead.password);
    await leadPage.getByRole('button', { name: 'Sign in' }).click();

    // The runs list, with the header navigation of a signed-in lead.
    await expect.poll(() => heading(leadPage)).toBe('Runs');
    expect(new URL(leadPage.url()).pathname).toBe('/runs');
    await expect.poll(() => leadPage.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(1);
    await expect.poll(() => leadPage.getByText('There are no runs yet.').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(leadPage);

    // Create a run: the pack, the cohort, the date, and three teams given the scenarios in turn.
    await leadPage.getByRole('link', { name: 'Create a run' }).click();
    await expect.poll(() => heading(leadPage)).toBe('Create a run');
    await leadPage.getByLabel('Test pack (version 1.0.0)').check();
    await leadPage.getByLabel('Cohort').fill('PPU Spring 2026');
    await leadPage.getByLabel('Exercise date').fill('2026-12-01');
    const names = leadPage.getByLabel('Team name');
    await expect.poll(() => names.count()).toBe(3);
    expect(await names.nth(2).inputValue()).toBe('Team 3');
    const scenarios = leadPage.getByLabel('Scenario');
    expect(await scenarios.nth(0).inputValue()).toBe('household');
    expect(await scenarios.nth(1).inputValue()).toBe('work');
    expect(await scenarios.nth(2).inputValue()).toBe('household');
    await expectNoSeriousAccessibilityViolations(leadPage);

    // The server's objection to two teams with one name lands on the second team's name.
    await names.nth(1).fill('Team 1');
    await leadPage.getByRole('button', { name: 'Create run' }).click();
    const duplicateLink = leadPage.getByRole('link', { name: 'Give each team a different name' });
    await expect.poll(() => duplicateLink.count()).toBe(1);
    expect(await duplicateLink.getAttribute('href')).toBe('#teams-1-name');
    expect(await leadPage.title()).toBe('Error: Create a run – Rehearse');
    expect(await names.nth(1).getAttribute('aria-invalid')).toBe('true');
    await duplicateLink.click();
    expect((await focusedElement(leadPage)).id).toBe('teams-1-name');
    await expectNoSeriousAccessibilityViolations(leadPage);

    await names.nth(1).fill('Team 2');
    await leadPage.getByLabel('Test lead').check();
    await leadPage.getByRole('button', { name: 'Create run' }).click();
    await expect.poll(() => heading(leadPage)).toContain('PPU Spring 2026');
    expect(new URL(leadPage.url()).pathname).toMatch(/^\/runs\/[0-9a-f-]{36}$/);
    await expect.poll(() => leadPage.title()).toBe('PPU Spring 2026 – Rehearse');
    expect(await leadPage.getByRole('row', { name: /Team 2/ }).textContent()).toContain('Works with children');
    await expect.poll(() => leadPage.getByText(lead.email).count()).toBeGreaterThan(0);
    await expectNoSeriousAccessibilityViolations(leadPage);

    // Open it for joining.
    await leadPage.getByRole('button', { name: 'Open for joining' }).click();
    await expect.poll(() => leadPage.getByText(transitionOutcome('open')).count()).toBe(1);
    const joinCode = (await leadPage.locator('.join-code').textContent())?.trim() ?? '';
    expect(joinCode).toMatch(/^[A-Z2-9]{6}$/);
    await expectNoSeriousAccessibilityViolations(leadPage);

    // A team, in a browser of its own, joins with the code and waits.
    const teamContext = await context.browser.newContext();
    const teamPage = await teamContext.newPage();
    const teamProblems = watchForPageProblems(teamPage);
    await teamPage.goto(`${context.baseUrl}/join`);
    await expect.poll(() => heading(teamPage)).toBe('Join an exercise');
    await expectNoSeriousAccessibilityViolations(teamPage);
    await teamPage.getByLabel('Join code').fill(joinCode.toLowerCase());
    await teamPage.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => heading(teamPage)).toContain('Which team are you in?');
    await expectNoSeriousAccessibilityViolations(teamPage);
    await teamPage.getByLabel('Team 2').check();
    await teamPage.getByRole('button', { name: 'Join the exercise' }).click();

    await expect.poll(() => teamPage.getByText('You have joined as Team 2.').count()).toBe(1);
    expect(new URL(teamPage.url()).pathname).toBe('/team');
    await expect.poll(() => teamPage.getByText('The exercise has not started yet.').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(teamPage);

    // The lead goes live; the team's page shows the referral without a reload.
    // Going live cannot be undone, so the page asks first.
    await leadPage.getByRole('button', { name: 'Go live' }).click();
    await expect.poll(() => leadPage.getByRole('heading', { name: 'Go live?' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(leadPage);
    await leadPage.getByRole('button', { name: 'Yes, go live' }).click();
    await expect.poll(() => leadPage.getByText(transitionOutcome('live')).count()).toBe(1);
    await expect.poll(() => heading(teamPage), { timeout: 12_000 }).toContain('Works with children');
    await expect.poll(() => teamPage.getByText('A referral for Works with children.').count()).toBe(1);
    await expect.poll(() => teamPage.getByText('Referral work').count()).toBe(1);
    expect(await teamPage.getByText('Alex Example').count()).toBeGreaterThan(0);
    await expect.poll(() => teamPage.getByRole('button', { name: 'Play the call' }).count()).toBe(1);
    expect(await teamPage.title()).toBe('Works with children – Rehearse');
    await expectNoSeriousAccessibilityViolations(teamPage);

    // A facilitator signs the team's devices out (a lost phone): the page asks first, Cancel returns
    // to the button, and the team's device is then out and back at the join page.
    const signOutTeam = leadPage.getByRole('button', { name: 'Sign out devices of Team 2' });
    await signOutTeam.click();
    await expect.poll(() => leadPage.getByRole('heading', { name: 'Sign out every device of Team 2?' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(leadPage);
    await leadPage.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => signOutTeam.evaluate((button) => (button.getRootNode() as Document | ShadowRoot).activeElement === button)).toBe(true);
    await signOutTeam.click();
    await leadPage.getByRole('button', { name: "Yes, sign out Team 2's devices" }).click();
    await expect.poll(() => leadPage.getByText("One device signed out of Team 2. They can join again with the team's code.").count()).toBe(1);
    await teamPage.reload();
    await expect.poll(() => new URL(teamPage.url()).pathname).toBe('/join');

    // Signing out ends the session and leaves only the public header.
    await leadPage.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect.poll(() => heading(leadPage)).toBe('Practise public protection decisions');
    expect(await leadPage.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(0);
    expect((await leadPage.request.get(`${context.baseUrl}/api/auth/session`)).status()).toBe(401);

    expect(unexpectedProblems(leadProblems, [400])).toEqual([]);
    // Waiting on the holding screen is a normal answer (200 with a status), so it logs nothing; the
    // signed-out device's reload is refused (401) before it goes to the join page.
    expect(unexpectedProblems(teamProblems, [401])).toEqual([]);
    await teamContext.close();
    await leadContext.close();
  });

  it('shows the run of the address when a page is reused for another run, without a reload (back and forward)', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const autumn = await createTestRun(context.app, lead, 'live', { cohortLabel: 'PPU Autumn' });
    const winter = await createTestRun(context.app, lead, 'live', { cohortLabel: 'PPU Winter' });
    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);

    // Through the links: Autumn, its console, back to it, back to the runs, Winter, its console.
    await page.getByRole('link', { name: 'PPU Autumn' }).click();
    await expect.poll(() => heading(page)).toBe('RunPPU Autumn');
    await page.getByRole('link', { name: 'Open the facilitator console' }).click();
    await expect.poll(() => heading(page)).toBe('PPU AutumnFacilitator console');
    await page.getByRole('link', { name: 'Back to the run' }).click();
    await expect.poll(() => heading(page)).toBe('RunPPU Autumn');
    await page.getByRole('link', { name: 'Back to runs' }).click();
    await expect.poll(() => heading(page)).toBe('Runs');
    await page.getByRole('link', { name: 'PPU Winter' }).click();
    await expect.poll(() => heading(page)).toBe('RunPPU Winter');
    await page.getByRole('link', { name: 'Open the facilitator console' }).click();
    await expect.poll(() => heading(page)).toBe('PPU WinterFacilitator console');
    expect(new URL(page.url()).pathname).toBe(`/runs/${winter.id}/console`);

    // Straight from Winter's console back to Autumn's, as the back button's history list does.
    await page.evaluate(() => history.go(-4));
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/runs/${autumn.id}/console`);
    await expect.poll(() => heading(page)).toBe('PPU AutumnFacilitator console');
    await expect.poll(() => page.title()).toBe('Facilitator console – Rehearse');
    // Its live board follows Autumn's events now: a team writing to an agency shows up unasked.
    const message = await context.app.inject({
      method: 'POST',
      url: '/api/team/agencies/csc/messages',
      headers: await joinAsTeam(context.app, autumn, 0),
      payload: { body: 'Is Jamie known to you?', idempotencyKey: randomUUID() },
    });
    expect(message.statusCode, message.body).toBe(201);
    const teamRow = page.getByRole('region', { name: /Each team's progress/ }).getByRole('row', { name: /^Team A/ });
    await expect.poll(() => teamRow.textContent(), { timeout: 10_000 }).toContain('1 waiting');

    // From Autumn's run page forward to Winter's: the same page, now about Winter.
    await page.evaluate(() => history.back());
    await expect.poll(() => heading(page)).toBe('RunPPU Autumn');
    await page.evaluate(() => history.go(4));
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/runs/${winter.id}`);
    await expect.poll(() => heading(page)).toBe('RunPPU Winter');
    await expect.poll(() => page.title()).toBe('PPU Winter – Rehearse');
    expect(problems).toEqual([]);
    await browserContext.close();
  });

  it('shows an error summary linked to the email field when sign-in is submitted empty, and moves focus to it', async () => {
    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await page.goto(`${context.baseUrl}/sign-in`);
    await expect.poll(() => heading(page)).toBe('Sign in');

    await page.getByRole('button', { name: 'Sign in' }).click();
    const emailLink = page.getByRole('link', { name: 'Enter your email address' });
    await expect.poll(() => emailLink.count()).toBe(1);
    expect(await emailLink.getAttribute('href')).toBe('#email');
    await expect.poll(() => page.getByRole('link', { name: 'Enter your password' }).count()).toBe(1);
    expect((await focusedElement(page)).className).toContain('error-summary');
    expect(await page.title()).toBe('Error: Sign in – Rehearse');
    await expectNoSeriousAccessibilityViolations(page);

    await emailLink.click();
    expect((await focusedElement(page)).id).toBe('email');
    expect(unexpectedProblems(problems)).toEqual([]);
    await browserContext.close();
  });

  it('tells a person whose password is wrong, on the sign-in page', async () => {
    const assessor = await signedInStaff(context.app, 'assessor');
    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    await page.goto(`${context.baseUrl}/sign-in`);
    await expect.poll(() => heading(page)).toBe('Sign in');
    await page.getByLabel('Email address').fill(assessor.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'The email address or password is not right.' }).count()).toBe(1);
    await browserContext.close();
  });

  it('sends someone who is not signed in from the runs list to sign in', async () => {
    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await page.goto(`${context.baseUrl}/runs`);
    await expect.poll(() => heading(page)).toBe('Sign in');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(unexpectedProblems(problems, [401])).toEqual([]);
    await browserContext.close();
  });
});

const outcomes = {
  open: 'The run is open for joining.',
  live: 'The run is live.',
} as const;

function transitionOutcome(state: keyof typeof outcomes): RegExp {
  return new RegExp(`^${outcomes[state].replace(/\./g, '\\.')}`);
}
