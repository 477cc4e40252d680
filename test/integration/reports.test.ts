import { beforeAll, describe, expect, it } from 'vitest';
import { reportFor, yearHeatmapFor } from '../../src/services/reports.ts';
import { type ApiCaller, apiCaller } from '../support/api.ts';
import { TestBrowser } from '../support/http-client.ts';
import type { components } from '../support/openapi-schema.d.ts';
import { insertDays, insertTask, weekdayPattern } from '../support/report-history.ts';
import { SseReader } from '../support/sse.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Wednesday 8 April 2026, 10:00 in Berlin. History: weekdays from 2 February to 7 April (see
// weekdayPattern), plus a session just after local midnight on Tuesday 7 April; today untouched.
type ApiReport = components['schemas']['Report'];
type ApiYearHeatmap = components['schemas']['YearHeatmap'];

const NOW = new Date('2026-04-08T08:00:00Z');
const ZONE = 'Europe/Berlin';

let t: TestApp;
let me: ApiCaller;
let other: ApiCaller;
const actorOf = (caller: ApiCaller) => ({ id: caller.userId, email: caller.email, isAdmin: false });

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  me = await apiCaller(t, { timeZone: ZONE });
  other = await apiCaller(t, { timeZone: ZONE });
  const taskId = await insertTask(t.deps.db, me.userId, { project: 'Web', task: 'Fix login', type: 'bug' });
  const days = weekdayPattern('2026-02-02', '2026-04-07', taskId);
  const tuesday = days.find((d) => d.date === '2026-04-07')!;
  tuesday.plans[3] = { state: 'completed', minutes: 30, at: '00:30', outcome: 'blocked' };
  await insertDays(t.deps.db, { id: me.userId, timeZone: ZONE }, days);
  // Someone else, busy on the same days: never part of my numbers.
  const theirTask = await insertTask(t.deps.db, other.userId, {
    project: 'Secret',
    task: 'Theirs',
    type: 'feature',
  });
  await insertDays(
    t.deps.db,
    { id: other.userId, timeZone: ZONE },
    ['2026-03-02', '2026-03-03', '2026-04-06'].map((date) => ({
      date,
      plans: {
        1: {
          state: 'completed',
          minutes: 90,
          at: '14:00',
          mainTaskId: theirTask,
          switches: ['urgent', 'urgent'],
        },
        2: { state: 'completed', minutes: 90, at: '16:00' },
        3: { state: 'completed', minutes: 90, at: '18:00' },
        4: { state: 'completed', minutes: 90, at: '20:00' },
      },
    })),
  );
});

