import { randomUUID } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeInBrowser, joinThroughPage, unexpectedProblems, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

function heading(page: Page) {
  return page.locator('h1').textContent();
}

const isWorkFetch = (request: Request) => request.method() === 'GET' && new URL(request.url()).pathname === '/api/team/work';
const isAnswerSave = (request: Request) => request.method() === 'PUT' && new URL(request.url()).pathname.startsWith('/api/team/answers/');

describeInBrowser('autosave sends what was typed and fetches only what others changed', (context) => {
  it('makes five changes with five saves and no fetch of the work, and fetches it when a teammate saves', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live');
    const browserContext = await context.browser.newContext();
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await joinThroughPage(page, context.baseUrl, run.teams[0]!.joinCode, 'Team A');
    await expect.poll(() => heading(page)).toContain('Children at home');

    // Opening the page loads the work once, when its event stream has opened (not also before).
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    const opened = page.waitForResponse((response) => isWorkFetch(response.request()));
    await page.goto(`${context.baseUrl}/team/form/access`);
    await opened;
    await expect.poll(() => heading(page)).toContain('Access to children');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'All changes saved' }).count()).toBe(1);
    expect(requests.filter(isWorkFetch)).toHaveLength(1);
    requests.length = 0;

    // Five changes, each saved before the next: five writes, each revision one more.
    const values = ['Yes', 'No', 'Yes', 'No', 'Yes'];
    for (const [index, label] of values.entries()) {
      const saved = page.waitForResponse((response) => isAnswerSave(response.request()) && response.status() === 200);
      await page.getByLabel(label, { exact: true }).check();
      expect((await (await saved).json()).revision).toBe(index + 1);
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'All changes saved' }).count()).toBe(1);
    }

    // A teammate on another device changes the answer. Its event reaches this page after the echoes
    // of the five saves (one stream, in order), so once the page shows the teammate's answer every
    // echo has been heard, and the only fetch of the work was for the teammate's change.
    const teammate = await joinAsTeam(context.app, run, 0);
    const refetched = page.waitForResponse((response) => isWorkFetch(response.request()));
    const theirs = await context.app.inject({
      method: 'PUT',
      url: '/api/team/answers/children-in-household',
      headers: teammate,
      payload: { value: 'no', baseRevision: values.length, idempotencyKey: randomUUID() },
    });
    expect(theirs.statusCode).toBe(200);
    await refetched;
    await expect.poll(() => page.getByLabel('No', { exact: true }).isChecked()).toBe(true);

    expect(requests.filter(isAnswerSave)).toHaveLength(values.length);
    expect(requests.filter(isWorkFetch)).toHaveLength(1);
    expect(unexpectedProblems(problems)).toEqual([]);
    await browserContext.close();
  });
});
