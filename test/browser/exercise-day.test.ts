/**
 * The exercise day end to end, as the issue describes it: a lead creates a run, three teams join in
 * three browsers and see only the holding screen, the run goes live and the referral appears, the
 * facilitator releases an inject that reaches the right team within two seconds without a reload, a
 * decision fires its automatic inject, a team asks an agency and gets an answer, and every team
 * completes and submits. axe-core checks each screen on the way.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, joinThroughPage, signInThroughPage, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { signedInStaff } from '../helpers/staff.js';

const heading = (page: Page) => page.locator('h1').textContent();
const exerciseNav = (page: Page) => page.getByRole('navigation', { name: 'Your exercise' });
const boardRow = (page: Page, teamName: string) =>
  page.getByRole('region', { name: /Each team's progress/ }).getByRole('row', { name: new RegExp(`^${teamName}`) });

async function joinAs(browserContext: BrowserContext, baseUrl: string, joinCode: string, teamName: string): Promise<Page> {
  const page = await browserContext.newPage();
  await joinThroughPage(page, baseUrl, joinCode, teamName);
  await expect.poll(() => page.getByText(`You have joined as ${teamName}.`).count()).toBe(1);
  return page;
}

async function answerAndSubmit(page: Page): Promise<void> {
  await exerciseNav(page).getByRole('link', { name: 'Risk assessment' }).click();
  await expect.poll(() => heading(page)).toContain('Risk assessment');
  await page.getByRole('link', { name: 'Access to children' }).click();
  await expect.poll(() => heading(page)).toContain('Access to children');
  await page.getByLabel('Yes', { exact: true }).check();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'All changes saved' }).count()).toBe(1);
  await exerciseNav(page).getByRole('link', { name: 'Check and submit' }).click();
  await expect.poll(() => heading(page)).toContain('Check and submit');
  await page.getByRole('button', { name: 'Submit your team’s work' }).click();
  // A team with decisions unrecorded is told how many and asked to confirm.
  const withoutThem = page.getByRole('button', { name: 'Submit without them' });
  await expect.poll(async () => (await withoutThem.count()) + (await page.getByText('Your team’s work is submitted').count())).toBe(1);
  if ((await withoutThem.count()) === 1) {
    await expect.poll(() => page.getByRole('heading', { name: /decision points? (is|are) not recorded/ }).count()).toBe(1);
    await withoutThem.click();
  }
  await expect.poll(() => page.getByText('Your team’s work is submitted').count()).toBe(1);
}

describeInBrowser('the exercise day in Chromium', (context) => {
  it('plays the day: run, three teams, going live, injects, a decision, an agency, submission', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');

    // The lead signs in and creates a run with three teams (the pack's scenarios in turn).
    const leadContext = await context.browser.newContext();
    const leadPage = await leadContext.newPage();
    const leadProblems = watchForPageProblems(leadPage);
    await signInThroughPage(leadPage, context.baseUrl, lead);
    await leadPage.getByRole('link', { name: 'Create a run' }).click();
    await expect.poll(() => heading(leadPage)).toBe('Create a run');
    await leadPage.getByLabel('Test pack (version 1.0.0)').check();
    await leadPage.getByLabel('Cohort').fill('PPU 2026');
    await leadPage.getByLabel('Exercise date').fill('2026-12-01');
    await leadPage.getByRole('button', { name: 'Create run' }).click();
    await expect.poll(() => heading(leadPage)).toContain('PPU 2026');
    await leadPage.getByRole('button', { name: 'Open for joining' }).click();
    await expect.poll(() => leadPage.locator('.join-code').count()).toBe(1);
    const joinCode = (await leadPage.locator('.join-code').textContent())?.trim() ?? '';
    expect(joinCode).toMatch(/^[A-Z2-9]{6}$/);
    await expectNoSeriousAccessibilityViolations(leadPage);

    // Three teams join, each in its own browser, and see only the holding screen: the surprise is kept.
    const teamNames = ['Team 1', 'Team 2', 'Team 3'];
    const teamContexts = await Promise.all(teamNames.map(() => context.browser.newContext()));
    const teams: Page[] = [];
    for (const [index, name] of teamNames.entries()) teams.push(await joinAs(teamContexts[index]!, context.baseUrl, joinCode, name));
    const teamProblems = teams.map((page) => watchForPageProblems(page));
    for (const page of teams) {
      await expect.poll(() => page.getByText('The exercise has not started yet.').count()).toBe(1);
      expect(await page.getByText('A referral for').count()).toBe(0);
    }
    await expectNoSeriousAccessibilityViolations(teams[0]!);

    // The lead goes live: every team's referral appears without a reload.
    await leadPage.getByRole('button', { name: 'Go live' }).click();
    await leadPage.getByRole('button', { name: 'Yes, go live' }).click();
    const expectedScenario = ['Children at home', 'Works with children', 'Children at home'];
    for (const [index, page] of teams.entries()) {
      await expect.poll(() => heading(page), { timeout: 10_000 }).toContain(expectedScenario[index]);
      await expect.poll(() => page.getByText(`A referral for ${expectedScenario[index]}.`).count()).toBe(1);
    }
    await expectNoSeriousAccessibilityViolations(teams[1]!);

    // The facilitator console: the partner's call goes to Team 2 only, and arrives within two seconds.
    await leadPage.getByRole('link', { name: 'Open the facilitator console' }).click();
    await expect.poll(() => boardRow(leadPage, 'Team 3').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(leadPage);
    // Injects are folded per team: open the group holding Team 2's.
    await leadPage.getByText(/Team 2 — Works with children/).first().click();
    await leadPage.getByLabel('Partner calls — Partner').check();
    await leadPage.getByLabel('Team 2 (Works with children)').check();
    await leadPage.getByLabel('Reason (optional)').fill('Tests their judgement on disclosure');
    await leadPage.getByRole('button', { name: 'Release', exact: true }).click();
    await expect.poll(() => leadPage.getByText('Partner calls went to Team 2.').count()).toBe(1);
    await expect.poll(() => exerciseNav(teams[1]!).getByRole('link', { name: /Information feed/ }).textContent(), { timeout: 2_000 }).toContain('1 new');
    expect(await exerciseNav(teams[0]!).getByRole('link', { name: /Information feed/ }).textContent()).not.toContain('new');

    // Team 1 decides to refer to Children's Social Care: the decision releases CSC's reply by itself.
    const team1 = teams[0]!;
    await exerciseNav(team1).getByRole('link', { name: 'Decision log' }).click();
    await team1.getByRole('link', { name: "Refer to Children's Social Care?" }).click();
    await expect.poll(() => heading(team1)).toContain('Record a decision');
    await team1.getByLabel('Yes', { exact: true }).check();
    await team1.getByLabel('Information and intelligence').fill('CEOP referral; two children at the address.');
    await team1.getByLabel('Threat and risk').fill('Risk of contact abuse to children at home.');
    await team1.getByLabel('Powers and policy').fill('Children Act 1989 s47; Working Together.');
    await team1.getByLabel('Options and contingencies').fill('Refer now or after the search: refer now.');
    await team1.getByLabel('Action and review').fill('Refer by noon; review after the strategy meeting.');
    await team1.getByLabel('Code of Ethics').fill('Public service: protect the children now; respect for the family.');
    await expectNoSeriousAccessibilityViolations(team1);
    await team1.getByRole('button', { name: 'Record the decision' }).click();
    await expect.poll(() => team1.getByText('Your decision is recorded:').count()).toBe(1);
    await expect.poll(() => exerciseNav(team1).getByRole('link', { name: /Information feed/ }).textContent()).toContain('1 new');
    await exerciseNav(team1).getByRole('link', { name: /Information feed/ }).click();
    await expect.poll(() => team1.locator('summary', { hasText: 'CSC reply' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(team1);

    // Team 3 asks Children's Social Care; the facilitator answers in role; the answer arrives live.
    const team3 = teams[2]!;
    await exerciseNav(team3).getByRole('link', { name: 'Agencies' }).click();
    await team3.getByLabel("Write to Children's Social Care").fill('Is the family at 1 Fictional Row known to you?');
    await team3.getByRole('button', { name: "Send to Children's Social Care" }).click();
    await expect.poll(() => team3.getByText('Is the family at 1 Fictional Row known to you?').count()).toBe(1);
    const thread = leadPage.getByRole('article', { name: "Team 3 to Children's Social Care" });
    await expect.poll(() => thread.getByText('Waiting for an answer').count(), { timeout: 10_000 }).toBe(1);
    await thread.getByLabel("Answer as Children's Social Care").fill('Yes: open to early help since March.');
    await thread.getByRole('button', { name: "Send answer to Team 3 as Children's Social Care" }).click();
    await expect.poll(() => team3.getByText('Yes: open to early help since March.').count(), { timeout: 5_000 }).toBe(1);
    await expectNoSeriousAccessibilityViolations(team3);
    await expectNoSeriousAccessibilityViolations(leadPage);

    // Every team completes its risk assessment and submits; the board shows it.
    for (const page of teams) await answerAndSubmit(page);
    await expectNoSeriousAccessibilityViolations(teams[2]!);
    for (const name of teamNames) {
      await expect.poll(() => boardRow(leadPage, name).getByRole('cell').last().textContent(), { timeout: 10_000 }).toContain('Yes, at');
    }
    await expectNoSeriousAccessibilityViolations(leadPage);

    expect(leadProblems).toEqual([]);
    for (const problems of teamProblems) expect(problems).toEqual([]);
    await Promise.all([leadContext.close(), ...teamContexts.map((teamContext) => teamContext.close())]);
  });
});