describe('reports over months of history', () => {
  it('reports a month exactly: sessions, focus, streaks, projects, task types, hours, interruptions, outcomes', async () => {
    t.clock.set(NOW);
    const { period, report } = await reportFor(t.deps, actorOf(me), { period: 'month', date: '2026-03-15' });
    expect(period).toBe('month');
    expect(report.range).toEqual({ from: '2026-03-01', to: '2026-03-31', days: 31 });
    // 22 weekdays: 13 Mon/Wed/Fri, 9 Tue/Thu, 4 Fridays; every stored day holds four slots.
    expect(report.sessions).toEqual({
      planned: 88,
      completed: 39,
      skipped: 9,
      personalCompleted: 35,
      adminCompleted: 4,
      completionRate: 39 / 88,
    });
    expect(report.focus).toEqual({
      focusMinutes: 1890,
      personalMinutes: 1770,
      adminMinutes: 120,
      overtimeMinutes: 195,
      focusedDays: 22,
      unplacedMinutes: 120,
    });
    expect(report.streaks).toEqual({
      current: { length: 2, includesToday: false, needsToday: true },
      longestInRange: 5,
    });
    expect(report.byDay).toHaveLength(31);
    expect(report.byDay[0]).toEqual({
      date: '2026-03-01',
      completed: 0,
      focusMinutes: 0,
      personalMinutes: 0,
      adminMinutes: 0,
    });
    expect(report.byDay[1]).toEqual({
      date: '2026-03-02',
      completed: 2,
      focusMinutes: 105,
      personalMinutes: 105,
      adminMinutes: 0,
    });
    expect(report.byDay[5]).toEqual({
      date: '2026-03-06',
      completed: 3,
      focusMinutes: 135,
      personalMinutes: 105,
      adminMinutes: 30,
    });
    expect(report.byProject).toEqual([
      { projectId: expect.any(String), name: 'Web', focusMinutes: 780, sessions: 13 },
      { projectId: null, name: null, focusMinutes: 1110, sessions: 26 },
    ]);
    expect(report.byTaskType.filter((x) => x.sessions > 0)).toEqual([
      { type: 'bug', focusMinutes: 780, sessions: 13 },
      { type: 'none', focusMinutes: 1110, sessions: 26 },
    ]);
    expect(report.byHour.filter((h) => h.focusMinutes > 0)).toEqual([
      { hour: 9, focusMinutes: 990, completed: 22 },
      { hour: 11, focusMinutes: 780, completed: 13 },
    ]);
    expect(report.switches.total).toBe(9);
    expect(report.switches.perFocusHour).toBe(0.29);
    expect(report.switches.byReason.filter((r) => r.count > 0)).toEqual([
      { reason: 'meeting', count: 5 },
      { reason: 'message', count: 4 },
    ]);
    expect(report.outcomes).toEqual({ done: 22, progressed: 13, blocked: 0, nothing: 0, none: 4 });
  });

  it('reports this week by default, counting a session after local midnight on its local day and today’s slots only once stored', async () => {
    t.clock.set(NOW);
    const { period, report } = await reportFor(t.deps, actorOf(me), {});
    expect(period).toBe('week');
    expect(report.range).toEqual({ from: '2026-04-06', to: '2026-04-12', days: 7 });
    expect(report.sessions).toMatchObject({ planned: 8, completed: 4, skipped: 1, completionRate: 0.5 });
    expect(report.byDay.slice(0, 3).map((d) => [d.date, d.completed, d.focusMinutes])).toEqual([
      ['2026-04-06', 2, 105],
      ['2026-04-07', 2, 75],
      ['2026-04-08', 0, 0],
    ]);
    expect(report.byHour[0]).toEqual({ hour: 0, focusMinutes: 30, completed: 1 });
    expect(report.outcomes.blocked).toBe(1);
    expect(report.switches.total).toBe(1);
  });

  it('reads a custom range across months, and refuses reversed or over-long ones', async () => {
    t.clock.set(NOW);
    const { period, report } = await reportFor(t.deps, actorOf(me), { from: '2026-02-27', to: '2026-03-03' });
    expect(period).toBe('custom');
    // Fri 27 Feb, Mon 2 Mar, Tue 3 Mar.
    expect(report.sessions).toMatchObject({ planned: 12, completed: 6, skipped: 1 });
    expect(report.focus.focusMinutes).toBe(45 + 60 + 30 + 45 + 60 + 45);
    // The weekend between breaks the run.
    expect(report.streaks.longestInRange).toBe(2);
    await expect(
      reportFor(t.deps, actorOf(me), { from: '2026-03-03', to: '2026-02-27' }),
    ).rejects.toMatchObject({
      code: 'validation',
      fields: { to: 'The first day must not be after the last day.' },
    });
    await expect(
      reportFor(t.deps, actorOf(me), { from: '2023-01-01', to: '2026-03-03' }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: 'A report covers at most 3 years; choose a shorter range.',
    });
  });

  it('gives a year heat-map of focus minutes with levels', async () => {
    t.clock.set(NOW);
    const map = await yearHeatmapFor(t.deps, actorOf(me), '2026');
    expect(map.days).toHaveLength(365);
    const day = (date: string) => map.days.find((d) => d.date === date);
    expect(day('2026-03-06')).toMatchObject({ focusMinutes: 135, level: 4 });
    expect(day('2026-03-03')).toMatchObject({ focusMinutes: 45, level: 2 });
    expect(day('2026-03-07')).toMatchObject({ focusMinutes: 0, level: 0 });
    // Weekdays from 2 Feb to 7 Apr: 47.
    expect(map.activeDays).toBe(47);
  });
});

