import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, signInThroughPage, watchForPageProblems } from '../helpers/browser.js';
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

/** Signs in through the page as `lead`, then opens the run's console from the run's page. */
async function openConsole(page: Page, baseUrl: string, lead: { email: string; password: string }, runId: string) {
  await signInThroughPage(page, baseUrl, lead);
  await page.goto(`${baseUrl}/runs/${runId}`);
  await expect.poll(() => heading(page)).toContain('PPU 2026');
  await page.getByRole('link', { name: 'Open the facilitator console' }).click();
  await expect.poll(() => heading(page)).toContain('Facilitator console');
}

describeInBrowser('the facilitator console in Chromium', (context) => {
  beforeAll(async () => {
    await importTestPack(context.app);
  });

  it('a lead watches the board update live, answers an agency request in role, releases an inject and sees it logged', async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');
    const teamA = await joinAsTeam(context.app, run, 0);

    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);

    // Sign in through the page, then go from the run's page to its console.
    await openConsole(page, context.baseUrl, lead, run.id);
    expect(new URL(page.url()).pathname).toBe(`/runs/${run.id}/console`);
    expect(await page.title()).toBe('Facilitator console – Rehearse');

    // Both teams are on the board; Team A has joined, Team B has not.
    await expect.poll(() => boardRow(page, 'Team A').count()).toBe(1);
    expect(await boardRow(page, 'Team A').textContent()).toContain('Children at home');
    expect(await boardRow(page, 'Team B').textContent()).toContain('Works with children');
    expect(await boardRow(page, 'Team A').getByRole('cell').nth(0).textContent()).toBe('Yes');
    expect(await boardRow(page, 'Team B').getByRole('cell').nth(0).textContent()).toBe('No');
    expect(await boardRow(page, 'Team A').getByRole('cell').nth(1).textContent()).toBe('0 of 1');
    await expectNoSeriousAccessibilityViolations(page);

    // Team A writes to Children's Social Care; the board shows the request waiting, without a reload.
    const message = await context.app.inject({
      method: 'POST',
      url: '/api/team/agencies/csc/messages',
      headers: teamA,
      payload: { body: 'Is the household known to you?', idempotencyKey: randomUUID() },
    });
    expect(message.statusCode).toBe(201);
    await expect.poll(() => boardRow(page, 'Team A').textContent(), { timeout: 10_000 }).toContain('1 waiting');
    await expect.poll(() => boardRow(page, 'Team A').getByText('just now').count()).toBe(1);

    await expectNoSeriousAccessibilityViolations(page);

    // The lead answers in role from the agency inbox.
    const thread = page.getByRole('article', { name: "Team A to Children's Social Care" });
    await expect.poll(() => thread.getByText('Is the household known to you?').count()).toBe(1);
    await expect.poll(() => thread.getByText('Waiting for an answer').count()).toBe(1);
    await thread.getByLabel("Answer as Children's Social Care").fill('Yes: two children, open to early help.');
    await thread.getByRole('button', { name: "Send answer to Team A as Children's Social Care" }).click();
    await expect.poll(() => page.getByText("Your answer as Children's Social Care went to Team A.").count()).toBe(1);
    await expect.poll(() => thread.getByText('Yes: two children, open to early help.').count()).toBe(1);
    await expect.poll(() => thread.getByText("Children's Social Care (answered by staff)").count()).toBe(1);
    await expect.poll(() => boardRow(page, 'Team A').getByText('1 waiting').count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);

    // Releasing with nothing chosen: an error summary linked to the fields, and "Error: " in the title.
    const releaseButton = page.getByRole('button', { name: 'Release', exact: true });
    await releaseButton.click();
    const chooseLink = page.getByRole('link', { name: 'Choose what to release' });
    await expect.poll(() => chooseLink.count()).toBe(1);
    expect(await chooseLink.getAttribute('href')).toBe('#release-content');
    expect(await page.getByRole('link', { name: 'Choose at least one team' }).getAttribute('href')).toBe('#release-teams');
    await expect.poll(() => page.title()).toBe('Error: Facilitator console – Rehearse');
    await expectNoSeriousAccessibilityViolations(page);

    // The lead opens Team A's injects (both teams' scenarios have the same ones here, so they share a
    // group) and releases the partner's call to Team A, saying why. With two teams it could go to,
    // choosing it ticks neither; the facilitator note is folded under it.
    await page.getByText('Team A — Children at home').click();
    const partnerCall = page.getByLabel('Partner calls — Partner');
    expect(await partnerCall.getAttribute('aria-describedby')).toBeTruthy();
    const partnerHint = page.locator(`[id="${await partnerCall.getAttribute('aria-describedby')}"]`);
    expect(await partnerHint.textContent()).toContain('Released by a facilitator');
    expect(await page.getByText('FACILITATOR-NOTE tests judgement').isVisible()).toBe(false);
    await page.getByText('Facilitator note on Partner calls').click();
    await expect.poll(() => page.getByText('FACILITATOR-NOTE tests judgement').isVisible()).toBe(true);
    // In the release form once (the exercise clock's timeline lists it per scenario too).
    await expect.poll(() => page.locator('rh-release-form').getByText("Released automatically 30 minutes after going live").count()).toBe(1);
    await expect.poll(() => page.getByText("Released automatically when the team records 'Refer to Children's Social Care?' as 'Yes'").count()).toBe(1);
    await partnerCall.check();
    expect(await page.getByLabel('Team A (Children at home)').isChecked()).toBe(false);
    expect(await page.getByLabel('Team B (Works with children)').isChecked()).toBe(false);
    await page.getByLabel('Team A (Children at home)').check();
    await page.getByLabel('Reason (optional)').fill('They have not thought about the partner yet');
    await releaseButton.click();
    await expect.poll(() => page.getByText('Partner calls went to Team A.').count()).toBe(1);
    await expect.poll(() => page.title()).toBe('Facilitator console – Rehearse');

    // The release log shows it, with the reason and the lead's name; Team A has not read it yet.
    const logRow = page.getByRole('region', { name: 'Releases, newest first' }).getByRole('row', { name: /Partner calls/ });
    await expect.poll(() => logRow.count()).toBe(1);
    const logText = await logRow.textContent();
    expect(logText).toContain('Team A');
    expect(logText).toContain('Manual, by Test lead');
    expect(logText).toContain('They have not thought about the partner yet');
    expect(await logRow.getByRole('cell').last().textContent()).toBe('No');
    // Team A now shows one unread item; choosing the inject again says when Team A had it.
    await expect.poll(() => boardRow(page, 'Team A').getByRole('cell').nth(3).textContent()).toBe('1');
    await partnerCall.check();
    await expect.poll(() => page.getByText(/^Already released at \d\d:\d\d$/).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    expect(problems).toEqual([]);
    await browserContext.close();
  });

  it("refreshes only the row of a team whose work changed while teams keep typing", async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');
    const teamA = await joinAsTeam(context.app, run, 0);
    const teamB = await joinAsTeam(context.app, run, 1);
    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await openConsole(page, context.baseUrl, lead, run.id);
    await expect.poll(() => boardRow(page, 'Team A').getByRole('cell').nth(1).textContent()).toBe('0 of 1');

    // From here on, count what the board fetches.
    const fetched: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith(`/api/runs/${run.id}/console`)) fetched.push(pathname.slice(`/api/runs/${run.id}`.length));
    });
    // Team B keeps changing its answer while Team A answers: the board shows Team A's answer even
    // though Team B's events never stop arriving.
    let typing = true;
    const keepTyping = (async () => {
      for (let revision = 0; typing; revision += 1) {
        const saved = await context.app.inject({
          method: 'PUT',
          url: '/api/team/answers/children-in-household',
          headers: teamB,
          payload: { value: (['yes', 'no', 'unknown'] as const)[revision % 3], baseRevision: revision, idempotencyKey: randomUUID() },
        });
        if (saved.statusCode !== 200) throw new Error(`Team B's save answered ${saved.statusCode}: ${saved.body}`);
      }
    })();
    const answered = await context.app.inject({
      method: 'PUT',
      url: '/api/team/answers/children-in-household',
      headers: teamA,
      payload: { value: 'yes', baseRevision: 0, idempotencyKey: randomUUID() },
    });
    expect(answered.statusCode).toBe(200);
    await expect.poll(() => boardRow(page, 'Team A').getByRole('cell').nth(1).textContent(), { timeout: 10_000 }).toBe('1 of 1');
    // While Team B types, the board fetches the changed teams' rows, not the whole console for every
    // change (that at most once, if the live stream opened after the first load and asked for
    // everything, which may also be what brought Team A's answer).
    await expect.poll(() => fetched.includes('/console/teams'), { timeout: 10_000 }).toBe(true);
    typing = false;
    await keepTyping;
    expect(fetched.filter((path) => path === '/console').length).toBeLessThanOrEqual(1);
    await expectNoSeriousAccessibilityViolations(page);
    expect(problems).toEqual([]);
    await browserContext.close();
  });

  it('a lead reopens the work a team has submitted, from the board', async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');
    const teamB = await joinAsTeam(context.app, run, 1);
    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await openConsole(page, context.baseUrl, lead, run.id);
    await expect.poll(() => boardRow(page, 'Team B').count()).toBe(1);
    expect(await boardRow(page, 'Team B').getByRole('cell').last().textContent()).toBe('Not yet');

    // Team B submits; the board shows it, with a button to reopen the work.
    const submitted = await context.app.inject({ method: 'POST', url: '/api/team/submit', headers: teamB, payload: { confirmUnrecorded: true } });
    expect(submitted.statusCode).toBe(200);
    const reopen = boardRow(page, 'Team B').getByRole('button', { name: "Reopen Team B's work" });
    await expect.poll(() => reopen.count(), { timeout: 10_000 }).toBe(1);
    expect(await boardRow(page, 'Team B').getByRole('cell').last().textContent()).toMatch(/Yes, at \d\d:\d\d/);
    await expectNoSeriousAccessibilityViolations(page);

    await reopen.click();
    await expect.poll(() => page.getByText("Team B's work is open again.", { exact: false }).count()).toBe(1);
    await expect.poll(() => boardRow(page, 'Team B').getByRole('cell').last().textContent()).toBe('Not yet');
    await expectNoSeriousAccessibilityViolations(page);

    expect(problems).toEqual([]);
    await browserContext.close();
  });
});

