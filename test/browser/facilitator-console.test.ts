import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

function heading(page: Page) {
  return page.locator('h1').textContent();
}

/** The board's row for a team, by the team's name in its row header. */
function boardRow(page: Page, teamName: string) {
  return page.getByRole('region', { name: /Each team's progress/ }).getByRole('row', { name: new RegExp(`^${teamName}`) });
}

describeInBrowser('the facilitator console in Chromium', (context) => {
  it('a lead watches the board update live, answers an agency request in role, releases an inject and sees it logged', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');
    const teamA = await joinAsTeam(context.app, run, 0);

    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);

    // Sign in through the page, then go from the run's page to its console.
    await page.goto(`${context.baseUrl}/sign-in`);
    await expect.poll(() => heading(page)).toBe('Sign in');
    await page.getByLabel('Email address').fill(lead.email);
    await page.getByLabel('Password').fill(lead.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => heading(page)).toBe('Runs');
    await page.goto(`${context.baseUrl}/runs/${run.id}`);
    await expect.poll(() => heading(page)).toContain('PPU 2026');
    await page.getByRole('link', { name: 'Open the facilitator console' }).click();
    await expect.poll(() => heading(page)).toContain('Facilitator console');
    expect(new URL(page.url()).pathname).toBe(`/runs/${run.id}/console`);
    expect(await page.title()).toBe('Facilitator console – Rehearse');

    // Both teams are on the board; Team A has joined, Team B has not.
    await expect.poll(() => boardRow(page, 'Team A').count()).toBe(1);
    expect(await boardRow(page, 'Team A').textContent()).toContain('Children at home');
    expect(await boardRow(page, 'Team B').textContent()).toContain('Works with children');
    expect(await boardRow(page, 'Team A').getByRole('cell').nth(0).textContent()).toBe('Yes');
    expect(await boardRow(page, 'Team B').getByRole('cell').nth(0).textContent()).toBe('No');
    expect(await boardRow(page, 'Team A').textContent()).toContain('0 of 1 required answer');
    await expectNoSeriousAccessibilityViolations(page);

    // Team A writes to Children's Social Care; the board shows the request waiting, without a reload.
    const message = await context.app.inject({
      method: 'POST',
      url: '/api/team/agencies/csc/messages',
      headers: teamA,
      payload: { body: 'Is the household known to you?' },
    });
    expect(message.statusCode).toBe(201);
    await expect.poll(() => boardRow(page, 'Team A').textContent(), { timeout: 10_000 }).toContain('1 waiting');
    await expect.poll(() => boardRow(page, 'Team A').getByText('just now').count()).toBe(1);

    expect(problems).toEqual([]);
    await browserContext.close();
  });
});
