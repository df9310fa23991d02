import { expect, it } from 'vitest';
import { describeInBrowser, expectNoSeriousAccessibilityViolations, watchForPageProblems } from '../helpers/browser.js';

describeInBrowser('the app shell in Chromium', (context) => {
  it('shows the start page with a healthy database, no accessibility failures and no CSP refusals', async () => {
    const page = await context.browser.newPage();
    const problems = watchForPageProblems(page);
    await page.goto(`${context.baseUrl}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Practise public protection decisions');
    await expect.poll(() => page.getByText('Connected').count()).toBe(1);
    expect(await page.title()).toBe('Practise public protection decisions – Rehearse');
    await expectNoSeriousAccessibilityViolations(page);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('offers a skip link as the first thing the keyboard reaches, which moves focus to the main content', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.baseUrl}/`);
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    const focusedId = await page.evaluate(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element?.id;
    });
    expect(focusedId).toBe('main-content');
    await page.close();
  });

  it('serves client-side routes from the server and moves focus to the new page heading', async () => {
    const page = await context.browser.newPage();
    const problems = watchForPageProblems(page);
    const response = await page.goto(`${context.baseUrl}/no/such/page`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Page not found');
    await page.getByRole('link', { name: /home/i }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Practise public protection decisions');
    const focusedTag = await page.evaluate(() => {
      let element: Element | null = document.activeElement;
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
      return element?.tagName;
    });
    expect(focusedTag).toBe('H1');
    await expectNoSeriousAccessibilityViolations(page);
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    await page.close();
  });

  it('renders the API docs with no script from anywhere but the server', async () => {
    const page = await context.browser.newPage();
    const problems = watchForPageProblems(page);
    await page.goto(`${context.baseUrl}/api/docs/`);
    await expect.poll(() => page.getByText('/api/health').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
