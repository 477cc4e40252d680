import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { focusSessions } from '../../../src/db/schema/index.ts';
import type { ApiCaller } from '../../support/api.ts';
import { TestBrowser } from '../../support/http-client.ts';
import { act, sessionIdsOf } from '../../support/sheet.ts';
import { createTestApp, uniqueEmail } from '../../support/test-app.ts';
import { freshClientIp, newCaller } from '../api/callers.ts';

// A past session logged with the times it really happened: through the API (RFC 3339) and the
// sheet's "Log it" form (local times), checked against the day, then placed by the report's hours
// and the calendar feed where it happened.

/** Monday 6 April 2026, 09:00 in Berlin. */
const MONDAY = new Date('2026-04-06T07:00:00Z');
const t = await createTestApp({ now: MONDAY });
beforeEach(() => t.clock.set(MONDAY));

type Session = {
  id: string;
  state: string;
  startedAt: string | null;
  endedAt: string | null;
  focusSeconds: number;
};
type Problem = { status: number; code: string; detail: string; errors?: Record<string, string> };

const idsOf = async (me: ApiCaller, date: string) =>
  ((await (await me.call(`/days/${date}`)).json()) as { sessions: { id: string }[] }).sessions.map(
    (s) => s.id,
  );
const log = (me: ApiCaller, id: string, json: unknown) =>
  me.call(`/sessions/${id}/log`, { method: 'POST', json });

async function logged(me: ApiCaller, id: string, json: unknown): Promise<Session> {
  const response = await log(me, id, json);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as Session;
}

async function refused(response: Response | Promise<Response>): Promise<Problem> {
  const answer = await response;
  expect(answer.status).toBe(422);
  return (await answer.json()) as Problem;
}

describe('logging a past session with its real times in the API', () => {
  it('keeps 14:00–14:45 Berlin time, and the report and calendar feed show it at that hour', async () => {
    const me = await newCaller(t);
    const [first] = await idsOf(me, '2026-04-03');
    const session = await logged(me, first!, {
      startedAt: '2026-04-03T14:00:00+02:00',
      endedAt: '2026-04-03T14:45:00+02:00',
    });
    expect(session).toMatchObject({
      state: 'completed',
      loggedAfterwards: true,
      startedAt: '2026-04-03T12:00:00.000Z',
      endedAt: '2026-04-03T12:45:00.000Z',
      focusSeconds: 45 * 60,
    });

    const report = (await (await me.call('/reports?from=2026-04-01&to=2026-04-05')).json()) as {
      byHour: { hour: number; focusMinutes: number; completed: number }[];
      focus: { focusMinutes: number; unplacedMinutes: number };
    };
    expect(report.byHour.filter((h) => h.focusMinutes > 0)).toEqual([
      { hour: 14, focusMinutes: 45, completed: 1 },
    ]);
    expect(report.focus).toMatchObject({ focusMinutes: 45, unplacedMinutes: 0 });

    const feed = (await (await me.call('/calendar-feed', { method: 'POST' })).json()) as { url: string };
    const ics = await (
      await t.app.request(feed.url, { headers: { 'x-test-client-ip': freshClientIp() } })
    ).text();
    const events = new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    const event = events.find((e) => e.uid.startsWith(first!))!;
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-04-03T12:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-04-03T12:45:00.000Z');
    expect(event.startDate.isDate).toBe(false);
    expect(ics).toMatch(/DTSTART:20260403T120000Z/);
  });

  it('counts fewer minutes when given, and runs past midnight on the day it started', async () => {
    const me = await newCaller(t);
    const [first, second] = await idsOf(me, '2026-04-04');
    expect(
      await logged(me, first!, {
        startedAt: '2026-04-04T09:00:00Z',
        endedAt: '2026-04-04T10:00:00Z',
        minutes: 40,
      }),
    ).toMatchObject({ focusSeconds: 40 * 60, startedAt: '2026-04-04T09:00:00.000Z' });
    expect(
      await logged(me, second!, {
        startedAt: '2026-04-04T23:30:00+02:00',
        endedAt: '2026-04-05T00:15:00+02:00',
      }),
    ).toMatchObject({ focusSeconds: 45 * 60, endedAt: '2026-04-04T22:15:00.000Z' });
  });

  it('keeps minutes-only logging as it was: no start, all-day in the feed, unplaced in the report', async () => {
    const me = await newCaller(t);
    const [first] = await idsOf(me, '2026-04-03');
    expect(await logged(me, first!, { minutes: 30 })).toMatchObject({
      focusSeconds: 1800,
      startedAt: null,
      endedAt: MONDAY.toISOString(),
    });
    const report = (await (await me.call('/reports?from=2026-04-01&to=2026-04-05')).json()) as {
      focus: { unplacedMinutes: number };
    };
    expect(report.focus.unplacedMinutes).toBe(30);
  });

  it.each([
    [
      'an end before the start',
      { startedAt: '2026-04-03T14:45:00+02:00', endedAt: '2026-04-03T14:00:00+02:00' },
      'endedAt',
      'The end must come after the start.',
    ],
    [
      'a start on another day in the person’s time zone',
      { startedAt: '2026-04-02T23:30:00+02:00', endedAt: '2026-04-03T00:30:00+02:00' },
      'startedAt',
      'The session starts on its own day, 2026-04-03 (in Europe/Berlin).',
    ],
    [
      'more minutes than the time between start and end',
      { startedAt: '2026-04-03T14:00:00+02:00', endedAt: '2026-04-03T14:30:00+02:00', minutes: 45 },
      'minutes',
      'Focus cannot be longer than the 30 minutes from start to end.',
    ],
    [
      'a start without an end',
      { startedAt: '2026-04-03T14:00:00+02:00' },
      'endedAt',
      'Give both the start and the end, or neither.',
    ],
    [
      'a time without its offset',
      { startedAt: '2026-04-03T14:00:00', endedAt: '2026-04-03T14:45:00' },
      'startedAt',
      'Use an RFC 3339 time with its offset, such as 2026-04-06T14:00:00+02:00.',
    ],
    [
      'an impossible date',
      { startedAt: '2026-02-30T14:00:00Z', endedAt: '2026-02-30T14:45:00Z' },
      'startedAt',
      'Use an RFC 3339 time with its offset, such as 2026-04-06T14:00:00+02:00.',
    ],
  ])('answers 422 for %s and stores nothing', async (_, body, field, message) => {
    const me = await newCaller(t);
    const [first] = await idsOf(me, '2026-04-03');
    const problem = await refused(log(me, first!, body));
    expect(problem.errors?.[field]).toBe(message);
    expect((await (await me.call(`/sessions/${first}`)).json()) as Session).toMatchObject({
      state: 'planned',
    });
  });

  it('refuses an end still to come on today’s sheet, and times with any other action', async () => {
    const me = await newCaller(t);
    const [first] = await idsOf(me, '2026-04-06');
    const future = await refused(
      log(me, first!, { startedAt: '2026-04-06T08:30:00+02:00', endedAt: '2026-04-06T09:30:00+02:00' }),
    );
    expect(future.errors?.endedAt).toBe('That end is still to come; log only time that has passed.');
    const start = await refused(
      me.call(`/sessions/${first}/start`, {
        method: 'POST',
        json: { startedAt: '2026-04-06T08:00:00+02:00', endedAt: '2026-04-06T08:30:00+02:00' },
      }),
    );
    expect(start.errors?.startedAt).toBe('A start and end are given only when logging a session.');
    expect(
      await logged(me, first!, {
        startedAt: '2026-04-06T08:00:00+02:00',
        endedAt: '2026-04-06T08:50:00+02:00',
      }),
    ).toMatchObject({ focusSeconds: 50 * 60 });
  });
});

