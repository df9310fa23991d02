/**
 * Results in Chromium: a team reads its released feedback, a lead opens the group debrief and the
 * after-action report, and the report prints to a PDF whose text is checked with pdftotext. axe-core
 * checks each screen; no console errors are allowed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { App } from '../../server/app.js';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, joinThroughPage, signInThroughPage, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const heading = (page: Page) => page.locator('h1').textContent();

async function inject(app: App, method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) {
  const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return response;
}

async function idOf(app: App, staff: SignedInStaff): Promise<string> {
  return (await inject(app, 'GET', '/api/auth/session', staff.headers)).json().user.id;
}

/** A live, double-marked run with two teams on one scenario; Team A's assessors disagree and the lead moderates. */
async function markedRun(app: App, lead: SignedInStaff, first: SignedInStaff, second: SignedInStaff): Promise<TestRun> {
  const run = (
    await inject(app, 'POST', '/api/runs', lead.headers, {
      packId: 'test-pack',
      version: '1.0.0',
      cohortLabel: 'Northmoor PPU Cohort 7',
      exerciseDate: '2026-12-01',
      teams: [
        { name: 'Team A', scenarioId: 'household' },
        { name: 'Team B', scenarioId: 'household' },
      ],
      assessorIds: [await idOf(app, first), await idOf(app, second)],
      assessorsPerTeam: 2,
    })
  ).json() as TestRun;
  for (const to of ['open', 'live']) await inject(app, 'POST', `/api/runs/${run.id}/transitions`, lead.headers, { to, confirm: true });
  const justification = (actionAndReview: string) => ({ information: 'i', threatAndRisk: 't', powersAndPolicy: 'p', options: 'o', actionAndReview });
  for (const [index, option, action] of [
    [0, 'yes', 'Refer to CSC today; review on Friday'],
    [1, 'no', 'Monitor and review next month'],
  ] as const) {
    const team = await joinAsTeam(app, run, index);
    await inject(app, 'POST', '/api/team/decisions', team, {
      decisionId: 'refer-csc',
      options: [option],
      justification: justification(action),
      idempotencyKey: crypto.randomUUID(),
    });
  }
  const marks: Array<[number, SignedInStaff, string, string]> = [
    [0, first, 'strong', 'Clear threshold reasoning'],
    [0, second, 'adequate', 'Timing not explained'],
    [1, first, 'weak', 'No link to the children'],
    [1, second, 'weak', ''],
  ];
  for (const [index, assessor, levelId, comment] of marks) {
    await inject(app, 'PUT', `/api/runs/${run.id}/teams/${run.teams[index]!.id}/marks/referral-rationale`, assessor.headers, { levelId, comment });
  }
  for (const index of [0, 1]) {
    for (const assessor of [first, second]) await inject(app, 'POST', `/api/runs/${run.id}/teams/${run.teams[index]!.id}/marking/finish`, assessor.headers);
  }
  await inject(app, 'PUT', `/api/runs/${run.id}/teams/${run.teams[0]!.id}/moderations/referral-rationale`, lead.headers, {
    levelId: 'strong',
    reason: 'Named the children and the review date',
  });
  return run;
}

async function joinInBrowser(browser: Browser, baseUrl: string, run: TestRun, teamName: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  // The team's own code, as a second officer of a team already joined would type it.
  await joinThroughPage(page, baseUrl, run.teams.find((team) => team.name === teamName)!.joinCode, teamName);
  await expect.poll(() => heading(page)).toContain('Children at home');
  return page;
}

async function signedInPage(browser: Browser, baseUrl: string, staff: SignedInStaff): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInThroughPage(page, baseUrl, staff);
  return page;
}

