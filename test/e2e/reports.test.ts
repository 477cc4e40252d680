import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.ts';
import { recomputeInsights } from '../../src/services/insights.ts';
import {
  BROWSER_DATABASES,
  hasBrowser,
  openContext,
  type Page,
  PHONE,
  useServerAndBrowser,
} from '../support/browser.ts';
import { setServerTime, signUpInPage } from '../support/e2e-flows.ts';
import { pdfTextOf } from '../support/pdf-text.ts';
import { insertDays, insertTask, weekdayPattern } from '../support/report-history.ts';

/** Clicks a link that downloads a file and returns the file's bytes and suggested name. */
async function download(page: Page, linkName: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

// March 2026 under weekdayPattern: 22 weekdays stored (88 slots); slot 1 done every weekday (45 min),
// slot 2 done on the 13 Mondays, Wednesdays and Fridays (60 min) and skipped on the 9 Tuesdays and
// Thursdays, admin logged on the 4 Fridays (30 min); a meeting on each of 5 Mondays and a message on
// each of 4 Wednesdays.
const MARCH = {
  completed: 39,
  planned: 88,
  skipped: 9,
  focus: '31 h 30 min focused: 29 h 30 min personal, 2 h admin',
  interruptions: '9 interruptions',
};

describe.skipIf(!hasBrowser).each(BROWSER_DATABASES)('reports in the browser (%s)', (database) => {
  const env = useServerAndBrowser(database);

  it('reads a month of history with its charts, dismisses an insight and downloads the CSV and the PDF', async () => {
    const { server, browser } = env;
    await setServerTime(server.url, { now: '2026-04-08T08:00:00Z' }); // Wednesday 10:00 in Berlin
    const { context, problems } = await openContext(browser, server.url, { ...PHONE, acceptDownloads: true });
    const page = await context.newPage();
    const email = `reports-${database}-${Date.now()}@example.test`;
    await signUpInPage(page, email);
    const { deps } = server.server.runtime;
    const user = (await deps.db.select().from(users).where(eq(users.email, email)))[0]!;
    const taskId = await insertTask(deps.db, user.id, {
      project: 'Atlas',
      task: 'Sync engine',
      type: 'feature',
    });
    await insertDays(deps.db, user, weekdayPattern('2026-02-02', '2026-04-07', taskId));
    await recomputeInsights(deps, user.id);

    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('link', { name: 'Month' }).click();
    await page.getByRole('link', { name: 'Previous month' }).click();
    await page.getByTestId('report-range').filter({ hasText: '1 – 31 Mar' }).waitFor();

    const sessions = await page.getByTestId('report-sessions').textContent();
    expect(sessions).toContain(`${MARCH.completed} of ${MARCH.planned} planned sessions completed`);
    expect(sessions).toContain(`${MARCH.skipped} skipped`);
    expect(await page.getByTestId('report-focus').textContent()).toContain(MARCH.focus);
    expect(await page.getByTestId('report-switches').textContent()).toContain(MARCH.interruptions);
    expect(await page.getByTestId('report-projects').textContent()).toContain('Atlas: 13 h');

    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBeGreaterThanOrEqual(4);
    const focusChart = page.locator('#report-days svg[role="img"]');
    expect(await focusChart.isVisible()).toBe(true);
    expect((await focusChart.boundingBox())!.width).toBeLessThanOrEqual(390);

    // An insight from the person's own numbers, dismissed in place; it stays dismissed on reload.
    const cards = page.locator('#insight-cards');
    const firstTitle = (await cards.getByRole('heading').first().textContent())!.trim();
    expect(firstTitle.length).toBeGreaterThan(0);
    await cards.getByRole('button', { name: `Dismiss: ${firstTitle}` }).click();
    await cards.getByRole('heading', { name: firstTitle }).waitFor({ state: 'detached' });
    await page.reload();
    expect(await page.locator('#insight-cards').getByRole('heading', { name: firstTitle }).count()).toBe(0);

    const csv = await download(page, 'Sessions as CSV');
    expect(csv.name).toBe('deepsheet-sessions-2026-03-01-to-2026-03-31.csv');
    const rows = csv.bytes.toString('utf8').trim().split(/\r\n/);
    expect(rows).toHaveLength(1 + MARCH.planned);
    expect(rows.filter((row) => row.includes(',completed,'))).toHaveLength(MARCH.completed);

    const pdf = await download(page, 'This report as PDF');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfTextOf(pdf.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('1 Mar 2026 – 31 Mar 2026');
    expect(text).toContain(
      `Sessions planned ${MARCH.planned} Completed ${MARCH.completed} Skipped ${MARCH.skipped}`,
    );
    expect(text).toContain('Focus in total 31 h 30 min');
    expect(text).toContain('Meeting 5 Message 4');
    expect(text).not.toContain(firstTitle);
    expect(problems).toEqual([]);
    await context.close();
  });
});
