import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { App } from '../../server/app.js';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, signInThroughPage, unexpectedProblems, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

function heading(page: Page) {
  return page.locator('h1').textContent();
}

/** The id of the focused element, looking inside shadow roots. */
function focusedId(page: Page) {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return element?.id ?? '';
  });
}

async function idOf(app: App, staff: SignedInStaff): Promise<string> {
  return (await app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers })).json().user.id;
}

/** A live run marked by both assessors, whose Team A has recorded its CSC decision. */
async function doubleMarkedRun(app: App, lead: SignedInStaff, assessors: SignedInStaff[]): Promise<TestRun> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: lead.headers,
    payload: {
      packId: 'test-pack',
      version: '1.0.0',
      cohortLabel: 'PPU Marking 2026',
      exerciseDate: '2026-12-01',
      teams: [{ name: 'Team A', scenarioId: 'household' }],
      assessorIds: await Promise.all(assessors.map((assessor) => idOf(app, assessor))),
      assessorsPerTeam: 2,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const run = created.json() as TestRun;
  for (const to of ['open', 'live']) {
    const moved = await app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload: { to } });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  const team = await joinAsTeam(app, run, 0);
  const decided = await app.inject({
    method: 'POST',
    url: '/api/team/decisions',
    headers: team,
    payload: {
      decisionId: 'refer-csc',
      options: ['yes'],
      justification: {
        information: 'PNC and CSC checks made',
        threatAndRisk: 'Two children in the household',
        powersAndPolicy: 'Children Act 1989 s47',
        options: 'Referral now or strategy meeting',
        actionAndReview: 'Refer today, review tomorrow',
      },
      idempotencyKey: crypto.randomUUID(),
    },
  });
  expect(decided.statusCode, decided.body).toBeLessThan(300);
  return run;
}

async function openSignedIn(browser: Browser, baseUrl: string, staff: SignedInStaff) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchForPageProblems(page);
  await signInThroughPage(page, baseUrl, staff);
  return { context, page, problems };
}

