/**
 * The group debrief on a projector: the projector view is a modal dialog that fills the window in
 * large type, shows every team's column, and gives focus back to its button when it closes.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, signInThroughPage, watchForPageProblems } from '../helpers/browser.js';
import { liveShippedRun, type ShippedRun } from '../helpers/shipped-run.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

describeInBrowser('the group debrief on a projector', (context) => {
  let lead: SignedInStaff;
  let run: ShippedRun;

  beforeAll(async () => {
    lead = await signedInStaff(context.app, 'lead');
    run = await liveShippedRun(context.app, lead, await signedInStaff(context.app, 'assessor'));
  });

  for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    it(`fills a ${viewport.width}×${viewport.height} screen in large type and closes back to its button`, async () => {
      const browserContext = await context.browser.newContext({ viewport });
      const page = await browserContext.newPage();
      const problems = watchForPageProblems(page);
      await signInThroughPage(page, context.baseUrl, lead);
      await page.goto(`${context.baseUrl}/runs/${run.id}/debrief`);
      const button = page.getByRole('button', { name: 'Show on a projector' });
      await expect.poll(() => button.count()).toBe(1);
      // On the page itself the debrief uses the wide page (at most 1600 px): no empty side column.
      const pageTable = await page.getByRole('table', { name: /The family home: model answer and teams/ }).boundingBox();
      expect(pageTable!.width).toBeGreaterThan(Math.min(viewport.width, 1600) * 0.9);

      await button.click();
      const dialog = page.getByRole('dialog', { name: /Group debrief: Northmoor PPU 2026/ });
      await expect.poll(() => dialog.count()).toBe(1);
      const box = await dialog.boundingBox();
      expect(box).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
      // Large type: the table text is at least 1.25 times the page's usual 19 px.
      const cellSize = await dialog.getByRole('cell').first().evaluate((cell) => parseFloat(getComputedStyle(cell).fontSize));
      expect(cellSize).toBeGreaterThanOrEqual(20);
      // Each scenario's table is as wide as the screen allows, not a column of it.
      const table = await dialog.getByRole('table', { name: /The family home: model answer and teams/ }).boundingBox();
      expect(table!.width).toBeGreaterThan(viewport.width * 0.9);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await expectNoSeriousAccessibilityViolations(page);
      await page.screenshot({ path: `test-results/debrief-projector-${viewport.width}.png` });

      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.count()).toBe(0);
      // Focus is back on the button (inside the page's shadow roots).
      const focusedIds = () =>
        page.evaluate(() => {
          const ids: string[] = [];
          for (let element = document.activeElement; element; element = element.shadowRoot?.activeElement ?? null) ids.push(element.id);
          return ids;
        });
      await expect.poll(focusedIds).toContain('show-on-projector');
      expect(problems).toEqual([]);
      await browserContext.close();
    });
  }
});
