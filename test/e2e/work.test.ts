import { describe, expect, it } from 'vitest';
import {
  BROWSER_DATABASES,
  hasBrowser,
  openContext,
  PHONE,
  useServerAndBrowser,
} from '../support/browser.ts';
import { setServerTime, signUpInPage } from '../support/e2e-flows.ts';

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('a day tied to tasks (%s)', (database) => {
  const env = useServerAndBrowser(database);

  it('quick-adds a task, plans it, runs it with an interruption, records an outcome and finds it by search', async () => {
    const { server, browser } = env;
    await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' });
    const { context, problems } = await openContext(browser, server.url, {
      ...PHONE,
      timezoneId: 'Europe/Berlin',
    });
    const page = await context.newPage();
    await signUpInPage(page, `work-${database}-${Date.now()}@example.test`);

    await page.getByRole('link', { name: 'Tasks' }).click();
    await page.getByLabel('Add a task').fill('Fix login redirect #web !high tomorrow');
    await page.getByTestId('quick-add-understood').filter({ hasText: 'Priority: high' }).waitFor();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('link', { name: 'Fix login redirect' }).waitFor();

    await page.getByRole('button', { name: 'Plan into next free slot: “Fix login redirect”' }).click();
    await page.waitForURL('**/day/2026-04-06#slot-1');
    expect(await page.getByLabel('Goal for Personal 1').inputValue()).toBe('Fix login redirect');

    await page.getByRole('button', { name: 'Start Personal 1' }).click();
    await page.locator('#now').waitFor();
    await page.locator('#now').getByText('Interrupted…').click();
    await page.locator('#now').getByRole('button', { name: 'Meeting' }).click();
    await page.getByTestId('switch-timeline').first().filter({ hasText: 'meeting' }).waitFor();
    await page.locator('#now').getByRole('button', { name: 'Complete' }).click();
    await page.getByTestId('outcome-form').waitFor();
    await page.getByLabel('A short note on the outcome').fill('Found the cookie domain mismatch');
    await page.getByRole('button', { name: 'Progressed' }).click();
    await page.getByRole('button', { name: 'Progressed', pressed: true }).waitFor();

    await page.goto('/search?q=mismatch');
    const result = page.getByTestId('search-results').locator('li').first();
    expect(await result.locator('mark').textContent()).toBe('mismatch');
    await result.getByRole('link').click();
    await page.waitForURL('**/day/2026-04-06');
    expect(problems).toEqual([]);
    await context.close();
  });
});