describe('reports in the API', () => {
  it('answers the month report and the year heat-map with the same numbers', async () => {
    t.clock.set(NOW);
    const response = await me.call('/reports?period=month&date=2026-03-31');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as ApiReport;
    expect(body.period).toBe('month');
    expect(body.sessions).toMatchObject({ planned: 88, completed: 39, skipped: 9 });
    expect(body.focus.focusMinutes).toBe(1890);
    expect(JSON.stringify(body)).not.toContain('Secret');

    const custom = (await (await me.call('/reports?from=2026-03-02&to=2026-03-02')).json()) as ApiReport;
    expect(custom.byDay).toEqual([
      { date: '2026-03-02', completed: 2, focusMinutes: 105, personalMinutes: 105, adminMinutes: 0 },
    ]);

    const heatmap = (await (await me.call('/reports/heatmap?year=2026')).json()) as ApiYearHeatmap;
    expect(heatmap.from).toBe('2026-01-01');
    expect(heatmap.days.find((d) => d.date === '2026-03-06')).toEqual({
      date: '2026-03-06',
      focusMinutes: 135,
      level: 4,
    });
  });

  it('shows another person only their own numbers', async () => {
    t.clock.set(NOW);
    const body = (await (await other.call('/reports?period=month&date=2026-03-01')).json()) as ApiReport;
    expect(body.sessions).toMatchObject({ planned: 8, completed: 8 });
    expect(body.focus.focusMinutes).toBe(720);
    expect(body.byProject[0]).toMatchObject({ name: 'Secret', focusMinutes: 180 });
    expect(JSON.stringify(body)).not.toContain('Web');
  });

  it('refuses bad ranges with a problem document', async () => {
    const response = await me.call('/reports?from=2026-04-10&to=2026-04-01');
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { errors: Record<string, string> };
    expect(problem.errors.to).toBe('The first day must not be after the last day.');
    expect((await me.call('/reports?period=fortnight')).status).toBe(422);
    expect((await me.call('/reports/heatmap?year=soon')).status).toBe(422);
  });
});

