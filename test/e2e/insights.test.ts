import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.ts';
import { recomputeInsights } from '../../src/services/insights.ts';
import { hasBrowser, LAPTOP, openContext, useServerAndBrowser } from '../support/browser.ts';
import { countNavigations, setServerTime, signUpInPage } from '../support/e2e-flows.ts';
import { done, skip, storeDays } from '../support/insight-history.ts';

// Insights on a real server and page: a card is dismissed in place, and a new insight found by the
// background job after a change on another tab arrives on the open reports page by itself.
describe.skipIf(!hasBrowser)('insights in the browser', () => {
  const env = useServerAndBrowser('pglite');

  it('dismisses a card in place, and a new insight appears live after a skip elsewhere', async () => {
    const { server, browser } = env;
    await setServerTime(server.url, { now: '2026-04-09T13:00:00Z' }); // Thursday 15:00 in Berlin
    const email = `insights-${Date.now()}@example.test`;
    const { context, problems } = await openContext(browser, server.url, LAPTOP);
    const sheet = await context.newPage();
    await signUpInPage(sheet, email);
    const { db } = server.server.runtime.deps;
    const user = (await db.select().from(users).where(eq(users.email, email)))[0]!;
    await storeDays(db, user.id, {
      '2026-03-31': { 1: done(45, '2026-03-31T07:00:00Z'), 2: done(45, '2026-03-31T08:00:00Z') },
      '2026-04-07': { 1: skip, 2: skip, 3: skip },
      '2026-04-08': { 1: skip },
    });
    await recomputeInsights(server.server.runtime.deps, user.id);

    const reports = await context.newPage();
    await reports.goto('/reports');
    const loads = countNavigations(reports);
    const cards = reports.locator('#insight-cards');
    await cards.getByRole('heading', { name: 'Behind the pace for your weekly target' }).waitFor();
    await expect(cards.getByText('Weekly target', { exact: true }).isVisible()).resolves.toBe(true);
    await cards.getByRole('button', { name: 'Dismiss: Behind the pace for your weekly target' }).click();
    await cards.getByText('Nothing to point out for now.').waitFor();

    // The fifth skip in a row, on the sheet in another tab: the job finds a run of skips.
    await sheet.reload();
    await sheet.locator('#slot-1').getByRole('button', { name: 'Skip' }).click();
    await sheet.locator('#slot-1 .slot-tag', { hasText: 'skipped' }).waitFor();
    // The sheet re-fetches itself for session changes only: the insight event leaves it alone.
    const sheetFetches: string[] = [];
    sheet.on('request', (request) => {
      if (request.resourceType() === 'fetch') sheetFetches.push(request.url());
    });
    await cards.getByRole('heading', { name: 'A run of skipped sessions' }).waitFor({ timeout: 20_000 });
    await expect(
      cards.getByText('Your last 5 personal sessions, over 3 days, were skipped.').isVisible(),
    ).resolves.toBe(true);
    expect(await cards.getByText('Behind the pace for your weekly target').count()).toBe(0);
    expect(loads()).toBe(0);
    expect(sheetFetches).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