describeInBrowser('the facilitator console on a 1280×800 laptop', (context) => {
  beforeAll(async () => {
    await importTestPack(context.app);
  });

  it('shows every team of a six-team run on the first screen, with the agency inbox before the release form', async () => {
    const lead = await signedInStaff(context.app, 'lead');
    const names = ['Team A', 'Team B', 'Team C', 'Team D', 'Team E', 'Team F'];
    const run = await createTestRun(context.app, lead, 'live', {
      teams: names.map((name, index) => ({ name, scenarioId: index % 2 === 0 ? 'household' : 'work' })),
    });
    const teamC = await joinAsTeam(context.app, run, 2);
    const message = await context.app.inject({
      method: 'POST',
      url: '/api/team/agencies/csc/messages',
      headers: teamC,
      payload: { body: 'Is the household known to you?', idempotencyKey: randomUUID() },
    });
    expect(message.statusCode).toBe(201);

    const browserContext = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);
    await page.goto(`${context.baseUrl}/runs/${run.id}/console`);
    await expect.poll(() => boardRow(page, 'Team F').count()).toBe(1);

    // Every team's row lies wholly inside the first screen, without scrolling.
    expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
    for (const name of names) {
      const box = await boardRow(page, name).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height, `${name}'s row ends inside the window`).toBeLessThanOrEqual(800);
    }
    // The page does not scroll sideways, and the inbox comes before (beside) the release form.
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1280);
    const inbox = await page.getByRole('heading', { name: /^Agency inbox/ }).boundingBox();
    const release = await page.getByRole('heading', { name: 'Release information' }).boundingBox();
    expect(inbox!.y).toBeLessThanOrEqual(release!.y);
    expect(inbox!.x).toBeLessThan(release!.x);
    await expect.poll(() => page.getByRole('article', { name: "Team C to Children's Social Care" }).count()).toBe(1);

    // The injects are folded per team: none of the radios shows until a group is opened.
    expect(await page.getByRole('radio').count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);
    await page.screenshot({ path: 'test-results/console-1280x800.png' });

    expect(problems).toEqual([]);
    await browserContext.close();
  });
});
