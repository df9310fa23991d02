/**
 * Issue 9 on a team's screens: "None of these" unticks the other options (and they untick it),
 * saying so to screen readers; a contradiction between answers is shown where the team answers;
 * the form says when the band will be shown; a decision tied to an
 * inject appears in the decision log when that inject is released, without a reload.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { importPack } from '../../server/packs/import.js';
import { Pack } from '../../server/packs/schema.js';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, watchForPageProblems } from '../helpers/browser.js';
import { testPack } from '../helpers/packs.js';
import { createTestRun } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

function exclusivePack() {
  const base = testPack();
  return Pack.parse({
    ...base,
    meta: { ...base.meta, id: 'exclusive-pack' },
    instrument: {
      ...base.instrument,
      bandShown: 'when-complete',
      sections: [
        ...base.instrument.sections,
        {
          id: 'behaviour',
          title: 'Current behaviour',
          items: [
            {
              id: 'behaviours',
              label: 'Is there evidence of any of these?',
              kind: 'multiple-choice',
              options: [
                { value: 'grooming', label: 'Grooming', points: 1 },
                { value: 'incitement', label: 'Incitement', points: 1 },
                { value: 'none', label: 'None of these', exclusive: true },
              ],
            },
          ],
        },
      ],
      contradictions: [
        {
          id: 'none-before-access',
          when: { all: [{ item: 'behaviours', includes: 'none' }, { item: 'children-in-household', answered: false }] },
          message: 'TEST-CONTRADICTION answer the question on children first.',
        },
      ],
    },
    scenarios: base.scenarios.map((scenario) => ({
      ...scenario,
      decisionPoints: [
        ...scenario.decisionPoints,
        { id: 'partner-response', question: 'How do you answer the partner?', appearsWith: 'partner-call', options: [{ id: 'tell', label: 'Tell her' }, { id: 'plan', label: 'Agree a plan' }] },
      ],
    })),
  });
}

const heading = (page: Page) => page.locator('h1').textContent();
const checked = (page: Page, label: string) => page.getByLabel(label, { exact: true }).isChecked();

describeInBrowser('exclusive options and decisions that appear with an inject', (context) => {
  it('unticks the others for "None of these", says when the band is shown, and shows a decision once its inject arrives', async () => {
    await importPack(context.app.database.db, exclusivePack());
    const lead = await signedInStaff(context.app, 'lead');
    const run = await createTestRun(context.app, lead, 'live', { packId: 'exclusive-pack' });

    const page = await (await context.browser.newContext({ viewport: { width: 390, height: 800 } })).newPage();
    const problems = watchForPageProblems(page);
    await page.goto(`${context.baseUrl}/join`);
    await page.getByLabel('Join code').fill(run.joinCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Team A').check();
    await page.getByRole('button', { name: 'Join the exercise' }).click();
    await expect.poll(() => heading(page)).toContain('Children at home');

    await page.goto(`${context.baseUrl}/team/form`);
    await expect.poll(() => heading(page)).toContain('Risk assessment');
    await expect.poll(() => page.getByText('The band your answers give is shown here once every required question is answered.').count()).toBe(1);

    await page.goto(`${context.baseUrl}/team/form/behaviour`);
    await expect.poll(() => heading(page)).toContain('Current behaviour');
    await page.getByLabel('Grooming', { exact: true }).check();
    await page.getByLabel('Incitement', { exact: true }).check();
    await page.getByLabel('None of these', { exact: true }).check();
    expect([await checked(page, 'Grooming'), await checked(page, 'Incitement'), await checked(page, 'None of these')]).toEqual([false, false, true]);
    await expect.poll(() => page.getByText('Unticked: Grooming, Incitement').count()).toBe(1);
    await page.getByLabel('Grooming', { exact: true }).check();
    expect([await checked(page, 'Grooming'), await checked(page, 'None of these')]).toEqual([true, false]);
    await expect.poll(() => page.getByText('Unticked: None of these').count()).toBe(1);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'All changes saved' }).count()).toBe(1);
    // The pack's contradiction is said where the team answers, once the answer that makes it is saved.
    // (The work, and with it the contradictions, is refetched after the save is acknowledged.)
    await expect.poll(() => page.getByText('TEST-CONTRADICTION', { exact: false }).count()).toBe(0);
    await page.getByLabel('None of these', { exact: true }).check();
    await expect.poll(() => page.getByText('TEST-CONTRADICTION answer the question on children first.').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);

    await page.goto(`${context.baseUrl}/team/decisions`);
    await expect.poll(() => heading(page)).toContain('Decision log');
    expect(await page.getByRole('link', { name: 'How do you answer the partner?' }).count()).toBe(0);
    const released = await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] },
    });
    expect(released.statusCode).toBe(200);
    await expect.poll(() => page.getByRole('link', { name: 'How do you answer the partner?' }).count(), { timeout: 15_000 }).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    expect(problems).toEqual([]);
  });
});
