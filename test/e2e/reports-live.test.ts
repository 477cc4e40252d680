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
  RECORD_STREAM,
  setServerTime,
  signUpInPage,
  streamIsOpen,
} from '../support/e2e-flows.ts';

type Recorded = { __changes: { type: string; date?: string }[]; __isStreamOpen: boolean; __marker?: string };

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('reports that follow live (%s)', (database) => {
  const env = useServerAndBrowser(database);

  it("an open report counts a session completed on another device, without a reload, and ignores other weeks' changes", async () => {
    const { server, browser } = env;
    await setServerTime(server.url, { now: '2026-04-08T08:00:00Z' }); // Wednesday 10:00 in Berlin
    const email = `reports-live-${database}-${Date.now()}@example.test`;
    const laptop = await openContext(browser, server.url, LAPTOP);
    const phone = await openContext(browser, server.url, PHONE);
    await phone.context.addInitScript(RECORD_STREAM);
    const sheet = await laptop.context.newPage();
    const reports = await phone.context.newPage();
    await signUpInPage(sheet, email);
    await logInInPage(reports, email);

    await reports.goto('/reports');
    await streamIsOpen(reports);
    const loads = countNavigations(reports);
    await reports.evaluate(() => {
      (window as unknown as Recorded).__marker = 'the same page';
    });
    const fragmentFetches: string[] = [];
    reports.on('request', (request) => {
      if (new URL(request.url()).pathname === '/reports/fragment') fragmentFetches.push(request.url());
    });
    expect(await reports.getByTestId('report-range').textContent()).toBe('6 – 12 Apr 2026');
    expect(await reports.getByTestId('report-sessions').textContent()).toBe(
      'Nothing planned in this range yet.',
    );
    expect(await reports.getByTestId('report-focus').textContent()).toContain('0 min focused');

    // A goal planned for next week's Tuesday: outside the week shown, so nothing is fetched.
    await sheet.goto('/day/2026-04-14');
    await sheet.getByLabel('Goal for Personal 1').fill('Plan the launch');
    await sheet.getByLabel('Goal for Personal 1').press('Enter');
    await reports.waitForFunction(() =>
      (window as unknown as Recorded).__changes.some(
        (c) => c.type === 'session.updated' && c.date === '2026-04-14',
      ),
    );
    expect(await reports.locator('#report-figures').getAttribute('aria-busy')).toBeNull();

    // Today's first session, started and completed on the laptop: the phone's figures follow.
    await sheet.goto('/');
    await sheet.getByRole('button', { name: 'Start Personal 1' }).click();
    const sessions = reports.getByTestId('report-sessions');
    await sessions.filter({ hasText: '0 of 4 planned sessions completed (0%)' }).waitFor({ timeout: 5000 });
    await setServerTime(server.url, { advanceSeconds: 45 * 60 });
    await sheet.locator('#now').getByRole('button', { name: 'Complete' }).click();
    await sessions.filter({ hasText: '1 of 4 planned sessions completed (25%)' }).waitFor({ timeout: 5000 });
    expect(await reports.getByTestId('report-focus').textContent()).toContain(
      '45 min focused: 45 min personal, 0 min admin',
    );
    // The charts too: the bars' description and the heatmap's day.
    expect(await reports.locator('#chart-focus-desc').textContent()).toBe(
      '45 min of focus over 7 days; the busiest had 45 min.',
    );
    expect(await reports.locator('#report-year svg title').allTextContents()).toContain('Wed 8 Apr: 45 min');
    await expect.poll(() => reports.locator('#report-figures').getAttribute('aria-busy')).toBeNull();

    expect(loads()).toBe(0);
    expect(await reports.evaluate(() => (window as unknown as Recorded).__marker)).toBe('the same page');
    // One fetch for the start and one for the completion; none for next week's goal.
    const shown = `${server.url}/reports/fragment?from=2026-04-06&to=2026-04-12`;
    expect(fragmentFetches).toEqual([shown, shown]);
    expect(laptop.problems).toEqual([]);
    expect(phone.problems).toEqual([]);
    await laptop.context.close();
    await phone.context.close();
  });
});
