/**
 * "Play the call" reads the transcript with the browser's speech synthesis. A browser with the API
 * but no voice (Linux Chromium without speech-dispatcher voices) would do nothing on a press: the
 * page says so instead. The browser's voice list is replaced before the page loads to test both.
 */
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, watchForPageProblems } from '../helpers/browser.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, type TestRun } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

async function joinAsTeamA(page: Page, baseUrl: string, run: TestRun): Promise<void> {
  await page.goto(`${baseUrl}/join`);
  // Team A's own code: another device may have joined it already.
  await page.getByLabel('Join code').fill(run.teams.find((team) => team.name === 'Team A')!.joinCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Team A').check();
  await page.getByRole('button', { name: 'Join the exercise' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toContain('Children at home');
}

describeInBrowser('playing the referral call', (context) => {
  let run: TestRun;
  beforeAll(async () => {
    await importTestPack(context.app);
    run = await createTestRun(context.app, await signedInStaff(context.app, 'lead'), 'live');
  });

  it('says so when the browser has no voice to read the call, and promises no recording', async () => {
    const browserContext = await context.browser.newContext();
    await browserContext.addInitScript(() => {
      Object.defineProperty(window.speechSynthesis, 'getVoices', { value: () => [] });
    });
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await joinAsTeamA(page, context.baseUrl, run);
    const play = page.getByRole('button', { name: 'Play the call' });
    await expect.poll(() => page.getByText('This browser has no voice installed to read the call aloud.').count(), { timeout: 5_000 }).toBe(1);
    expect(await play.isDisabled()).toBe(true);
    await expect.poll(() => page.getByText('There is no recording: read the full transcript below.').count()).toBe(1);
    await expect.poll(() => page.getByText('A referral for Children at home.').count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    expect(problems).toEqual([]);
    await browserContext.close();
  });

  it('reports a voice that fails while speaking instead of staying silent', async () => {
    const browserContext = await context.browser.newContext();
    await browserContext.addInitScript(() => {
      const synthesis = window.speechSynthesis;
      Object.defineProperty(synthesis, 'getVoices', { value: () => [{ name: 'Test voice', lang: 'en-GB' }] });
      Object.defineProperty(synthesis, 'speak', {
        value: (utterance: SpeechSynthesisUtterance) =>
          setTimeout(() => utterance.onerror?.({ error: 'synthesis-failed' } as SpeechSynthesisErrorEvent), 10),
      });
    });
    const page = await browserContext.newPage();
    const problems = watchForPageProblems(page);
    await joinAsTeamA(page, context.baseUrl, run);
    const play = page.getByRole('button', { name: 'Play the call' });
    await expect.poll(() => play.isEnabled()).toBe(true);
    await expect.poll(() => page.getByText('Read aloud by your browser’s voice from the transcript below; there is no recording.').count()).toBe(1);
    await play.click();
    await expect.poll(() => page.getByText('The browser could not read the call aloud. Read the transcript below.').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Play the call' }).count()).toBe(1);
    await expectNoSeriousAccessibilityViolations(page);
    expect(problems).toEqual([]);
    await browserContext.close();
  });
});
