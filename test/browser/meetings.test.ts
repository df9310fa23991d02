/**
 * A meeting played in two browsers: the team convenes the strategy discussion by its referral, its
 * member and the assessor playing Children's Social Care write the record at the same time and
 * each sees the other's entries without reloading; the chair closes it (asked first) and the team
 * sees the final minutes and the outcome. Then the presentation view, driven by the keyboard.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import {
  describeInBrowser,
  expectNoSeriousAccessibilityViolations,
  joinThroughPage,
  signInThroughPage,
  unexpectedProblems,
  watchForPageProblems,
} from '../helpers/browser.js';
import { liveShippedRun, type ShippedRun } from '../helpers/shipped-run.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

describeInBrowser('meetings and the presentation view', (context) => {
  let lead: SignedInStaff;
  let assessor: SignedInStaff;
  let run: ShippedRun;

  beforeAll(async () => {
    lead = await signedInStaff(context.app, 'lead');
    assessor = await signedInStaff(context.app, 'assessor');
    run = await liveShippedRun(context.app, lead, assessor);
    // Team 1's urgent referral convenes CSC's strategy discussion.
    const recorded = await context.app.inject({
      method: 'POST',
      url: '/api/team/decisions',
      headers: run.teamHeaders[0]!,
      payload: {
        decisionId: 'refer-csc',
        options: ['refer-now'],
        justification: {
          information: 'Three children live with the subject.',
          threatAndRisk: 'Direct access to children.',
          powersAndPolicy: 'Working Together: refer to CSC now.',
          options: 'Refer now, or after the arrest.',
          actionAndReview: 'Refer now and ask for a strategy discussion today.',
          ethics: 'The children come first.',
        },
        idempotencyKey: crypto.randomUUID(),
      },
    });
    expect(recorded.statusCode).toBe(201);
  });

  /** The text of an element and of the shadow roots inside it, as a person reads the screen. */
  function shadowText(page: Page, selector: string): Promise<string> {
    return page.evaluate((wanted) => {
      const textOf = (node: Node): string => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
        const element = node as Element;
        const children = [...(element.shadowRoot?.childNodes ?? []), ...node.childNodes];
        return children.map(textOf).join(' ');
      };
      const find = (root: Document | ShadowRoot): Element | null => {
        const found = root.querySelector(wanted);
        if (found) return found;
        for (const element of root.querySelectorAll('*')) {
          const inner = element.shadowRoot && find(element.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      const element = find(document);
      return element ? textOf(element).replace(/\s+/g, ' ') : '';
    }, selector);
  }

  const entryTexts = (page: Page) => shadowText(page, 'rh-meeting-record');

  it('lets the team and the assessor playing CSC write the record at once, then closes it into the team’s minutes', async () => {
    const teamContext = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const staffContext = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const teamPage = await teamContext.newPage();
    const staffPage = await staffContext.newPage();
    const teamProblems = watchForPageProblems(teamPage);
    const staffProblems = watchForPageProblems(staffPage);

    await joinThroughPage(teamPage, context.baseUrl, run.teams[0]!.joinCode, 'Team 1');
    await teamPage.getByRole('button', { name: 'I have read this: continue to the exercise' }).click();
    // The team's navigation has Meetings now that one is convened.
    await teamPage.getByRole('navigation', { name: 'Your exercise' }).getByRole('link', { name: 'Meetings' }).click();
    await expect.poll(() => teamPage.locator('h1').textContent()).toContain('Meetings');
    await expect.poll(() => teamPage.getByRole('heading', { name: /Strategy discussion, by video, chaired by Children's Social Care/ }).count()).toBe(1);

    await signInThroughPage(staffPage, context.baseUrl, assessor);
    await staffPage.goto(`${context.baseUrl}/runs/${run.id}/console`);
    await staffPage.getByRole('link', { name: 'Meetings', exact: true }).click();
    await staffPage.getByRole('link', { name: /Strategy discussion/ }).click();
    await expect.poll(() => staffPage.locator('h1').textContent()).toContain('Strategy discussion');
    await expectNoSeriousAccessibilityViolations(staffPage);

    // Both write at once: the team a minute, the assessor in role as CSC an action.
    await teamPage.getByLabel('Add a minute to “Information sharing: police, CSC, school and health”').fill('Police: two convictions and the chat summary shared.');
    await staffPage.getByLabel('Write as').selectOption('csc');
    await staffPage.getByLabel('Add an action', { exact: true }).fill('Collect Chloe and Ryan from school');
    await staffPage.getByLabel('Owner', { exact: true }).fill('Carol Rowntree, with the social worker');
    await staffPage.getByLabel('Due', { exact: true }).fill('Monday 15:15');
    await Promise.all([
      teamPage.getByRole('button', { name: 'Add the minute to “Information sharing: police, CSC, school and health”' }).click(),
      staffPage.getByRole('button', { name: 'Add the action' }).click(),
    ]);
    // Each sees both entries, without reloading.
    for (const page of [teamPage, staffPage]) {
      await expect.poll(() => entryTexts(page)).toContain('Police: two convictions and the chat summary shared.');
      await expect.poll(() => entryTexts(page)).toContain('Collect Chloe and Ryan from school');
    }
    await expect.poll(() => entryTexts(teamPage)).toContain("Children's Social Care (Harrowfield Council)");
    await expect.poll(() => entryTexts(teamPage)).toContain('Owner: Carol Rowntree, with the social worker. Due: Monday 15:15.');
    await expectNoSeriousAccessibilityViolations(teamPage);

    // An entry being written survives a reload of the page on this device.
    const unsaved = teamPage.getByLabel('Add a minute to “Where the children will be today, and who tells their mother, when”');
    await unsaved.fill('Grandmother to collect the children at 15:15.');
    await teamPage.reload();
    await expect.poll(() => unsaved.inputValue()).toBe('Grandmother to collect the children at 15:15.');
    await unsaved.fill('');

    // An empty minute is refused with an error summary linked to the field.
    await teamPage.getByRole('button', { name: 'Add the minute to “Introductions and what may be shared”' }).click();
    await expect.poll(() => teamPage.getByRole('link', { name: 'Write the minute' }).count()).toBe(1);

    // Closing asks first; then the team has the final minutes.
    await staffPage.getByRole('button', { name: 'Close the meeting' }).click();
    await staffPage.getByRole('button', { name: 'Yes, close the meeting' }).click();
    await expect.poll(() => staffPage.getByText(/The meeting closed at \d\d:\d\d\. Its outcome was released to the team\./).count()).toBe(1);
    await expect.poll(() => teamPage.getByText(/these are the final minutes/).count()).toBe(1);
    expect(await teamPage.getByRole('button', { name: /Add the minute/ }).count()).toBe(0);
    await teamPage.getByRole('link', { name: /Information feed/ }).click();
    await expect.poll(() => teamPage.getByText("Strategy discussion outcome (CSC chair's summary)").count()).toBeGreaterThan(0);

    expect(unexpectedProblems(teamProblems, [400])).toEqual([]);
    expect(unexpectedProblems(staffProblems)).toEqual([]);
    await teamContext.close();
    await staffContext.close();
  });

  it('fits the team’s meeting record on a phone', async () => {
    const phone = await context.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    await joinThroughPage(page, context.baseUrl, run.teams[0]!.joinCode, 'Team 1');
    await page.getByRole('button', { name: 'I have read this: continue to the exercise' }).click();
    await page.goto(`${context.baseUrl}/team/meetings`);
    await expect.poll(() => entryTexts(page)).toContain('Collect Chloe and Ryan from school');
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoSeriousAccessibilityViolations(page);
    await phone.close();
  });

  it('shows a team whose scenario convened no meeting neither a Meetings link nor another team’s meeting', async () => {
    const browserContext = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await browserContext.newPage();
    await joinThroughPage(page, context.baseUrl, run.teams[1]!.joinCode, 'Team 2');
    await page.getByRole('button', { name: 'I have read this: continue to the exercise' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Your exercise' }).getByRole('link', { name: 'Agencies' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Your exercise' }).getByRole('link', { name: 'Meetings' }).count()).toBe(0);
    await page.goto(`${context.baseUrl}/team/meetings`);
    await expect.poll(() => page.getByText('No meeting has been convened for your team yet.', { exact: false }).count()).toBe(1);
    await browserContext.close();
  });

  it('presents one team after another with the keyboard, in large type, without the rubric', async () => {
    const projector = await context.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await projector.newPage();
    const problems = watchForPageProblems(page);
    await signInThroughPage(page, context.baseUrl, lead);
    await page.goto(`${context.baseUrl}/runs/${run.id}/console`);
    await page.getByRole('link', { name: 'Presentation view' }).click();
    const heading = () => page.locator('rh-run-presentation-page h1').textContent();
    await expect.poll(heading).toContain('Team 1');
    const text = await shadowText(page, 'rh-run-presentation-page');
    expect(text).toContain('Refer now and ask for a strategy discussion today.');
    expect(text).toContain('Collect Chloe and Ryan from school');
    for (const hidden of ['Model answer', 'points', 'Expected band']) expect(text).not.toContain(hidden);
    const size = await page.locator('rh-run-presentation-page h1').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    await expectNoSeriousAccessibilityViolations(page);

    await page.keyboard.press('PageDown');
    await expect.poll(heading).toContain('Team 2');
    await page.keyboard.press('ArrowRight');
    await expect.poll(heading).toContain('Team 3');
    // Past the last team it stays there.
    await page.keyboard.press('PageDown');
    await expect.poll(heading).toContain('Team 3');
    await page.keyboard.press('PageUp');
    await expect.poll(heading).toContain('Team 2');
    await page.keyboard.press('Home');
    await expect.poll(heading).toContain('Team 1');
    expect(problems).toEqual([]);
    await projector.close();
  });
});