describeInBrowser('results, debrief and report in Chromium', (context) => {
  it('a team reads its feedback once released; a lead opens the debrief and the report, and prints the report to PDF', async () => {
    await importTestPack(context.app);
    const lead = await signedInStaff(context.app, 'lead');
    const first = await signedInStaff(context.app, 'assessor');
    const second = await signedInStaff(context.app, 'assessor');
    const run = await markedRun(context.app, lead, first, second);

    const teamPage = await joinInBrowser(context.browser, context.baseUrl, run, 'Team A');
    const teamProblems = watchForPageProblems(teamPage);
    const nav = teamPage.getByRole('navigation', { name: 'Your exercise' });
    expect(await nav.getByRole('link', { name: 'Results' }).count()).toBe(0);

    // Before release the page says so and shows nothing of the rubric.
    await teamPage.goto(`${context.baseUrl}/team/results`);
    await expect.poll(() => teamPage.getByText('Your results are not released yet.').count()).toBe(1);
    expect(await teamPage.getByText('Justifies the referral').count()).toBe(0);

    for (const to of ['closed', 'results-released']) await inject(context.app, 'POST', `/api/runs/${run.id}/transitions`, lead.headers, { to, confirm: true });

    // After release the team nav offers Results, and the page shows the feedback.
    await teamPage.goto(`${context.baseUrl}/team`);
    await nav.getByRole('link', { name: 'Results' }).click();
    await expect.poll(() => heading(teamPage)).toContain('Your results');
    await expect.poll(() => teamPage.getByText('You scored 6 out of 6 points (100%).').count()).toBe(1);
    const objectives = teamPage.getByRole('table', { name: 'Your score on each learning objective' });
    await expect.poll(() => objectives.getByRole('row', { name: /Safeguard children/ }).getByText('100%').count()).toBe(1);
    await expect.poll(() => teamPage.getByRole('heading', { name: 'Justifies the referral' }).count()).toBe(1);
    await expect.poll(() => teamPage.getByText('Names the children, the threshold and the timing.').count()).toBe(1);
    await expect.poll(() => teamPage.getByText('Timing not explained').count()).toBe(1);
    await expect.poll(() => teamPage.getByText('Named the children and the review date').count()).toBe(1);
    await expect.poll(() => teamPage.getByRole('heading', { name: 'What good looks like' }).count()).toBe(1);
    await expect.poll(() => teamPage.getByText('MODEL-RATIONALE children in the household').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(teamPage);
    expect(teamProblems).toEqual([]);

    // The lead goes from the run page to the group debrief.
    const leadPage = await signedInPage(context.browser, context.baseUrl, lead);
    const leadProblems = watchForPageProblems(leadPage);
    await leadPage.getByRole('link', { name: 'Northmoor PPU Cohort 7' }).click();
    await expect.poll(() => heading(leadPage)).toContain('Northmoor PPU Cohort 7');
    await leadPage.getByRole('link', { name: 'Group debrief' }).click();
    await expect.poll(() => heading(leadPage)).toContain('Group debrief');
    const table = leadPage.getByRole('table', { name: 'Children at home: model answer and teams' });
    await expect.poll(() => table.count()).toBe(1);
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Decision', 'Model answer', 'Team A', 'Team B']);
    const decisionRow = table.getByRole('row', { name: /Refer to Children's Social Care\?/ });
    expect(await decisionRow.textContent()).toContain('Refer to CSC today; review on Friday');
    expect(await decisionRow.textContent()).toContain('Monitor and review next month');
    await leadPage.getByRole('button', { name: 'Show on a projector' }).click();
    await expect.poll(() => leadPage.getByRole('dialog', { name: /Group debrief/ }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(leadPage);
    await leadPage.keyboard.press('Escape');
    await expect.poll(() => leadPage.getByRole('dialog').count()).toBe(0);

    // …and to the after-action report.
    await leadPage.getByRole('link', { name: 'Back to the run' }).click();
    await expect.poll(() => leadPage.getByRole('link', { name: 'After-action report' }).count()).toBe(1);
    await leadPage.getByRole('link', { name: 'After-action report' }).click();
    await expect.poll(() => heading(leadPage)).toContain('After-action report');
    await expect.poll(() => leadPage.getByRole('heading', { name: 'Areas to improve' }).count()).toBe(1);
    // Team A 100%, Team B 0%: an average of 50%, under the 60% threshold.
    const objectiveRow = leadPage.getByRole('table', { name: 'Average score on each learning objective across teams' }).getByRole('row', { name: /Safeguard children/ });
    await expect.poll(() => objectiveRow.getByText('50%').count()).toBe(1);
    await expect.poll(() => objectiveRow.getByRole('cell', { name: 'Not met' }).count()).toBe(1);
    await expect.poll(() => leadPage.getByText('Suggestions for L&D to edit.').count()).toBe(1);
    await expect.poll(() => leadPage.getByRole('button', { name: 'Print or save as PDF' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(leadPage);

    // Printed: no header, navigation or button; the cohort, an objective and the sections remain.
    await leadPage.emulateMedia({ media: 'print' });
    expect(await leadPage.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    expect(await leadPage.getByRole('link', { name: 'Rehearse' }).isVisible()).toBe(false);
    const folder = await mkdtemp(join(tmpdir(), 'rehearse-report-'));
    try {
      const pdfPath = join(folder, 'report.pdf');
      await leadPage.pdf({ path: pdfPath, format: 'A4' });
      const { stdout: text } = await promisify(execFile)('/usr/bin/pdftotext', ['-layout', pdfPath, '-']);
      expect(text).toContain('Northmoor PPU Cohort 7');
      expect(text).toContain('Safeguard children');
      expect(text).toContain('Areas to improve');
      expect(text).toContain('Actions for next year');
      expect(text).not.toContain('Print or save as PDF');
      expect(text).not.toContain('Sign out');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    expect(leadProblems).toEqual([]);
  });
});
