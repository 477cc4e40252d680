import { describe, expect, it } from 'vitest';
import {
  BROWSER_DATABASES,
  hasBrowser,
  LAPTOP,
  openContext,
  PHONE,
  useServerAndBrowser,
} from '../support/browser.ts';
import {
  countNavigations,
  logInInPage,
  notificationsOf,
  RECORD_NOTIFICATIONS,
  setServerTime,
  signUpInPage,
} from '../support/e2e-flows.ts';

// Chrome reports 4xx answers to fetch as console errors; a refused second start is expected here.
const REFUSED_START = {
  expectedProblems: [/Failed to load resource: the server responded with a status of 409/],
};

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('the sheet on two devices (%s)', (database) => {
  const env = useServerAndBrowser(database);

  it('a start on the laptop appears on the phone, a pause freezes both, a refresh keeps it, time-up notifies both', async () => {
    const { server, browser } = env;
    await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' }); // Monday 09:00 in Berlin
    const email = `sheet-${database}-${Date.now()}@example.test`;
    const contextOptions = { permissions: ['notifications'], timezoneId: 'Europe/Berlin' };
    const laptop = await openContext(browser, server.url, { ...LAPTOP, ...contextOptions }, REFUSED_START);
    const phone = await openContext(browser, server.url, { ...PHONE, ...contextOptions }, REFUSED_START);
    await laptop.context.addInitScript(RECORD_NOTIFICATIONS);
    await phone.context.addInitScript(RECORD_NOTIFICATIONS);
    const laptopPage = await laptop.context.newPage();
    const phonePage = await phone.context.newPage();
    await signUpInPage(laptopPage, email);
    await logInInPage(phonePage, email);
    const phoneLoads = countNavigations(phonePage);
    await expect.poll(() => phonePage.getByTestId('sheet-title').textContent()).toBe('Today · Mon 6 Apr');

    await laptopPage.getByLabel('Goal for Personal 1').fill('Draft the sync design note');
    await laptopPage.getByRole('button', { name: 'Start Personal 1' }).click();

    const phoneNow = phonePage.locator('#now');
    await phoneNow.waitFor({ timeout: 5000 });
    expect(await phoneNow.textContent()).toContain('Draft the sync design note');
    expect(await phonePage.locator('#now [role="timer"]').textContent()).toMatch(/^4[45]:\d\d$/);
    expect(phoneLoads()).toBe(0);

    await phonePage.locator('#now').getByRole('button', { name: 'Pause' }).click();
    await laptopPage.locator('#now .slot-tag', { hasText: 'paused' }).waitFor({ timeout: 5000 });
    const frozen = await laptopPage.locator('#now [role="timer"]').textContent();
    await laptopPage.waitForTimeout(1500);
    expect(await laptopPage.locator('#now [role="timer"]').textContent()).toBe(frozen);
    expect(await phonePage.locator('#now [role="timer"]').textContent()).toBe(frozen);

    await laptopPage.reload();
    expect(await laptopPage.locator('#now [role="timer"]').textContent()).toBe(frozen);
    expect(await laptopPage.locator('#now .slot-tag').textContent()).toBe('paused');

    await laptopPage.locator('#now').getByRole('button', { name: 'Resume' }).click();
    await phonePage.locator('#now .slot-tag', { hasText: 'running' }).waitFor({ timeout: 5000 });
    // Jump the server to three seconds before the end, and let both devices re-sync.
    const [minutes, seconds] = frozen!.split(':').map(Number);
    await setServerTime(server.url, { advanceSeconds: minutes! * 60 + seconds! - 3 });
    await laptopPage.reload();
    await phonePage.reload();
    for (const page of [laptopPage, phonePage]) {
      await page.locator('#now [role="timer"]', { hasText: "Time's up" }).waitFor({ timeout: 8000 });
      await expect
        .poll(() => notificationsOf(page), { timeout: 5000 })
        .toEqual([
          { title: "Time's up", body: "Personal 1 is done: 45 minutes on 'Draft the sync design note'" },
        ]);
    }
    expect(await laptopPage.locator('#announcer').textContent()).toContain('Time is up');

    await phonePage.locator('#now').getByRole('button', { name: 'Complete' }).click();
    await laptopPage.locator('#slot-1', { hasText: '✓ completed' }).waitFor({ timeout: 5000 });
    expect(await laptopPage.locator('#now').count()).toBe(0);
    // What a person sees, and what a screen reader is told instead of the dotted lines.
    const seen = laptopPage.getByTestId('day-progress').locator('[aria-hidden="true"]');
    await expect
      .poll(async () => (await seen.allTextContents()).map((line) => line.replaceAll('\u00a0', ' ')))
      .toEqual([
        '1 of 4 done · 25% · 0 in progress · 3 open · 0 skipped',
        'Personal 1 of 3 done · 33% · 0 in progress · 2 open · 0 skipped',
        'Admin 0 of 1 done · 0% · 0 in progress · 1 open · 0 skipped',
      ]);
    expect(await laptopPage.getByTestId('day-progress').ariaSnapshot()).toBe(
      [
        '- paragraph: "Today: 1 of 4 sessions done, 25 percent; 0 in progress; 3 still open; 0 skipped."',
        '- paragraph: "Personal: 1 of 3 personal sessions done, 33 percent; 0 in progress; 2 still open; 0 skipped."',
        '- paragraph: "Admin: 0 of 1 admin session done, 0 percent; 0 in progress; 1 still open; 0 skipped."',
      ].join('\n'),
    );

    await laptop.context.close();
    await phone.context.close();
  });

  it('two simultaneous starts from two devices leave one running on both', async () => {
    const { server, browser } = env;
    await setServerTime(server.url, { now: '2026-04-06T07:00:00Z' });
    const email = `race-${database}-${Date.now()}@example.test`;
    const laptop = await openContext(browser, server.url, LAPTOP, REFUSED_START);
    const phone = await openContext(browser, server.url, PHONE, REFUSED_START);
    const laptopPage = await laptop.context.newPage();
    const phonePage = await phone.context.newPage();
    await signUpInPage(laptopPage, email);
    await logInInPage(phonePage, email);
    await Promise.all([
      laptopPage.getByRole('button', { name: 'Start Personal 1' }).click(),
      phonePage.getByRole('button', { name: 'Start Personal 2' }).click(),
    ]);
    await expect
      .poll(
        async () => [
          await laptopPage.locator('#now').getAttribute('data-session-id'),
          await phonePage.locator('#now').getAttribute('data-session-id'),
        ],
        { timeout: 8000 },
      )
      .toSatisfy((ids: (string | null)[]) => ids[0] !== null && ids[0] === ids[1]);
    for (const page of [laptopPage, phonePage]) {
      expect(await page.locator('#now').count()).toBe(1);
      expect(await page.locator('.slot-tag', { hasText: 'running' }).count()).toBe(2); // the NOW panel and its slot
    }
    await laptop.context.close();
    await phone.context.close();
  });

  it('a page left open past local midnight moves to the new day by itself', async () => {
    const { server, browser } = env;
    const context = await openContext(browser, server.url, { ...PHONE, timezoneId: 'Pacific/Auckland' });
    const page = await context.context.newPage();
    await signUpInPage(page, `midnight-${database}-${Date.now()}@example.test`);
    // Set after signing up, which can take longer than the four seconds left on a busy machine.
    await setServerTime(server.url, { now: '2026-04-06T11:59:56Z' }); // 23:59:56 in Auckland
    await page.reload();
    expect(await page.getByTestId('sheet-title').textContent()).toBe('Today · Mon 6 Apr');
    await expect
      .poll(() => page.getByTestId('sheet-title').textContent(), { timeout: 12_000 })
      .toBe('Today · Tue 7 Apr');
    await context.context.close();
  });
});