describe('the reports page', () => {
  async function signedIn(caller: ApiCaller) {
    const browser = new TestBrowser(t.app);
    await browser.logIn(caller.email);
    return browser;
  }

  it('shows the month in words and four charts, with insights, exports and period links', async () => {
    t.clock.set(NOW);
    const browser = await signedIn(me);
    const response = await browser.get('/reports?period=month&date=2026-03-15');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('1 – 31 Mar 2026');
    expect(html).toContain('39 of 88 planned sessions completed (44%) · 9 skipped');
    expect(html).toContain('35 personal · 4 admin completed');
    expect(html).toContain('31 h 30 min focused: 29 h 30 min personal, 2 h admin (3 h 15 min beyond plan)');
    expect(html).toContain(
      '22 focused days · longest run 5 days · current streak 2 days, keep it going today',
    );
    expect(html).toContain('9 interruptions, 0.3 per focus hour');
    expect(html).toContain('Web: 13 h · 13 sessions');
    expect(html).toContain('Bug: 13 h · 13 sessions');
    expect(html).toContain('Done: 22');
    expect(html.match(/<svg role="img"/g)).toHaveLength(4);
    for (const chart of ['chart-focus', 'chart-year', 'chart-hours', 'chart-switches'])
      expect(html).toContain(`data-chart="${chart}"`);
    expect(html).toContain('<title>Fri 6 Mar: 2 h 15 min</title>');
    expect(html).toContain('<th scope="row">09:00</th><td>16 h 30 min</td><td>22</td>');
    expect(html).toMatch(/<section id="insights" aria-labelledby="insights-heading"/);
    expect(html).toContain('href="/exports/report.pdf?from=2026-03-01&amp;to=2026-03-31"');
    expect(html).toContain('href="/exports/sessions.json?from=2026-03-01&amp;to=2026-03-31"');
    expect(html).toContain('href="/reports?period=month&amp;date=2026-02-01"');
    expect(html).toContain('href="/reports?period=month&amp;date=2026-04-01"');
    expect(html).toMatch(/href="\/reports" aria-current="page"|aria-current="page"[^>]*>Reports/);
    expect(html).not.toContain('Secret');
    expect(html).not.toMatch(/style="/);

    const exports = [...html.matchAll(/href="(\/exports\/[^"]+)"/g)].map((m) =>
      m[1]!.replaceAll('&amp;', '&'),
    );
    expect(exports).toHaveLength(4);
    for (const href of exports) {
      const answer = await browser.get(href);
      expect(answer.status, href).toBe(200);
      await answer.arrayBuffer();
    }
  });

  it('opens on this week, and a custom range over two weeks shows bars per day', async () => {
    t.clock.set(NOW);
    const browser = await signedIn(me);
    const week = await (await browser.get('/reports')).text();
    expect(week).toContain('6 – 12 Apr 2026');
    expect(week).toContain('4 of 8 planned sessions completed (50%) · 1 skipped');
    expect(week).toContain('aria-label="Previous week"');
    expect(week).toContain('href="/reports?period=week&amp;date=2026-03-30"');

    const custom = await (await browser.get('/reports?from=2026-03-02&to=2026-03-15')).text();
    expect(custom).toContain('2 – 15 Mar 2026');
    expect(custom).toContain('<title id="chart-focus-title">Focus per day</title>');
    expect(custom).toContain('href="/reports?from=2026-03-16&amp;to=2026-03-29"');
  });

  it('answers a bad custom range with a calm form error and this week’s report', async () => {
    t.clock.set(NOW);
    const browser = await signedIn(me);
    for (const [query, message] of [
      ['from=2026-04-10&to=2026-04-01', 'The first day must not be after the last day.'],
      ['from=&to=', 'Give the first day as a date such as 2026-04-06.'],
      ['from=2020-01-01&to=2026-01-01', 'A report covers at most 3 years; choose a shorter range.'],
      ['from=2026-02-30&to=2026-03-01', 'Give the first day as a date such as 2026-04-06.'],
      ['period=decade', 'Choose week or month, or give a first and last day.'],
    ] as const) {
      const response = await browser.get(`/reports?${query}`);
      expect(response.status, query).toBe(422);
      const html = await response.text();
      expect(html, query).toContain(message);
      expect(html, query).toContain('6 – 12 Apr 2026');
    }
  });

  it('shows another person only their own report', async () => {
    t.clock.set(NOW);
    const browser = await signedIn(other);
    const html = await (await browser.get('/reports?period=month&date=2026-03-01')).text();
    expect(html).toContain('8 of 8 planned sessions completed (100%)');
    expect(html).toContain('Secret: 3 h');
    expect(html).not.toContain('Web:');
    expect(html).not.toContain('39 of 88');
  });

  it('serves its figures alone for the shown range, and they follow a session run and interrupted through the API', async () => {
    t.clock.set(NOW);
    const person = await apiCaller(t, { timeZone: ZONE });
    const browser = await signedIn(person);
    // The page names its fragment and the days whose sessions it counts: the heatmap's year up to
    // the week's last day (today lies inside it).
    const page = await (await browser.get('/reports')).text();
    expect(page).toContain(
      '<div id="report-figures" class="space-y-4" data-fragment-url="/reports/fragment?from=2026-04-06&amp;to=2026-04-12" data-from="2025-04-13" data-to="2026-04-12">',
    );
    const fragmentUrl = '/reports/fragment?from=2026-04-06&to=2026-04-12';
    const before = await browser.get(fragmentUrl);
    expect(before.status).toBe(200);
    expect(before.headers.get('cache-control')).toBe('no-store');
    const empty = await before.text();
    expect(empty).toMatch(/^<div id="report-figures"/);
    expect(empty).toContain('Nothing planned in this range yet.');
    expect(empty).toContain('0 min focused');
    expect(empty).toContain('No interruptions recorded');
    expect(empty.match(/<svg role="img"/g)).toHaveLength(4);
    expect(empty).not.toContain('Take it with you');
    expect(empty).not.toContain('<html');

    // Another device runs today's first session with an interruption, all through the API, while
    // an API client follows the event stream.
    const stream = await person.call('/events', { headers: { accept: 'text/event-stream' } });
    const follower = new SseReader(stream);
    await follower.waitFor((events) => events.some((e) => e.event === 'hello'));
    const day = (await (await person.call('/days/today')).json()) as { sessions: { id: string }[] };
    const sessionId = day.sessions[0]!.id;
    expect((await person.call(`/sessions/${sessionId}/start`, { method: 'POST' })).status).toBe(200);
    t.clock.advance(10 * 60);
    const interruption = await person.call('/context-switches', {
      method: 'POST',
      json: { sessionId, reason: 'meeting' },
    });
    expect(interruption.status).toBe(201);
    t.clock.advance(35 * 60);
    expect((await person.call(`/sessions/${sessionId}/complete`, { method: 'POST' })).status).toBe(200);

    // Each change, the interruption included, says which day's session it touched.
    await follower.waitFor((events) => events.filter((e) => e.event === 'session.updated').length === 3);
    await follower.close();
    const updates = follower.events
      .filter((e) => e.event === 'session.updated')
      .map((e) => JSON.parse(e.data));
    expect(updates.map((u) => [u.date, u.state])).toEqual([
      ['2026-04-08', 'active'],
      ['2026-04-08', 'active'],
      ['2026-04-08', 'completed'],
    ]);

    const after = await (await browser.get(fragmentUrl)).text();
    expect(after).toContain('1 of 4 planned sessions completed (25%) · 0 skipped');
    expect(after).toContain('45 min focused: 45 min personal, 0 min admin');
    expect(after).toContain('1 interruption, 1.3 per focus hour');
    expect(after).toContain('<title>Wed 8 Apr: 45 min</title>');
  });

  it('answers the figures of the range asked for, only the person’s own, and a bad range with a 422', async () => {
    t.clock.set(NOW);
    const mine = await (
      await (await signedIn(me)).get('/reports/fragment?from=2026-03-01&to=2026-03-31')
    ).text();
    expect(mine).toContain('39 of 88 planned sessions completed (44%) · 9 skipped');
    expect(mine).toContain('data-from="2025-04-01" data-to="2026-04-08"');
    expect(mine).not.toContain('Secret');
    const theirs = await (await signedIn(other)).get('/reports/fragment?from=2026-03-01&to=2026-03-31');
    const html = await theirs.text();
    expect(html).toContain('8 of 8 planned sessions completed (100%)');
    expect(html).not.toContain('Web:');
    const reversed = await (await signedIn(me)).get('/reports/fragment?from=2026-04-10&to=2026-04-01');
    expect(reversed.status).toBe(422);
    const signedOut = await new TestBrowser(t.app).get('/reports/fragment?from=2026-03-01&to=2026-03-31');
    expect(signedOut.status).toBe(303);
  });

  it('sends someone signed out to log in', async () => {
    const response = await new TestBrowser(t.app).get('/reports?period=month');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Freports%3Fperiod%3Dmonth');
  });
});
