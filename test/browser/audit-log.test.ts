import { expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, signInThroughPage, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

describeInBrowser('the audit log in Chromium', (context) => {
  it('a lead reads the audit log from the header and filters it by what happened', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');
    await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id], reason: 'Testing judgement' },
    });

    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Audit log');
    const rows = page.getByRole('table', { name: 'Audit entries, newest first' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('Released by a facilitator');
    expect(await rows.first().textContent()).toContain('Testing judgement');
    expect(await rows.nth(1).getByRole('cell').nth(6).textContent()).toBe('Live');
    // In words: the run's title, the team and the inject, never their ids.
    expect(await rows.first().textContent()).toContain('PPU 2026');
    expect(await rows.first().textContent()).toContain('Team A: inject “Partner calls”');
    expect(await rows.first().textContent()).not.toContain(run.teams[0]!.id);
    // Everything fits on one page: no paging controls.
    expect(await page.getByRole('button', { name: 'Older entries' }).count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(page);

    await page.getByLabel('What happened').selectOption('run.transition');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Run state changed');
    await expectNoSeriousAccessibilityViolations(page);

    expect(problems).toEqual([]);
    await browserContext.close();
  });
});