describe('the sheet’s “Log it” on a past day', () => {
  async function person() {
    const browser = new TestBrowser(t.app);
    const email = uniqueEmail();
    await browser.signUp(email, undefined, 'Europe/Berlin');
    const row = async (id: string) =>
      (await t.deps.db.select().from(focusSessions).where(eq(focusSessions.id, id)))[0];
    return { browser, row };
  }

  it('offers optional From and To times beside the minutes', async () => {
    const { browser } = await person();
    const html = await (await browser.get('/day/2026-04-03')).text();
    expect(html).toMatch(/<input id="log-[0-9a-f-]+-start" name="startTime" type="time"/);
    expect(html).toMatch(/<input id="log-[0-9a-f-]+-end" name="endTime" type="time"/);
    expect(html).toContain('(optional)');
  });

  it('reads the times in the person’s time zone; with them the minutes may be left empty', async () => {
    const { browser, row } = await person();
    const [first, second] = await sessionIdsOf(browser, '2026-04-03');
    expect(
      (await act(browser, first!, 'log', { minutes: '', startTime: '14:00', endTime: '14:45' })).status,
    ).toBe(303);
    expect(await row(first!)).toMatchObject({
      state: 'completed',
      startedAt: new Date('2026-04-03T12:00:00Z'),
      endedAt: new Date('2026-04-03T12:45:00Z'),
      focusSeconds: 45 * 60,
    });
    // The old way, minutes only, with the time fields left empty.
    expect((await act(browser, second!, 'log', { minutes: '25', startTime: '', endTime: '' })).status).toBe(
      303,
    );
    expect(await row(second!)).toMatchObject({ focusSeconds: 25 * 60, startedAt: null });
  });

  it('says plainly what is wrong and logs nothing', async () => {
    const { browser, row } = await person();
    const [first] = await sessionIdsOf(browser, '2026-04-03');
    const tooMany = await act(browser, first!, 'log', {
      minutes: '45',
      startTime: '14:00',
      endTime: '14:30',
    });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toContain('Focus cannot be longer than the 30 minutes from start to end.');
    const half = await act(browser, first!, 'log', { minutes: '45', startTime: '14:00', endTime: '' });
    expect(half.status).toBe(422);
    expect(await half.text()).toContain('Give both the start and the end, or neither.');
    // The refused change was the day's first, so the day is still not stored at all.
    expect(await row(first!)).toBeUndefined();
  });
});
