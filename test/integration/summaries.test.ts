import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiCaller, apiCaller } from '../support/api.ts';
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
    let html = await readable(await browser.get('/'));
    expect(html).not.toContain('day streak');

    await logDay(browser, '2026-04-07', [2], 30);
    html = await readable(await browser.get('/'));
    expect(html).toContain('3-day streak · keep it going');
    expect(html).toContain('4 of 21 personal · 19% · 4 h 15 min focused · 2 focused days · 1 full day');

    const [today] = await sessionIdsOf(browser);
    await act(browser, today!, 'start');
    t.clock.advance(45 * 60);
    await act(browser, today!, 'complete');
    html = await readable(await browser.get('/'));
    expect(html).toContain('4-day streak');
    expect(html).not.toContain('keep it going');
    expect(html).toContain('1 of 4 done · 25% · 0 in progress · 3 open · 0 skipped');
    expect(html).toContain('Personal 1 of 3 done · 33% · 0 in progress · 2 open · 0 skipped');

    await browser.get('/settings');
    await browser.submit('/settings/preferences', {
      timeZone: 'Europe/Berlin',
      sessionLengthMinutes: '45',
      weekStart: 'sunday',
      theme: 'system',
    });
    html = await readable(await browser.get('/'));
    expect(html).toContain('6 of 21 personal · 29% · 5 h 45 min focused · 4 focused days · 1 full day');
  });

  it('shows the week view and a month heat-map of focus minutes', async () => {
    t.clock.set(new Date('2026-04-08T08:00:00Z'));
    const browser = new TestBrowser(t.app);
    await browser.signUp(uniqueEmail(), undefined, 'Europe/Berlin');
    await logDay(browser, '2026-04-02', [1, 2, 3], 45);
    await logDay(browser, '2026-04-06', [1], 20);
    const week = await readable(await browser.get('/week/2026-04-08'));
    expect(week).toContain('Week of Mon 6 Apr');
    expect(week).toContain('1 session completed · 20 min focused · 1 focused day · 0 full days');
    expect(week).toContain('Personal 1 · completed · 20 min');
    expect(week).toContain('1 of 28 done · 4% · 0 in progress · 27 open · 0 skipped');
    expect(week).toContain('Personal 1 of 21 done · 5% · 0 in progress · 20 open · 0 skipped');
    expect(week).toContain('Admin 0 of 7 done · 0% · 0 in progress · 7 open · 0 skipped');
    expect(week).toContain('Personal 1 of 3 · Admin 0 of 1 · 20 min');

    const month = await (await browser.get('/month/2026-04-15')).text();
    expect(month).toContain('April 2026');
    expect(month).toContain('2 h 35 min focused this month');
    expect(month).toMatch(/class="heat heat-4" aria-label="Thu 2 Apr: 2 h 15 min"/);
    expect(month).toMatch(/class="heat heat-1" aria-label="Mon 6 Apr: 20 min"/);
    expect(month).toMatch(/class="heat heat-0" aria-label="Tue 7 Apr: 0 min"/);
    expect((await browser.get('/month/2026-02-31')).status).toBe(422);
  });
});

/** A page's HTML with no-break spaces read as spaces: the lines wrap only between their parts. */
async function readable(response: Response): Promise<string> {
  return (await response.text()).replaceAll('\u00a0', ' ');
}

/** The text of the element with `data-testid`, tags dropped: what a person reads on the page. */
function textOf(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  if (start < 0) throw new Error(`no ${testId} on the page`);
  const from = html.indexOf('>', start) + 1;
  const to = html.indexOf('</p>', from);
  return html.slice(from, to);
}

/** The session ids of a day through the API, in slot order. */
async function idsOf(caller: ApiCaller, date: string): Promise<string[]> {
  const day = (await (await caller.call(`/days/${date}`)).json()) as { sessions: { id: string }[] };
  return day.sessions.map((s) => s.id);
}

async function apiAct(caller: ApiCaller, id: string, action: string, json?: unknown) {
  const response = await caller.call(`/sessions/${id}/${action}`, { method: 'POST', json: json ?? {} });
  expect(response.status, await response.clone().text()).toBe(200);
}