describeInBrowser('double marking and moderation in Chromium', (context) => {
  it('an assessor marks by keyboard and finishes, sees the other mark once both finish, and the lead moderates the disagreement', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const first = await signedInStaff(context.app, 'assessor');
    const second = await signedInStaff(context.app, 'assessor');
    const run = await doubleMarkedRun(context.app, lead, [first, second]);
    const teamId = run.teams[0]!.id;
    const marksUrl = `/api/runs/${run.id}/teams/${teamId}/marking`;

    // The first assessor finds the team from the run page.
    const assessor = await openSignedIn(context.browser, context.baseUrl, first);
    const page = assessor.page;
    await page.goto(`${context.baseUrl}/runs/${run.id}`);
    await expect.poll(() => heading(page)).toContain('PPU Marking 2026');
    expect(await page.getByRole('link', { name: 'Agreement and moderation' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Mark teams' }).click();
    await expect.poll(() => heading(page)).toContain('Mark teams');
    await expect.poll(() => page.getByText('Marked by 2 assessors; marks are hidden from each other until both have finished.').count()).toBe(1);
    expect(await page.getByRole('row', { name: /Team A/ }).textContent()).toContain('Not started');
    await expectNoSeriousAccessibilityViolations(page);

    // The marking screen opens on the criterion to mark, beside the decision it is about.
    await page.getByRole('link', { name: 'Team A' }).click();
    await expect.poll(() => heading(page)).toContain('Team A');
    await expect.poll(() => page.getByText('Criterion 2 of 2').count()).toBe(1);
    expect(await page.title()).toBe('Marking Team A – Rehearse');
    await expect.poll(() => page.getByText('Two children in the household').count()).toBe(1);
    await expect.poll(() => page.getByText('Keyboard shortcuts').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    // "p" goes back to the automatic criterion, read-only with its points; "n" comes forward again.
    await page.locator('body').press('p');
    await expect.poll(() => page.getByText('Criterion 1 of 2').count()).toBe(1);
    await expect.poll(() => page.getByText('2 of 2 points').count()).toBe(1);
    expect(await focusedId(page)).toBe('rubric-heading');

    // Finishing with the judgement criterion unmarked: the error links to it, and opens it.
    await page.getByRole('button', { name: 'Finish marking this team' }).click();
    const unmarked = page.getByRole('link', { name: /Choose a level for/ });
    await expect.poll(() => unmarked.count()).toBe(1);
    expect(await page.title()).toBe('Error: Marking Team A – Rehearse');
    await unmarked.click();
    await expect.poll(() => page.getByText('Criterion 2 of 2').count()).toBe(1);
    await expect.poll(() => focusedId(page)).toBe('level-referral-rationale');
    await expectNoSeriousAccessibilityViolations(page);

    // Alt+← and Alt+→ move too; then "3" chooses Strong and saves it.
    await page.locator('body').press('Alt+ArrowLeft');
    await expect.poll(() => page.getByText('Criterion 1 of 2').count()).toBe(1);
    await page.locator('body').press('Alt+ArrowRight');
    await expect.poll(() => page.getByText('Criterion 2 of 2').count()).toBe(1);
    await page.locator('body').press('3');
    await expect.poll(() => page.getByLabel(/Strong/).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved');
    const comment = page.getByLabel('Your comment (optional)');
    await comment.fill('Names the children, the threshold and the timing');
    // A number typed in the comment is text, not a level.
    await comment.press('1');
    expect(await page.getByLabel(/Strong/).isChecked()).toBe(true);
    await expect
      .poll(async () => {
        const view = (await context.app.inject({ method: 'GET', url: marksUrl, headers: first.headers })).json();
        return view.criteria.find((criterion: { id: string }) => criterion.id === 'referral-rationale').mine;
      })
      .toMatchObject({ levelId: 'strong', comment: 'Names the children, the threshold and the timing1' });
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Saved');

    await page.getByRole('button', { name: 'Finish marking this team' }).click();
    await expect.poll(() => page.getByText(/You finished marking this team on/).count()).toBe(1);
    expect(await page.getByRole('radio').count()).toBe(0);
    await expect.poll(() => page.getByText('Marked by 2 assessors; marks are hidden from each other until both have finished. 1 of 2 finished so far.').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    // The second assessor marks Weak and finishes, through the API.
    const weak = await context.app.inject({
      method: 'PUT',
      url: `/api/runs/${run.id}/teams/${teamId}/marks/referral-rationale`,
      headers: second.headers,
      payload: { levelId: 'weak', comment: 'No threshold named' },
    });
    expect(weak.statusCode, weak.body).toBe(204);
    const finished = await context.app.inject({ method: 'POST', url: `${marksUrl}/finish`, headers: second.headers });
    expect(finished.statusCode, finished.body).toBe(200);

    // Unblinded: the first assessor now sees the other mark beside theirs.
    await page.reload();
    await expect.poll(() => page.getByText('Other assessors’ marks').count()).toBe(1);
    await expect.poll(() => page.getByText('Weak (0 points)').count()).toBe(1);
    await expect.poll(() => page.getByText('Comment: No threshold named').count()).toBe(1);
    await expect.poll(() => page.getByText('Strong (4 points)').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    expect(unexpectedProblems(assessor.problems, [400])).toEqual([]);

    // The lead sees the disagreement and moderates it.
    const moderator = await openSignedIn(context.browser, context.baseUrl, lead);
    const leadPage = moderator.page;
    await leadPage.goto(`${context.baseUrl}/runs/${run.id}`);
    await expect.poll(() => heading(leadPage)).toContain('PPU Marking 2026');
    await leadPage.getByRole('link', { name: 'Agreement and moderation' }).click();
    await expect.poll(() => heading(leadPage)).toContain('Agreement and moderation');
    await expect.poll(() => leadPage.getByText('Team A: Justifies the referral').count()).toBe(1);
    expect(await leadPage.getByRole('table', { name: 'Overall, across every criterion' }).textContent()).toContain('0%');
    await expect.poll(() => leadPage.getByText('1 is perfect agreement, 0 is what chance alone would give', { exact: false }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(leadPage);

    // Saving without a level or reason is stopped with both problems.
    await leadPage.getByRole('button', { name: 'Save the final mark' }).click();
    await expect.poll(() => leadPage.getByRole('link', { name: 'Give the reason for the final mark' }).count()).toBe(1);
    await expect.poll(() => leadPage.getByRole('link', { name: 'Choose the final level' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(leadPage);

    await leadPage.getByLabel(/Adequate/).check();
    await leadPage.getByLabel('Reason for the final mark').fill('Names the children but not the timing');
    await leadPage.getByRole('button', { name: 'Save the final mark' }).click();
    await expect.poll(() => leadPage.getByText('Moderated', { exact: true }).count()).toBe(1);
    await expect.poll(() => leadPage.getByText('Adequate (2 points)').count()).toBe(1);
    expect(await leadPage.getByRole('button', { name: 'Save the final mark' }).count()).toBe(0);
    await expectNoSeriousAccessibilityViolations(leadPage);
    expect(unexpectedProblems(moderator.problems)).toEqual([]);

    // The assessor sees the moderated mark too.
    await page.reload();
    await expect.poll(() => page.getByText('Moderated mark').count()).toBe(1);
    await expect.poll(() => page.getByText('Reason: Names the children but not the timing').count()).toBe(1);
    expect(unexpectedProblems(assessor.problems, [400])).toEqual([]);

    await assessor.context.close();
    await moderator.context.close();
  }, 90_000);
});
