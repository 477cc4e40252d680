import { beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/http-client.ts';
import { act, sessionIdsOf } from '../support/sheet.ts';
import { createTestApp, type TestApp, uniqueEmail } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-04-08T08:00:00Z') }); // Wednesday 8 April
});

async function logDay(browser: TestBrowser, date: string, slots: number[], minutes = 45) {
  const ids = await sessionIdsOf(browser, date);
  for (const slot of slots) {
    const response = await act(browser, ids[slot - 1]!, 'log', { minutes: String(minutes) });
    expect(response.status).toBe(303);
  }
}

describe('summaries on the sheet', () => {
  it("keeps yesterday's streak alive today and counts the week from the person's first day", async () => {
    t.clock.set(new Date('2026-04-08T08:00:00Z'));
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail(), undefined, 'Europe/Berlin');
    await logDay(browser, '2026-04-05', [1]); // Sunday, previous week when weeks start on Monday
    await logDay(browser, '2026-04-06', [1, 2, 3, 4]); // a full day
    await logDay(browser, '2026-04-07', [4]); // admin only: not a focused day
    let html = await (await browser.get('/')).text();
    expect(html).not.toContain('day streak');

    await logDay(browser, '2026-04-07', [2], 30);
    html = await (await browser.get('/')).text();
    expect(html).toContain('3-day streak · keep it going');
    expect(html).toContain('4 of 21 personal · 4 h 15 min focused · 2 focused days · 1 full day');

    const [today] = await sessionIdsOf(browser);
    await act(browser, today!, 'start');
    t.clock.advance(45 * 60);
    await act(browser, today!, 'complete');
    html = await (await browser.get('/')).text();
    expect(html).toContain('4-day streak');
    expect(html).not.toContain('keep it going');
    expect(html).toContain('Personal 1/3 · Admin 0/1');

    await browser.get('/settings');
    await browser.submit('/settings/preferences', {
      timeZone: 'Europe/Berlin',
      sessionLengthMinutes: '45',
      weekStart: 'sunday',
      theme: 'system',
    });
    html = await (await browser.get('/')).text();
    expect(html).toContain('6 of 21 personal · 5 h 45 min focused · 4 focused days · 1 full day');
  });

  it('shows the week view and a month heat-map of focus minutes', async () => {
    t.clock.set(new Date('2026-04-08T08:00:00Z'));
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail(), undefined, 'Europe/Berlin');
    await logDay(browser, '2026-04-02', [1, 2, 3], 45);
    await logDay(browser, '2026-04-06', [1], 20);
    const week = await (await browser.get('/week/2026-04-08')).text();
    expect(week).toContain('Week of Mon 6 Apr');
    expect(week).toContain('1 sessions completed · 20 min focused · 1 focused days · 0 full days');
    expect(week).toContain('Personal 1 · completed · 20 min');

    const month = await (await browser.get('/month/2026-04-15')).text();
    expect(month).toContain('April 2026');
    expect(month).toContain('2 h 35 min focused this month');
    expect(month).toMatch(/class="heat heat-4" aria-label="Thu 2 Apr: 2 h 15 min"/);
    expect(month).toMatch(/class="heat heat-1" aria-label="Mon 6 Apr: 20 min"/);
    expect(month).toMatch(/class="heat heat-0" aria-label="Tue 7 Apr: 0 min"/);
    expect((await browser.get('/month/2026-02-31')).status).toBe(422);
  });
});