describe("the day's numbers: done of total, percentage, in progress, open, skipped", () => {
  // Wednesday 8 April, 09:00 in Berlin: Personal 1 and 2 done, Personal 3 running, Admin skipped;
  // Monday 6 April had one personal session logged.
  async function planADay(): Promise<ApiCaller> {
    t.clock.set(new Date('2026-04-08T07:00:00Z'));
    const caller = await apiCaller(t);
    const [monday] = await idsOf(caller, '2026-04-06');
    await apiAct(caller, monday!, 'log', { minutes: 45 });
    const [p1, p2, p3, admin] = await idsOf(caller, '2026-04-08');
    for (const id of [p1!, p2!]) {
      await apiAct(caller, id, 'start');
      t.clock.advance(45 * 60);
      await apiAct(caller, id, 'complete');
    }
    await apiAct(caller, admin!, 'skip');
    await apiAct(caller, p3!, 'start');
    t.clock.advance(10 * 60);
    return caller;
  }

  const DAY = {
    sessionsCompleted: 2,
    sessionsTotal: 4,
    sessionsPercent: 50,
    sessionsInProgress: 1,
    sessionsOpen: 1,
    sessionsSkipped: 1,
    personalCompleted: 2,
    personalTotal: 3,
    personalPercent: 67, // 66.67 rounds up
    personalInProgress: 1,
    personalOpen: 1, // the running one: neither completed nor skipped
    personalSkipped: 0,
    adminCompleted: 0,
    adminTotal: 1,
    adminPercent: 0,
    adminInProgress: 0,
    adminOpen: 0,
    adminSkipped: 1,
  };

  it('answers them in the day summary, the day and each day of the week, personal and admin apart', async () => {
    const caller = await planADay();
    const summary = await (await caller.call('/summaries/day')).json();
    expect(summary).toMatchObject({ date: '2026-04-08', ...DAY, isFocused: true, isFull: false });
    expect((await (await caller.call('/days/2026-04-08')).json()).progress).toMatchObject(DAY);

    const week = await (await caller.call('/summaries/week?date=2026-04-08')).json();
    expect(week.days[2]).toMatchObject({ date: '2026-04-08', ...DAY });
    expect(week.days[0]).toMatchObject({
      date: '2026-04-06',
      sessionsCompleted: 1,
      sessionsPercent: 25,
      sessionsOpen: 3,
      personalPercent: 33, // 33.33 rounds down
    });
    // An untouched day: nothing stored, every slot open, 0 of 4 is 0%.
    expect(week.days[6]).toMatchObject({
      sessionsCompleted: 0,
      sessionsTotal: 4,
      sessionsPercent: 0,
      sessionsInProgress: 0,
      sessionsOpen: 4,
      sessionsSkipped: 0,
    });
  });

  it('adds the week up, with percentages of the sums', async () => {
    const caller = await planADay();
    const week = await (await caller.call('/summaries/week?date=2026-04-08')).json();
    expect(week).toMatchObject({
      start: '2026-04-06',
      sessionsCompleted: 3,
      sessionsTotal: 28,
      sessionsPercent: 11, // 10.7
      sessionsInProgress: 1,
      sessionsOpen: 24,
      sessionsSkipped: 1,
      personalCompleted: 3,
      personalTotal: 21,
      personalPercent: 14, // 14.3
      personalInProgress: 1,
      personalOpen: 18,
      personalSkipped: 0,
      adminCompleted: 0,
      adminTotal: 7,
      adminPercent: 0,
      adminInProgress: 0,
      adminOpen: 6,
      adminSkipped: 1,
    });
  });

  it('shows the same numbers on the sheet and the week page, in words a screen reader can follow', async () => {
    const caller = await planADay();
    const browser = new TestBrowser(t.app);
    await browser.logIn(caller.email, 'a calm and long passphrase');
    const sheet = await readable(await browser.get('/'));
    // On a phone the line wraps between its parts, never inside one.
    expect(await (await browser.get('/')).text()).toContain(
      '2\u00a0of\u00a04\u00a0done · 50% · 1\u00a0in\u00a0progress',
    );
    expect(textOf(sheet, 'day-progress-all')).toContain(
      '2 of 4 done · 50% · 1 in progress · 1 open · 1 skipped',
    );
    expect(textOf(sheet, 'day-progress-personal')).toContain(
      'Personal 2 of 3 done · 67% · 1 in progress · 1 open · 0 skipped',
    );
    expect(textOf(sheet, 'day-progress-admin')).toContain(
      'Admin 0 of 1 done · 0% · 0 in progress · 0 open · 1 skipped',
    );
    // Screen readers hear a sentence instead of the dotted line, which is hidden from them.
    expect(textOf(sheet, 'day-progress-all')).toContain('<span aria-hidden="true">2 of 4 done · 50%');
    expect(textOf(sheet, 'day-progress-all')).toContain(
      '<span class="sr-only">Today: 2 of 4 sessions done, 50 percent; 1 in progress; 1 still open, counting those in progress; 1 skipped.</span>',
    );
    expect(textOf(sheet, 'day-progress-admin')).toContain(
      'Admin: 0 of 1 admin session done, 0 percent; 0 in progress; 0 still open; 1 skipped.',
    );
    expect(sheet).toContain('3 of 21 personal · 14% · 2 h 15 min focused');

    const monday = await readable(await browser.get('/day/2026-04-06'));
    expect(textOf(monday, 'day-progress-all')).toContain(
      '1 of 4 done · 25% · 0 in progress · 3 open · 0 skipped',
    );
    expect(textOf(monday, 'day-progress-all')).toContain('Mon 6 Apr: 1 of 4 sessions done');

    const week = await readable(await browser.get('/week/2026-04-08'));
    expect(textOf(week, 'week-progress-all')).toContain(
      '3 of 28 done · 11% · 1 in progress · 24 open · 1 skipped',
    );
    expect(textOf(week, 'week-progress-all')).toContain('This week: 3 of 28 sessions done, 11 percent');
    expect(textOf(week, 'week-progress-personal')).toContain(
      'Personal 3 of 21 done · 14% · 1 in progress · 18 open · 0 skipped',
    );
    expect(textOf(week, 'week-progress-admin')).toContain(
      'Admin 0 of 7 done · 0% · 0 in progress · 6 open · 1 skipped',
    );
    expect(textOf(week, 'day-progress-2026-04-08')).toContain(
      '2 of 4 done · 50% · 1 in progress · 1 open · 1 skipped',
    );
    expect(week).toContain('Personal 2 of 3 · Admin 0 of 1 · 1 h 30 min');
    expect(textOf(week, 'day-progress-2026-04-12')).toContain(
      '0 of 4 done · 0% · 0 in progress · 4 open · 0 skipped',
    );
  });
});
