import { describe, expect, it } from 'vitest';
import {
  BROWSER_DATABASES,
  hasBrowser,
  LAPTOP,
  openContext,
  PHONE,
  useServerAndBrowser,
} from '../support/browser.ts';

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('accounts in a browser (%s)', (database) => {
  const env = useServerAndBrowser(database);

  it('signs up, logs out, logs in on another device, and preferences follow the person', async () => {
    const { server, browser } = env;
    const email = `e2e-${database}-${Date.now()}@example.test`;
    const password = 'a calm and long passphrase';
    const laptop = await openContext(browser, server.url, { ...LAPTOP, timezoneId: 'America/New_York' });
    const page = await laptop.context.newPage();

    await page.goto('/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/?welcome=1');
    await page.getByText('Three deep sessions for you, one for admin.').waitFor();
    await page.goto('/settings');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('America/New_York');

    await page.goto('/settings');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');

    const phone = await openContext(browser, server.url, PHONE);
    const phonePage = await phone.context.newPage();
    await phonePage.goto('/');
    await phonePage.waitForURL('**/login');
    await phonePage.getByLabel('Email').fill(email);
    await phonePage.getByLabel('Password').fill(password);
    await phonePage.getByRole('button', { name: 'Log in' }).click();
    await phonePage.waitForURL((url) => url.pathname === '/');
    const phoneWidth = await phonePage.evaluate(() => document.documentElement.scrollWidth);
    expect(phoneWidth).toBeLessThanOrEqual(390);

    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    await phonePage.goto('/settings');
    await phonePage.getByLabel('Time zone').fill('Asia/Tokyo');
    await phonePage.getByLabel('Session length (minutes)').fill('50');
    await phonePage.getByLabel('Theme').selectOption('dark');
    await phonePage.getByRole('button', { name: 'Save preferences' }).click();
    await phonePage.getByText('Preferences saved.').waitFor();

    // The laptop's open sheet follows live: the theme switches without a reload. (A new time zone
    // can also move the page to another "today", which is a navigation of its own.)
    await expect.poll(() => page.locator('html').getAttribute('data-theme'), { timeout: 5000 }).toBe('dark');
    await expect
      .poll(
        async () =>
          page.goto('/settings').then(
            () => true,
            () => false,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    expect(await page.getByLabel('Session length (minutes)').inputValue()).toBe('50');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await page.getByText('Chrome on Linux').count()).toBeGreaterThanOrEqual(2);

    expect(laptop.problems).toEqual([]);
    expect(phone.problems).toEqual([]);
    await laptop.context.close();
    await phone.context.close();
  });
});
